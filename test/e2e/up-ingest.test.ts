import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultLoghubFolder } from '../../src/patterns/data-location.js'
import { countLogs, startLogplatUp, type LogplatUp } from '../support/logplat-process.js'
import { waitFor } from '../support/platform.js'

const file = join(defaultLoghubFolder(), 'OpenSSH', 'OpenSSH_2k.log')
const hasData = existsSync(file)
if (!hasData && process.env['CI']) throw new Error(`The Loghub data is missing at ${file}.`)
const dataDir = mkdtempSync(join(tmpdir(), 'logplat-up-ingest-'))
let platform: LogplatUp | undefined

afterAll(async () => {
  await platform?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe.skipIf(!hasData)('logplat up --ingest', () => {
  it('sends the file once the platform is up, reports it, and keeps running', async () => {
    platform = await startLogplatUp(dataDir, {
      args: ['--ingest', file, '--ingest', 'missing.log'],
    })
    const up = platform

    await waitFor(
      '2000 OpenSSH logs',
      async () => (await countLogs(up.gatewayUrl, 'OpenSSH_2k')) === 2000,
    )
    await waitFor('the ingest report', async () => up.output().includes('missing.log'))

    expect(up.output()).toMatch(/accepted\s+2000/)
    expect(up.output()).toContain('Cannot open log file missing.log: no such file.')
    expect(up.child.exitCode).toBeNull()
    expect(await up.stop()).toBe(0)
  })
})
