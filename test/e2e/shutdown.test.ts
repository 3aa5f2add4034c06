import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { countLogs, REPO_ROOT, startLogplatUp } from '../support/logplat-process.js'
import { waitFor } from '../support/platform.js'

const LINES = 300_000
const folder = mkdtempSync(join(tmpdir(), 'logplat-shutdown-'))
const dataDir = join(folder, 'data')

function writeJsonLines(file: string): void {
  const lines = Array.from({ length: LINES }, (_, index) =>
    JSON.stringify({ log_id: `shutdown-${index}`, service: 'shutdown', message: `line ${index}` }),
  )
  writeFileSync(file, `${lines.join('\n')}\n`)
}

function startIngest(file: string, env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'logplat.js'), 'ingest', file, '--json'],
    {
      env: { ...process.env, ...env },
    },
  )
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const done = new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout })),
  )
  return done
}

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

describe('logplat up stopped with SIGTERM mid-ingest', () => {
  it('loses no record the gateway accepted', async () => {
    const file = join(folder, 'big.jsonl')
    writeJsonLines(file)
    const first = await startLogplatUp(dataDir)

    const ingest = startIngest(file, first.env)
    await waitFor(
      'the first stored logs',
      async () => (await countLogs(first.gatewayUrl, 'shutdown')) > 0,
      60_000,
    )
    const exitCode = await first.stop('SIGTERM')
    const { code, stdout } = await ingest
    const accepted = (JSON.parse(stdout) as { accepted: number }).accepted
    const second = await startLogplatUp(dataDir)
    await waitFor(
      `${accepted} logs after the restart`,
      async () => (await countLogs(second.gatewayUrl, 'shutdown')) >= accepted,
      60_000,
    )
    const stored = await countLogs(second.gatewayUrl, 'shutdown')
    await second.stop('SIGTERM')

    expect(exitCode).toBe(0)
    expect(code).toBe(1)
    expect(accepted).toBeGreaterThan(0)
    expect(accepted).toBeLessThan(LINES)
    expect(stored).toBeGreaterThanOrEqual(accepted)
    expect(stored).toBeLessThanOrEqual(LINES)
  }, 180_000)
})
