import { Counter, Gauge, Histogram, Registry } from 'prom-client'

/** The consumer's Prometheus metrics, named as the API reference gives them. */
export function createConsumerMetrics() {
  const registry = new Registry()
  const registers = [registry]
  return {
    registry,
    consumed: new Counter({
      name: 'messages_consumed_total',
      help: 'Total messages consumed from Kafka (a redelivered message counts again)',
      labelNames: ['topic', 'partition'] as const,
      registers,
    }),
    written: new Counter({
      name: 'messages_written_total',
      help: 'Total messages written to ClickHouse',
      registers,
    }),
    failed: new Counter({
      name: 'messages_failed_total',
      help: 'Total processing failures (each failed attempt to store or send a batch)',
      registers,
    }),
    deadLettered: new Counter({
      name: 'messages_dlq_total',
      help: 'Total messages sent to Dead Letter Queue',
      registers,
    }),
    vectorization: new Counter({
      name: 'messages_vectorization_total',
      help: 'Total messages sent to vectorization queue',
      registers,
    }),
    processing: new Histogram({
      name: 'message_processing_seconds',
      help: 'Processing time histogram',
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers,
    }),
    batchSize: new Gauge({
      name: 'current_batch_size',
      help: 'Current batch size gauge',
      registers,
    }),
    lag: new Gauge({
      name: 'consumer_lag',
      help: 'Kafka consumer lag',
      labelNames: ['topic', 'partition'] as const,
      registers,
    }),
    breakerState: new Gauge({
      name: 'clickhouse_circuit_breaker_state',
      help: 'Circuit breaker state (0=closed, 1=open, 2=half-open)',
      registers,
    }),
    batchRetries: new Counter({
      name: 'batch_retry_total',
      help: 'Total batch retry attempts',
      registers,
    }),
  }
}

export type ConsumerMetrics = ReturnType<typeof createConsumerMetrics>
