import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { renderTable } from '../src/cli/table.js'
import type { FormatChoice } from '../src/ingest/line-format.js'
import { RecordReader } from '../src/ingest/record-reader.js'

const SYSTEMS = ['HDFS', 'Hadoop', 'Spark', 'Zookeeper', 'BGL', 'Apache', 'OpenSSH', 'Linux']
const REPEATS = 20
const CHUNK_BYTES = 1 << 20

interface Result {
  stage: string
  lines: number
  seconds: number
}

async function* chunksOf(data: Buffer): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < data.length; start += CHUNK_BYTES) {
    yield data.subarray(start, start + CHUNK_BYTES)
  }
}

async function loadCorpus(dir: string): Promise<Buffer> {
  const texts = await Promise.all(
    SYSTEMS.map(async (system) => {
      const text = await readFile(join(dir, system, `${system}_2k.log`), 'utf8')
      return text.replace(/\n$/, '')
    }),
  )
  return Buffer.from(`${Array(REPEATS).fill(texts.join('\n')).join('\n')}\n`)
}

// Serialising is part of the measured work, because the CLI sends every record as JSON.
async function measure(stage: string, data: Buffer, format: FormatChoice): Promise<Result> {
  const reader = new RecordReader({ format, idSeed: 'bench', maxLineBytes: 1 << 20 })
  let lines = 0
  let bytes = 0
  const startedAt = performance.now()

  for await (const batch of reader.read(chunksOf(data))) {
    for (const line of batch) {
      if (line.kind === 'record') bytes += JSON.stringify(line.record).length
    }
    lines += batch.length
  }

  const seconds = (performance.now() - startedAt) / 1000
  if (bytes === 0) throw new Error(`${stage} produced no records`)
  return { stage, lines, seconds }
}

async function asJsonLines(data: Buffer): Promise<Buffer> {
  const reader = new RecordReader({ format: 'text', idSeed: 'bench', maxLineBytes: 1 << 20 })
  const lines: string[] = []
  for await (const batch of reader.read(chunksOf(data))) {
    for (const line of batch) if (line.kind === 'record') lines.push(JSON.stringify(line.record))
  }
  return Buffer.from(`${lines.join('\n')}\n`)
}

/**
 * Parse throughput of the CLI side of `logplat ingest`: split, parse and
 * serialise the eight Loghub samples repeated 20 times (320,000 lines), as
 * plain text and again as JSON lines.
 */
export default async function benchmarkIngestParse(): Promise<void> {
  const dir =
    process.env['LOGPLAT_LOGHUB_DIR'] ?? join(process.cwd(), '..', 'shared', 'data', 'loghub-2k')
  if (!existsSync(dir)) {
    console.log(`Loghub samples not found at ${dir}; set LOGPLAT_LOGHUB_DIR.`)
    return
  }
  const text = await loadCorpus(dir)
  const jsonLines = await asJsonLines(text)

  await measure('warm-up', text, 'auto')
  const results = [
    await measure('text lines, auto-detected', text, 'auto'),
    await measure('JSON lines, auto-detected', jsonLines, 'auto'),
  ]

  console.log(
    renderTable(results, [
      { header: 'STAGE', value: (result) => result.stage },
      { header: 'LINES', value: (result) => result.lines, isNumeric: true },
      { header: 'SECONDS', value: (result) => result.seconds.toFixed(3), isNumeric: true },
      {
        header: 'LINES/S',
        value: (result) => Math.round(result.lines / result.seconds),
        isNumeric: true,
      },
    ]),
  )
}
