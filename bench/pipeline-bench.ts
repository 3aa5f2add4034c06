import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderTable } from '../src/cli/table.js'
import { defaultLoghubFolder } from '../src/patterns/data-location.js'
import {
  countLogs,
  runLogplat,
  startLogplatUp,
  type LogplatUp,
} from '../test/support/logplat-process.js'
import { isServerReachable } from '../test/support/servers.js'

/**
 * The pipeline end to end, each platform run as `logplat up` in its own
 * process: how fast `logplat ingest` makes a file queryable, on the embedded
 * bus and (when a broker answers) on Kafka; and whether the consumer keeps up
 * with the generator at 10,000 logs per second.
 */
const SYSTEMS = ['Apache', 'BGL', 'HDFS', 'Hadoop', 'Linux', 'OpenSSH', 'Spark', 'Zookeeper']
const INGEST_REPEATS = Number(process.env['LOGPLAT_BENCH_INGEST_REPEATS'] ?? 15)
const GENERATOR_SECONDS = Number(process.env['LOGPLAT_BENCH_SECONDS'] ?? 60)
const GENERATOR_RATE = 10_000
const KAFKA_BROKERS = process.env['LOGPLAT_BENCH_KAFKA_BROKERS'] ?? '127.0.0.1:19092'

interface IngestRow {
  bus: string
  lines: number
  seconds: number
  linesPerSecond: number
  peakRssMb: number
}

function peakRssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kilobytes = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return Math.round(kilobytes / 1024)
}

async function writeIngestFile(folder: string): Promise<{ file: string; lines: number }> {
  const loghub = defaultLoghubFolder()
  const file = join(folder, 'loghub-repeated.log')
  const out = createWriteStream(file)
  let lines = 0
  for (let round = 0; round < INGEST_REPEATS; round += 1) {
    for (const system of SYSTEMS) {
      const text = readFileSync(join(loghub, system, `${system}_2k.log`), 'utf8').trimEnd()
      out.write(`${text}\n`)
      lines += text.split('\n').length
    }
  }
  await new Promise((resolve) => out.end(resolve))
  return { file, lines }
}

async function measureIngest(
  bus: string,
  file: string,
  lines: number,
  env: Record<string, string> = {},
): Promise<IngestRow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logplat-bench-'))
  const platform = await startLogplatUp(dataDir, { env })
  try {
    const startedAt = performance.now()
    const result = await runLogplat(['ingest', file, '--service', 'bench'], platform.env)
    if (result.code !== 0) throw new Error(`ingest failed: ${result.stderr}`)
    while ((await countLogs(platform.gatewayUrl, 'bench')) < lines) await sleep(50)
    const seconds = (performance.now() - startedAt) / 1000
    const peak = peakRssMb(platform.child.pid)
    return { bus, lines, seconds, linesPerSecond: Math.round(lines / seconds), peakRssMb: peak }
  } finally {
    await platform.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function benchIngest(): Promise<void> {
  if (!existsSync(defaultLoghubFolder())) {
    console.log(`Skipping the ingest benchmark: no Loghub data at ${defaultLoghubFolder()}.`)
    return
  }
  const folder = mkdtempSync(join(tmpdir(), 'logplat-bench-file-'))
  const { file, lines } = await writeIngestFile(folder)
  const rows = [await measureIngest('embedded', file, lines)]

  if (await isServerReachable('kafka', KAFKA_BROKERS)) {
    const run = Date.now().toString(36)
    const kafkaEnv = {
      LOGPLAT_KAFKA_BROKERS: KAFKA_BROKERS,
      LOGPLAT_TOPIC_RAW_LOGS: `bench-raw-logs-${run}`,
      LOGPLAT_TOPIC_RAW_LOGS_DLQ: `bench-raw-logs-dlq-${run}`,
      LOGPLAT_TOPIC_VECTORIZATION: `bench-vectorization-${run}`,
      LOGPLAT_CONSUMER_GROUP: `bench-consumer-${run}`,
    }
    rows.push(await measureIngest(`kafka ${KAFKA_BROKERS}`, file, lines, kafkaEnv))
  } else {
    console.log(`(no Kafka broker at ${KAFKA_BROKERS}; set LOGPLAT_BENCH_KAFKA_BROKERS to add it)`)
  }
  rmSync(folder, { recursive: true, force: true })

  console.log('logplat ingest, file to queryable, logplat up in its own process:\n')
  console.log(
    renderTable(rows, [
      { header: 'BUS', value: (row) => row.bus },
      { header: 'LINES', value: (row) => row.lines, isNumeric: true },
      { header: 'SECONDS', value: (row) => row.seconds.toFixed(2), isNumeric: true },
      { header: 'LINES/S', value: (row) => row.linesPerSecond, isNumeric: true },
      { header: 'PEAK RSS MB', value: (row) => row.peakRssMb, isNumeric: true },
    ]),
  )
}

async function getJson(url: string): Promise<Record<string, number>> {
  return (await (await fetch(url)).json()) as Record<string, number>
}

async function totalLag(consumerUrl: string): Promise<number> {
  const text = await (await fetch(`${consumerUrl}/metrics`)).text()
  const values = [...text.matchAll(/^consumer_lag\{[^}]*\} (\d+)/gm)].map((match) =>
    Number(match[1]),
  )
  return values.reduce((sum, value) => sum + value, 0)
}

interface Sample {
  second: number
  sent: number
  written: number
  lag: number
  dlq: number
}

async function sampleGenerator(platform: LogplatUp): Promise<Sample[]> {
  const generatorUrl = platform.env['LOGPLAT_GENERATOR_URL'] as string
  const consumerUrl = platform.env['LOGPLAT_CONSUMER_URL'] as string
  const samples: Sample[] = []
  const startedAt = performance.now()
  const sample = async () => {
    const generator = await getJson(`${generatorUrl}/stats`)
    const consumer = await getJson(`${consumerUrl}/stats`)
    samples.push({
      second: Math.round((performance.now() - startedAt) / 1000),
      sent: generator['total_sent'] ?? 0,
      written: consumer['total_written'] ?? 0,
      lag: await totalLag(consumerUrl),
      dlq: consumer['total_dlq'] ?? 0,
    })
  }

  await fetch(`${generatorUrl}/control`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rate_per_second: GENERATOR_RATE, error_rate_percentage: 5 }),
  })
  await fetch(`${generatorUrl}/start`, { method: 'POST' })
  while (performance.now() - startedAt < GENERATOR_SECONDS * 1000) {
    await sleep(5000)
    await sample()
  }
  await fetch(`${generatorUrl}/stop`, { method: 'POST' })
  return samples
}

async function benchGenerator(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logplat-bench-gen-'))
  const platform = await startLogplatUp(dataDir)
  try {
    const samples = await sampleGenerator(platform)
    const last = samples.at(-1) as Sample
    const drainStart = performance.now()
    const consumerUrl = platform.env['LOGPLAT_CONSUMER_URL'] as string
    let written = last.written
    while (written < last.sent && performance.now() - drainStart < 60_000) {
      await sleep(200)
      written = (await getJson(`${consumerUrl}/stats`))['total_written'] ?? 0
    }
    const drainSeconds = (performance.now() - drainStart) / 1000

    console.log(`\ngenerator at ${GENERATOR_RATE}/s for ${GENERATOR_SECONDS} s, logplat up:\n`)
    console.log(
      renderTable(samples, [
        { header: 'SECOND', value: (row) => row.second, isNumeric: true },
        { header: 'SENT', value: (row) => row.sent, isNumeric: true },
        { header: 'WRITTEN', value: (row) => row.written, isNumeric: true },
        { header: 'LAG', value: (row) => row.lag, isNumeric: true },
        { header: 'DLQ', value: (row) => row.dlq, isNumeric: true },
      ]),
    )
    const rate = Math.round(last.sent / last.second)
    const maxLag = Math.max(...samples.map((sample) => sample.lag))
    console.log(
      `\nsent ${last.sent} (${rate}/s), max lag ${maxLag}, DLQ ${last.dlq}, ` +
        `all ${written} written ${drainSeconds.toFixed(1)} s after the generator stopped; ` +
        `peak RSS ${peakRssMb(platform.child.pid)} MB`,
    )
  } finally {
    await platform.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Runs the ingest and generator benchmarks. */
export default async function runPipelineBenchmark(): Promise<void> {
  await benchIngest()
  await benchGenerator()
}
