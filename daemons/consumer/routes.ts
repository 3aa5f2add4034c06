import type { Bus } from '../../src/bus/types.js'
import type { ServiceApp } from '../../src/http/create-service-app.js'
import { HttpError } from '../../src/http/errors.js'
import type { CircuitBreaker } from '../../src/resilience/circuit-breaker.js'
import type { LogStore } from '../../src/stores/logs/log-store.js'
import type { ConsumerWorker } from './consumer-worker.js'

export const CONSUMER_VERSION = '2.0.0'

interface ConsumerRouteDeps {
  worker: ConsumerWorker
  bus: Bus
  store: LogStore
  breaker: CircuitBreaker
  startedAt: number
}

/** The consumer's API: health, probes, stats and a forced flush. */
export function registerConsumerRoutes(app: ServiceApp, deps: ConsumerRouteDeps): void {
  const { worker, breaker } = deps

  app.get('/health', async () => {
    const [kafkaConnected, clickhouseConnected] = await Promise.all([
      deps.bus.isConnected(),
      deps.store.isConnected(),
    ])
    const isHealthy = kafkaConnected && clickhouseConnected && breaker.state() === 'closed'
    let status = isHealthy ? 'healthy' : 'degraded'
    if (!worker.isRunning) status = 'unhealthy'
    return {
      status,
      service: 'clickhouse-consumer',
      version: CONSUMER_VERSION,
      kafka_connected: kafkaConnected,
      clickhouse_connected: clickhouseConnected,
      clickhouse_circuit_breaker: breaker.state(),
      messages_processed: worker.totals.consumed,
      current_batch_size: worker.pendingSize,
      uptime_seconds: (Date.now() - deps.startedAt) / 1000,
    }
  })

  app.get('/ready', async () => {
    if (!worker.isRunning) throw new HttpError(503, 'Consumer not running')
    return { status: 'ready' }
  })

  app.get('/live', async () => ({ status: 'alive' }))

  app.get('/stats', async () => ({
    total_consumed: worker.totals.consumed,
    total_written: worker.totals.written,
    total_failed: worker.totals.failed,
    total_dlq: worker.totals.deadLettered,
    total_vectorization_sent: worker.totals.vectorizationSent,
    current_batch_size: worker.pendingSize,
    retry_count: worker.totals.retries,
    circuit_breaker_state: breaker.state(),
  }))

  app.post('/flush', async () => {
    if (breaker.state() !== 'closed') {
      throw new HttpError(
        503,
        'ClickHouse is not taking writes right now; the batch is kept and retried until it is stored.',
      )
    }
    const flushed = await worker.flush()
    return { status: 'flushed', batch_size: flushed }
  })
}
