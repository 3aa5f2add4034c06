import { Counter, Histogram, Registry } from 'prom-client'
import type { ServiceApp } from '../../src/http/create-service-app.js'

/** The gateway's Prometheus metrics, named as the API reference gives them. */
export function createGatewayMetrics() {
  const registry = new Registry()
  const registers = [registry]
  return {
    registry,
    requests: new Counter({
      name: 'api_requests_total',
      help: 'Total API requests',
      labelNames: ['method', 'endpoint', 'status'] as const,
      registers,
    }),
    duration: new Histogram({
      name: 'api_request_duration_seconds',
      help: 'API request latency',
      labelNames: ['method', 'endpoint'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
  }
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>

/** Counts every answered request by its route pattern, never its raw URL, to bound label values. */
export function recordRequests(app: ServiceApp, metrics: GatewayMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const endpoint = request.routeOptions.url ?? 'unmatched'
    const method = request.method
    metrics.requests.inc({ method, endpoint, status: String(reply.statusCode) })
    metrics.duration.observe({ method, endpoint }, reply.elapsedTime / 1000)
  })
}
