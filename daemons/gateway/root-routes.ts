import type { Bus } from '../../src/bus/types.js'
import type { ServiceApp } from '../../src/http/create-service-app.js'
import type { LogStore } from '../../src/stores/logs/log-store.js'

export const GATEWAY_VERSION = '1.0.0'

type DependencyStatus = 'healthy' | 'unhealthy' | 'not_configured'

interface RootRouteDeps {
  bus: Bus
  store: LogStore
}

// Only what this gateway serves; search, patterns, reports and the live tail
// join the list as they are built.
const ENDPOINTS = {
  logs: '/api/logs',
  ingest: '/api/ingest',
  health: '/health',
  metrics: '/metrics',
  docs: '/docs',
}

function statusOf(isUp: boolean): DependencyStatus {
  return isUp ? 'healthy' : 'unhealthy'
}

/** `GET /` and `GET /health`: what the gateway offers and whether its stores answer. */
export function registerRootRoutes(app: ServiceApp, deps: RootRouteDeps): void {
  app.get('/', async () => ({
    name: 'Log Analysis Platform API',
    version: GATEWAY_VERSION,
    status: 'running',
    endpoints: ENDPOINTS,
  }))

  app.get('/health', async () => {
    const [clickhouse, bus] = await Promise.all([deps.store.isConnected(), deps.bus.isConnected()])
    // The gateway reads no relational store, cache or vector store yet; the
    // reference's keys stay, saying so, rather than claiming a health unchecked.
    const services: Record<string, DependencyStatus> = {
      clickhouse: statusOf(clickhouse),
      postgresql: 'not_configured',
      qdrant: 'not_configured',
      redis: 'not_configured',
      bus: statusOf(bus),
    }
    const isHealthy = Object.values(services).every((status) => status !== 'unhealthy')
    return { status: isHealthy ? 'healthy' : 'degraded', services }
  })
}
