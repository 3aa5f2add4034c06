import { createServiceApp } from '../../src/http/create-service-app.js'
import { listen } from '../../src/http/listen.js'
import { requireBackend, type DaemonContext, type DaemonHandle } from '../../src/platform/daemon.js'
import { LogStore } from '../../src/stores/logs/log-store.js'
import { registerIngestRoutes } from './ingest-routes.js'
import { registerLogsRoutes } from './logs-routes.js'
import { createGatewayMetrics, recordRequests } from './metrics.js'
import { GATEWAY_VERSION, registerRootRoutes } from './root-routes.js'

/** Starts the API gateway: REST over the stores and ingestion into the bus. */
export async function start(context: DaemonContext): Promise<DaemonHandle> {
  const { config } = context
  const bus = requireBackend(context.backends, 'bus', 'gateway')
  const clickhouse = requireBackend(context.backends, 'clickhouse', 'gateway')
  const log = context.logger.child({ service: 'gateway' })
  const metrics = createGatewayMetrics()

  const store = new LogStore(clickhouse)
  await store.migrate()
  await bus.ensureTopics([config.topicRawLogs], config.topicPartitions)
  const producer = await bus.createProducer()

  const app = await createServiceApp({
    title: 'logplat gateway',
    version: GATEWAY_VERSION,
    logger: log,
    registry: metrics.registry,
  })
  recordRequests(app, metrics)
  registerRootRoutes(app, { bus, store })
  registerLogsRoutes(app, store)
  registerIngestRoutes(app, producer, config)
  const url = await listen(app, {
    host: config.host,
    port: config.gatewayPort,
    portSetting: 'LOGPLAT_GATEWAY_PORT',
  }).catch(async (error: unknown) => {
    await producer.close()
    throw error
  })
  log.info({ url }, 'gateway listening')

  return {
    name: 'gateway',
    url,
    async stop() {
      await app.close()
      await producer.close()
      log.info('gateway stopped')
    },
  }
}
