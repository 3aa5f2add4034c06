import { destination, pino } from 'pino'
import { start } from '../../../daemons/consumer/index.js'
import type { Bus, BusConsumer } from '../../../src/bus/types.js'
import { loadConfig } from '../../../src/config/index.js'
import { openBackends } from '../../../src/platform/backends.js'
import { waitForShutdownSignal } from '../../../src/platform/shutdown.js'
import { LogStore } from '../../../src/stores/logs/log-store.js'
import { rawRowCount, stopMerges } from './pipeline.js'

/**
 * The consumer daemon on Kafka and chDB, configured by LOGPLAT_* variables,
 * as a process to kill or stop. With the argument `hang-on-commit` its first
 * commit prints `commit-blocked <offsets>` and never completes: the batch is
 * stored and its offsets are not committed, the moment to kill it. It prints
 * `ready` once consuming and, after SIGTERM, `stopped <rows>` with the rows
 * physically in the logs table.
 */
const mode = process.argv[2] ?? 'normal'

function withHangingCommit(consumer: BusConsumer): BusConsumer {
  return {
    run: (handler) => consumer.run(handler),
    commit: (offsets) => {
      process.stdout.write(`commit-blocked ${JSON.stringify(offsets)}\n`)
      return new Promise<void>(() => undefined)
    },
    lag: () => consumer.lag(),
    pause: () => consumer.pause(),
    resume: () => consumer.resume(),
    isRunning: () => consumer.isRunning(),
    stop: () => consumer.stop(),
  }
}

function withHangingCommits(bus: Bus): Bus {
  return {
    kind: bus.kind,
    ensureTopics: (topics, partitions) => bus.ensureTopics(topics, partitions),
    createProducer: () => bus.createProducer(),
    createConsumer: async (options) => withHangingCommit(await bus.createConsumer(options)),
    isConnected: () => bus.isConnected(),
    close: () => bus.close(),
  }
}

const config = loadConfig({}, process.env)
const logger = pino({ level: config.logLevel }, destination(2))
const backends = await openBackends(config, ['consumer'], logger)
const { bus, clickhouse } = backends
if (bus === undefined || clickhouse === undefined)
  throw new Error('The consumer needs a bus and chDB.')

await new LogStore(clickhouse).migrate()
await stopMerges(clickhouse)
const daemonBus = mode === 'hang-on-commit' ? withHangingCommits(bus) : bus
const daemon = await start({ config, logger, backends: { bus: daemonBus, clickhouse } })
process.stdout.write('ready\n')

await waitForShutdownSignal()
await daemon.stop()
const rows = await rawRowCount(clickhouse)
await backends.close()
process.stdout.write(`stopped ${rows}\n`)
