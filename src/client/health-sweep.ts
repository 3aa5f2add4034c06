import { request } from 'undici'
import type { Config } from '../config/index.js'
import { describeError } from '../errors.js'
import { SERVICE_NAMES, type ServiceName } from '../platform/daemon.js'

const HEALTH_TIMEOUT_MS = 3000

/** One service's answer to `GET /health`, or `down` when it gave none. */
export interface ServiceHealth {
  service: ServiceName
  url: string
  status: string
  latency_ms: number | null
  error: string | null
}

const URL_SETTING: Record<ServiceName, keyof Config> = {
  generator: 'generatorUrl',
  consumer: 'consumerUrl',
  analyzer: 'analyzerUrl',
  embeddings: 'embeddingsUrl',
  vectorizer: 'vectorizerUrl',
  gateway: 'gatewayUrl',
}

/** Where each of the six services is reached, in port order. */
export function serviceUrls(config: Config): Array<{ service: ServiceName; url: string }> {
  return SERVICE_NAMES.map((service) => ({
    service,
    url: String(config[URL_SETTING[service]]),
  })).sort((a, b) => a.url.localeCompare(b.url))
}

async function probe(service: ServiceName, url: string): Promise<ServiceHealth> {
  const startedAt = performance.now()
  try {
    const response = await request(`${url.replace(/\/+$/, '')}/health`, {
      headersTimeout: HEALTH_TIMEOUT_MS,
      bodyTimeout: HEALTH_TIMEOUT_MS,
    })
    const body = (await response.body.json()) as { status?: unknown }
    const latency = Math.round(performance.now() - startedAt)
    const status = typeof body.status === 'string' ? body.status : 'unknown'
    const error = response.statusCode === 200 ? null : `HTTP ${response.statusCode}`
    return { service, url, status, latency_ms: latency, error }
  } catch (error) {
    return { service, url, status: 'down', latency_ms: null, error: describeError(error) }
  }
}

/** Asks every service for its health at once; a service that does not answer is `down`. */
export async function sweepHealth(config: Config): Promise<ServiceHealth[]> {
  return Promise.all(serviceUrls(config).map(({ service, url }) => probe(service, url)))
}
