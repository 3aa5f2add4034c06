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
})
