import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigSchema } from '../../src/config/index.js'
import { REPO_ROOT } from '../support/logplat-process.js'

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')

function commandNames(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return commandNames(path)
    if (!entry.name.endsWith('.ts')) return []
    const name = relative(join(REPO_ROOT, 'commands'), path).replace(/\.ts$/, '')
    return [name.split('/').join(' ')]
  })
}

describe('README', () => {
  it('has a row for every configuration variable', () => {
    const variables = Object.values(ConfigSchema.properties).map(
      (setting) => (setting as unknown as { env: string }).env,
    )

    const missing = variables.filter((variable) => !readme.includes(`| \`${variable}\``))

    expect(missing).toEqual([])
  })

  it('names every command', () => {
    const names = commandNames(join(REPO_ROOT, 'commands'))

    const missing = names.filter((name) => !readme.includes(`logplat ${name}`))

    expect(names.length).toBeGreaterThan(5)
    expect(missing).toEqual([])
  })
})
