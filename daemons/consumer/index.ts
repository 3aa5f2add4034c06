import { createServiceApp } from '../../src/http/create-service-app.js'
import { listen } from '../../src/http/listen.js'
import { requireBackend, type DaemonContext, type DaemonHandle } from '../../src/platform/daemon.js'
import { createCircuitBreaker } from '../../src/resilience/circuit-breaker.js'
import { LogStore } from '../../src/stores/logs/log-store.js'
import { ConsumerWorker } from './consumer-worker.js'
import { createConsumerMetrics } from './metrics.js'
import { CONSUMER_VERSION, registerConsumerRoutes } from './routes.js'

/** Starts the consumer: joins its group on `raw-logs` and serves its API. */
export async function start(context: DaemonContext): Promise<DaemonHandle> {
  const { config } = context
  const bus = requireBackend(context.backends, 'bus', 'consumer')
  const clickhouse = requireBackend(context.backends, 'clickhouse', 'consumer')
  const log = context.logger.child({ service: 'consumer' })
  const metrics = createConsumerMetrics()

  const store = new LogStore(clickhouse)
  await store.migrate()
  const topics = [config.topicRawLogs, config.topicRawLogsDlq, config.topicVectorization]
  await bus.ensureTopics(topics, config.topicPartitions)
  const producer = await bus.createProducer()
  const consumer = await bus.createConsumer({
    groupId: config.consumerGroup,
    topics: [config.topicRawLogs],
  })
  const breaker = createCircuitBreaker({
    backend: 'ClickHouse',
    area: 'STORE',
    failureThreshold: config.breakerFailureThreshold,
    coolDownMs: config.breakerCoolDownMs,
  })
  const worker = new ConsumerWorker({ config, consumer, producer, store, breaker, metrics, log })

  const app = await createServiceApp({
    title: 'logplat consumer',
    version: CONSUMER_VERSION,
    logger: log,
    registry: metrics.registry,
  })
  registerConsumerRoutes(app, { worker, bus, store, breaker, startedAt: Date.now() })
  const url = await listen(app, {
    host: config.host,
    port: config.consumerPort,
    portSetting: 'LOGPLAT_CONSUMER_PORT',
  }).catch(async (error: unknown) => {
    await producer.close()
    throw error
  })
  await worker.start().catch(async (error: unknown) => {
    await app.close()
    await producer.close()
    throw error
  })
  log.info({ url, group: config.consumerGroup }, 'consumer listening')

  return {
    name: 'consumer',
    url,
    async stop() {
      await worker.stop()
      await app.close()
      await producer.close()
      log.info('consumer stopped')
    },
  }
}
