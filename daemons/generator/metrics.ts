import { Counter, Gauge, Registry } from 'prom-client'

/** The generator's Prometheus metrics, named as the API reference gives them. */
export function createGeneratorMetrics() {
  const registry = new Registry()
  const registers = [registry]
  return {
    registry,
    generated: new Counter({
      name: 'logs_generated_total',
      help: 'Total logs generated',
      registers,
    }),
    sent: new Counter({ name: 'logs_sent_total', help: 'Total logs sent to Kafka', registers }),
    failed: new Counter({
      name: 'logs_send_failed_total',
      help: 'Total send failures',
      registers,
    }),
    rate: new Gauge({
      name: 'generation_rate_per_second',
      help: 'Current generation rate',
      registers,
    }),
    errorRate: new Gauge({
      name: 'error_log_rate_percentage',
      help: 'Current error rate percentage',
      registers,
    }),
  }
}

export type GeneratorMetrics = ReturnType<typeof createGeneratorMetrics>
