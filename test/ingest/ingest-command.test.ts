import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import IngestCommand from '../../commands/ingest.js'
import { startIngestGateway, type IngestGateway } from './support/ingest-gateway.js'

const repoRoot = resolve(import.meta.dirname, '..', '..')
let folder = ''
let gateway: IngestGateway

interface Outcome {
  stdout: string
  stderr: string
  exitCode: number
}

// Runs the command in this process; oclif prints through console.log and
// console.error, so those are what is collected.
async function ingest(argv: string[]): Promise<Outcome> {
  const output = { stdout: '', stderr: '' }
  const originals = { log: console.log, error: console.error }
  console.log = (text: unknown) => (output.stdout += `${String(text)}\n`)
  console.error = (text: unknown) => (output.stderr += `${String(text)}\n`)

  let exitCode = 0
  try {
    await IngestCommand.run(argv, repoRoot)
  } catch (error) {
    exitCode = (error as { oclif?: { exit?: number } }).oclif?.exit ?? 99
  } finally {
    console.log = originals.log
    console.error = originals.error
  }
  return { ...output, exitCode }
}

async function logFile(name: string, text: string): Promise<string> {
  const path = join(folder, name)
  await writeFile(path, text)
  return path
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'logplat-ingest-'))
  gateway = await startIngestGateway({ refuseText: 'REFUSE' })
})

afterEach(async () => {
  await gateway.close()
  await rm(folder, { recursive: true, force: true })
})

describe('logplat ingest', () => {
  it('sends a file under its base name as the service and prints the summary', async () => {
    const path = await logFile('payments.log', '2024-03-01 10:00:00 ERROR boom\n\nREFUSE me\nok\n')

    const outcome = await ingest([path, '--gateway', gateway.url])

    expect(outcome.exitCode).toBe(0)
    expect(outcome.stderr).toBe('')
    expect(outcome.stdout).toMatch(/^service\s+payments$/m)
    expect(outcome.stdout).toMatch(/^lines read\s+4$/m)
    expect(outcome.stdout).toMatch(/^accepted\s+2$/m)
    expect(outcome.stdout).toMatch(/^rejected\s+1$/m)
    expect(outcome.stdout).toMatch(/^skipped \(blank\)\s+1$/m)
    expect(outcome.stdout).toMatch(/^\s*3\s+message contains "REFUSE"$/m)
    expect(gateway.records.map((record) => [record.service, record.level])).toEqual([
      ['payments', 'ERROR'],
      ['payments', 'INFO'],
    ])
  })

  it('prints every rejection as JSON with --json and honours --service and --environment', async () => {
    const lines = Array.from({ length: 15 }, (_, index) => `REFUSE ${index + 1}`)
    const path = await logFile('many.log', lines.join('\n'))

    const outcome = await ingest([
      path,
      '--gateway',
      gateway.url,
      '--service',
      'billing',
      '--environment',
      'staging',
      '--format',
      'text',
      '--batch-size',
      '4',
      '--json',
    ])

    const report = JSON.parse(outcome.stdout) as Record<string, unknown>
    expect(outcome.exitCode).toBe(0)
    expect(report).toMatchObject({
      service: 'billing',
      environment: 'staging',
      format: 'text',
      lines_read: 15,
      accepted: 0,
      rejected: 15,
      failure: null,
    })
    expect((report['rejections'] as { line: number }[]).map((item) => item.line)).toEqual(
      lines.map((_, index) => index + 1),
    )
    expect(gateway.requests.map((request) => request.query)).toContainEqual({
      service: 'billing',
      environment: 'staging',
    })
  })

  it('exits 1 with one line on stderr when the gateway is unreachable', async () => {
    const path = await logFile('app.log', 'hello\n')
    await gateway.close()

    const outcome = await ingest([path, '--gateway', gateway.url])

    expect(outcome.exitCode).toBe(1)
    expect(outcome.stdout).toMatch(/^accepted\s+0$/m)
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1)
    expect(outcome.stderr).toContain(`The gateway is not reachable at ${gateway.url}`)
    expect(outcome.stderr).toContain('(LOGPLAT_INGEST_BATCH_FAILED)')
  })

  it('exits 1 naming the file when it does not exist', async () => {
    const outcome = await ingest([join(folder, 'missing.log'), '--gateway', gateway.url])

    expect(outcome.exitCode).toBe(1)
    expect(outcome.stderr).toContain('missing.log: no such file. (LOGPLAT_INGEST_FILE_UNREADABLE)')
  })

  it('refuses a batch size above the gateway limit before reading anything', async () => {
    const path = await logFile('app.log', 'hello\n')

    const outcome = await ingest([path, '--gateway', gateway.url, '--batch-size', '20000'])

    expect(outcome.exitCode).toBe(1)
    expect(outcome.stderr).toContain('Batch size 20000 is more than')
    expect(gateway.requests).toEqual([])
  })
})
