import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderTable } from '../src/cli/table.js'
import { defaultLoghubFolder } from '../src/patterns/data-location.js'
import {
  findLabelledDatasets,
  readLabelledDataset,
  type LabelledDataset,
} from '../src/patterns/loghub.js'
import { scoreGroupingAccuracy } from '../src/patterns/scoring.js'
import { TemplateMiner } from '../src/patterns/template-miner.js'

interface Side {
  groupingAccuracy: number
  linesPerSecond: number
}

interface Row {
  name: string
  lines: number
  logplat: Side
  drain3: Side | undefined
}

// Each round mines the data set from scratch with a fresh miner. The first
// rounds go untimed, because V8 compiles the miner's hot paths only after some
// thousands of messages and a long-running consumer runs it compiled; the median
// of the timed rounds hides machine noise. Accuracy comes from the first round.
const WARMUP_ROUNDS = 5
const ROUNDS = 5
const PYTHON = process.env.PYTHON ?? 'python3'
const DRAIN3_SCRIPT = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'bench',
  'drain3-run.py',
)

function mineWithLogplat(dataset: LabelledDataset): Side {
  const rates: number[] = []
  let groupingAccuracy = 0

  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round += 1) {
    const messages = copyMessages(dataset.messages)
    const miner = new TemplateMiner()
    const startedAt = process.hrtime.bigint()
    const ids = messages.map((message) => miner.add(message).templateId)
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9
    if (round >= WARMUP_ROUNDS) rates.push(messages.length / seconds)
    if (round === 0) {
      const finalIds = ids.map((id) => miner.currentTemplateId(id))
      groupingAccuracy = scoreGroupingAccuracy(dataset.eventIds, finalIds)
    }
  }
  return { groupingAccuracy, linesPerSecond: median(rates) }
}

function mineWithDrain3(dataset: LabelledDataset): Side {
  const input = JSON.stringify({
    messages: dataset.messages,
    warmup_rounds: WARMUP_ROUNDS,
    rounds: ROUNDS,
  })
  const run = spawnSync(PYTHON, [DRAIN3_SCRIPT], { input, encoding: 'utf8', maxBuffer: 1 << 26 })
  if (run.status !== 0) throw new Error(`Drain3 failed on ${dataset.name}: ${run.stderr.trim()}`)

  const output = JSON.parse(run.stdout) as { cluster_ids: number[]; lines_per_second: number }
  return {
    groupingAccuracy: scoreGroupingAccuracy(dataset.eventIds, output.cluster_ids),
    linesPerSecond: output.lines_per_second,
  }
}

// Fresh strings, as a consumer decodes them, so that no round finds hashes or
// flattened text left on the strings by an earlier round.
function copyMessages(messages: readonly string[]): string[] {
  return JSON.parse(JSON.stringify(messages)) as string[]
}

function isDrain3Installed(): boolean {
  return spawnSync(PYTHON, ['-c', 'import drain3'], { encoding: 'utf8' }).status === 0
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

function meanOf(rows: Row[], pick: (row: Row) => number | undefined): number | undefined {
  const values = rows.map(pick)
  if (values.some((value) => value === undefined)) return undefined
  return (values as number[]).reduce((sum, value) => sum + value, 0) / values.length
}

function formatRate(value: number | undefined): string {
  return value === undefined ? '' : Math.round(value).toString()
}

/**
 * Mines every labelled Loghub data set with logplat's miner and with Drain3
 * (Python, default configuration with its example masking) on the same
 * messages, and prints grouping accuracy and lines per second side by side.
 */
export default function benchmarkPatterns(): Promise<void> {
  const hasDrain3 = isDrain3Installed()
  if (!hasDrain3) {
    console.log(
      `Drain3 is not importable by ${PYTHON}; showing logplat alone. Install it with: pip install drain3`,
    )
  }

  const rows: Row[] = []
  for (const { name, file } of findLabelledDatasets(defaultLoghubFolder())) {
    const dataset = readLabelledDataset(name, file)
    const logplat = mineWithLogplat(dataset)
    const drain3 = hasDrain3 ? mineWithDrain3(dataset) : undefined
    rows.push({ name, lines: dataset.messages.length, logplat, drain3 })
  }

  const mean = {
    name: 'mean',
    gaLogplat: meanOf(rows, (row) => row.logplat.groupingAccuracy),
    gaDrain3: meanOf(rows, (row) => row.drain3?.groupingAccuracy),
    rateLogplat: meanOf(rows, (row) => row.logplat.linesPerSecond),
    rateDrain3: meanOf(rows, (row) => row.drain3?.linesPerSecond),
  }
  const table = [
    ...rows.map((row) => ({
      name: row.name,
      lines: row.lines.toString(),
      gaLogplat: row.logplat.groupingAccuracy,
      gaDrain3: row.drain3?.groupingAccuracy,
      rateLogplat: row.logplat.linesPerSecond,
      rateDrain3: row.drain3?.linesPerSecond,
    })),
    { ...mean, lines: rows.reduce((sum, row) => sum + row.lines, 0).toString() },
  ]
  console.log(
    renderTable(table, [
      { header: 'DATA SET', value: (row) => row.name },
      { header: 'LINES', value: (row) => row.lines, isNumeric: true },
      { header: 'GA LOGPLAT', value: (row) => row.gaLogplat?.toFixed(4), isNumeric: true },
      { header: 'GA DRAIN3', value: (row) => row.gaDrain3?.toFixed(4), isNumeric: true },
      { header: 'LINES/S LOGPLAT', value: (row) => formatRate(row.rateLogplat), isNumeric: true },
      { header: 'LINES/S DRAIN3', value: (row) => formatRate(row.rateDrain3), isNumeric: true },
    ]),
  )
  return Promise.resolve()
}
