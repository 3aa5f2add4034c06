import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normalizeLevel } from '../../src/logs/levels.js'
import { parseCsv } from '../../src/patterns/csv.js'
import { defaultLoghubFolder } from '../../src/patterns/data-location.js'
import {
  countLogs,
  runLogplat,
  startLogplatUp,
  type LogplatUp,
} from '../support/logplat-process.js'
import { waitFor } from '../support/platform.js'

const loghub = defaultLoghubFolder()
const hasData = existsSync(loghub)
if (!hasData && process.env['CI']) throw new Error(`The Loghub data is missing at ${loghub}.`)

const SYSTEMS = ['Apache', 'BGL', 'HDFS', 'Hadoop', 'Linux', 'OpenSSH', 'Spark', 'Zookeeper']
const dataDir = mkdtempSync(join(tmpdir(), 'logplat-e2e-'))
let platform: LogplatUp

/** Severe lines per level as the labelled CSV's `Level` column says, where it has one. */
function labelledSevereCounts(system: string): Map<string, number> {
  const csv = readFileSync(join(loghub, system, `${system}_2k.log_structured.csv`), 'utf8')
  const [header, ...rows] = parseCsv(csv)
  const column = header?.indexOf('Level') ?? -1
  const counts = new Map<string, number>()
  if (column < 0 || system === 'Linux') return counts
  for (const row of rows) {
    const level = normalizeLevel(row[column] ?? '')
    if (level === 'WARN' || level === 'ERROR' || level === 'FATAL') {
      counts.set(level, (counts.get(level) ?? 0) + 1)
    }
  }
  return counts
}

async function countLevel(system: string, level: string): Promise<number> {
  const query = `service=${system}&level=${level}&limit=1`
  const response = await fetch(`${platform.gatewayUrl}/api/logs?${query}`)
  return ((await response.json()) as { total: number }).total
}

beforeAll(async () => {
  if (hasData) platform = await startLogplatUp(dataDir)
}, 90_000)

afterAll(async () => {
  if (platform !== undefined) expect(await platform.stop()).toBe(0)
  rmSync(dataDir, { recursive: true, force: true })
})

describe.skipIf(!hasData)('logplat up with real Loghub logs', () => {
  it.each(SYSTEMS)(
    'makes all 2,000 lines of %s queryable, with the levels its format carries',
    async (system) => {
      const file = join(loghub, system, `${system}_2k.log`)

      const result = await runLogplat(['ingest', file, '--service', system, '--json'], platform.env)
      const summary = JSON.parse(result.stdout) as { lines_read: number; accepted: number }
      await waitFor(
        `2000 ${system} logs`,
        async () => (await countLogs(platform.gatewayUrl, system)) === 2000,
      )

      expect(result.code).toBe(0)
      expect(summary).toMatchObject({ lines_read: 2000, accepted: 2000 })
      for (const [level, expected] of labelledSevereCounts(system)) {
        expect({ level, count: await countLevel(system, level) }).toEqual({
          level,
          count: expected,
        })
      }
    },
    60_000,
  )

  it('stores each line once when the same file is ingested again', async () => {
    const file = join(loghub, 'HDFS', 'HDFS_2k.log')

    const consumerStats = `${platform.env['LOGPLAT_CONSUMER_URL'] ?? ''}/stats`
    const written = async () =>
      ((await (await fetch(consumerStats)).json()) as { total_written: number }).total_written
    const writtenBefore = await written()

    const again = await runLogplat(['ingest', file, '--service', 'HDFS', '--json'], platform.env)
    await waitFor(
      'the second copy to be stored',
      async () => (await written()) >= writtenBefore + 2000,
    )

    expect(again.code).toBe(0)
    expect(await countLogs(platform.gatewayUrl, 'HDFS')).toBe(2000)
  })

  it('shows stored logs through logplat logs, with terminal escapes neutralised', async () => {
    const hostile = JSON.stringify({
      service: 'hostile',
      level: 'error',
      message: 'boom \u001b[2J\u001b]0;pwned\u0007 end',
    })
    await runLogplat(['ingest', '-', '--service', 'hostile'], platform.env, `${hostile}\n`)
    await waitFor(
      'the hostile log',
      async () => (await countLogs(platform.gatewayUrl, 'hostile')) === 1,
    )

    const table = await runLogplat(['logs', '--service', 'hostile', '--since', '1d'], platform.env)
    const json = await runLogplat(
      ['logs', '--service', 'HDFS', '--level', 'warn', '--limit', '5', '--json'],
      platform.env,
    )
    const page = JSON.parse(json.stdout) as { logs: Array<{ level: string }>; limit: number }

    expect(table.code).toBe(0)
    expect(table.stdout).toContain('boom')
    expect(table.stdout).not.toContain('\u001b')
    expect(page.limit).toBe(5)
    expect(page.logs.map((log) => log.level)).toEqual(['WARN', 'WARN', 'WARN', 'WARN', 'WARN'])
  })

  it('answers a bad flag of logplat logs with one line and exit 1', async () => {
    const result = await runLogplat(['logs', '--since', 'last tuesday'], platform.env)

    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain('--since')
  })

  it('reports the running services healthy and the rest down in logplat health', async () => {
    const result = await runLogplat(['health', '--json'], platform.env)
    const report = JSON.parse(result.stdout) as {
      services: Array<{ service: string; status: string }>
    }
    const statusOf = Object.fromEntries(
      report.services.map((entry) => [entry.service, entry.status]),
    )

    expect(result.code).toBe(1)
    expect(statusOf).toMatchObject({
      generator: 'healthy',
      consumer: 'healthy',
      gateway: 'healthy',
      analyzer: 'down',
    })
  })

  it('exits 0 from logplat health when the services it is asked about are healthy', async () => {
    const running = ['--service', 'generator', '--service', 'consumer', '--service', 'gateway']

    const result = await runLogplat(['health', ...running], platform.env)

    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('analyzer')
  })
})
