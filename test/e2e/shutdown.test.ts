import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { countLogs, REPO_ROOT, startLogplatUp, type LogplatUp } from '../support/logplat-process.js'
import { waitFor } from '../support/platform.js'

const LINES = 300_000
const folder = mkdtempSync(join(tmpdir(), 'logplat-shutdown-'))
const file = join(folder, 'big.jsonl')
const started: Array<LogplatUp | ChildProcess> = []

function writeJsonLines(): void {
  const lines = Array.from({ length: LINES }, (_, index) =>
    JSON.stringify({ log_id: `shutdown-${index}`, service: 'shutdown', message: `line ${index}` }),
  )
  writeFileSync(file, `${lines.join('\n')}\n`)
}

function startIngest(env: Record<string, string>) {
  const bin = join(REPO_ROOT, 'bin', 'logplat.js')
  const child = spawn(process.execPath, [bin, 'ingest', file, '--json'], {
    env: { ...process.env, ...env },
  })
  started.push(child)
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  return new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout })),
  )
}

async function up(dataDir: string, args: string[] = []): Promise<LogplatUp> {
  const platform = await startLogplatUp(dataDir, { args })
  started.push(platform)
  return platform
}

beforeAll(() => {
  writeJsonLines()
})

afterEach(async () => {
  for (const process of started.splice(0)) {
    if ('stop' in process) await process.stop('SIGKILL')
    else process.kill('SIGKILL')
  }
})

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

describe('logplat up stopped mid-ingest', () => {
  it('loses no record the gateway accepted when stopped with SIGTERM', async () => {
    const dataDir = join(folder, 'sigterm')
    const first = await up(dataDir)

    const ingest = startIngest(first.env)
    await waitFor(
      'stored logs',
      async () => (await countLogs(first.gatewayUrl, 'shutdown')) > 0,
      60_000,
    )
    const exitCode = await first.stop('SIGTERM')
    const { code, stdout } = await ingest
    const accepted = (JSON.parse(stdout) as { accepted: number }).accepted
    const second = await up(dataDir)
    await waitFor(
      `${accepted} logs after the restart`,
      async () => (await countLogs(second.gatewayUrl, 'shutdown')) >= accepted,
      60_000,
    )
    const stored = await countLogs(second.gatewayUrl, 'shutdown')

    expect(exitCode).toBe(0)
    expect(code).toBe(1)
    expect(accepted).toBeGreaterThan(0)
    expect(accepted).toBeLessThan(LINES)
    expect(stored).toBeGreaterThanOrEqual(accepted)
    expect(stored).toBeLessThanOrEqual(LINES)
  }, 180_000)

  it('stops cleanly on SIGINT while its own --ingest is still sending', async () => {
    const dataDir = join(folder, 'sigint')
    const platform = await up(dataDir, ['--ingest', file])

    await waitFor(
      'stored logs',
      async () => (await countLogs(platform.gatewayUrl, 'shutdown')) > 0,
      60_000,
    )
    const exitCode = await platform.stop('SIGINT')

    expect(exitCode).toBe(0)
    expect(platform.output()).not.toMatch(/accepted\s+300000/)
    expect(platform.output()).toContain('LOGPLAT_INGEST_INTERRUPTED')
    expect(platform.output()).not.toContain('not reachable')
  }, 120_000)
})
