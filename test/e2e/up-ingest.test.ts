import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultLoghubFolder } from '../../src/patterns/data-location.js'
import {
  countLogs,
  isolatedEnvironment,
  runLogplat,
  startLogplatUp,
  type LogplatUp,
} from '../support/logplat-process.js'
import { waitFor } from '../support/platform.js'

const file = join(defaultLoghubFolder(), 'OpenSSH', 'OpenSSH_2k.log')
const hasData = existsSync(file)
if (!hasData && process.env['CI']) throw new Error(`The Loghub data is missing at ${file}.`)
const folder = mkdtempSync(join(tmpdir(), 'logplat-up-ingest-'))
let platform: LogplatUp | undefined

afterAll(async () => {
  await platform?.stop()
  rmSync(folder, { recursive: true, force: true })
})

describe('logplat up --ingest', () => {
  it.skipIf(!hasData)(
    'sends the file once the platform is up, reports it, and keeps running',
    async () => {
      platform = await startLogplatUp(join(folder, 'data'), { args: ['--ingest', file] })
      const up = platform

      await waitFor(
        '2000 OpenSSH logs',
        async () => (await countLogs(up.gatewayUrl, 'OpenSSH_2k')) === 2000,
      )
      await waitFor('the ingest report', async () => /accepted\s+2000/.test(up.output()))

      expect(up.child.exitCode).toBeNull()
      expect(await up.stop()).toBe(0)
    },
  )

  it.each([
    ['a missing file', 'missing.log', 'no such file'],
    ['a binary file', 'binary.log', 'looks binary'],
  ])('refuses %s before starting anything', async (_what, name, reason) => {
    writeFileSync(join(folder, 'binary.log'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]))
    const env = await isolatedEnvironment(join(folder, 'refused'))

    const result = await runLogplat(['up', '--no-generate', '--ingest', join(folder, name)], env)

    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain(reason)
  })
})
