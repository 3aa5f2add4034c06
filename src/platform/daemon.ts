import type { Logger } from 'pino'
import type { Bus } from '../bus/types.js'
import type { Config } from '../config/index.js'
import type { ClickHouseHandle } from '../stores/clickhouse/client.js'

/** The six services, in the order `logplat up` starts them. */
export const SERVICE_NAMES = [
  'consumer',
  'gateway',
  'generator',
  'analyzer',
  'embeddings',
  'vectorizer',
] as const
export type ServiceName = (typeof SERVICE_NAMES)[number]

/** The shared backends a daemon may use; which ones are open depends on the services run. */
export interface Backends {
  bus?: Bus
  clickhouse?: ClickHouseHandle
}

/** What a daemon's `start()` receives. */
export interface DaemonContext {
  config: Config
  logger: Logger
  backends: Backends
}

/** A running daemon. `stop()` stops taking input, finishes what it holds, and closes. */
export interface DaemonHandle {
  name: ServiceName
  url: string
  stop(): Promise<void>
}

/** Fetches a backend a daemon cannot run without; its absence is a wiring mistake. */
export function requireBackend<K extends keyof Backends>(
  backends: Backends,
  role: K,
  service: ServiceName,
): NonNullable<Backends[K]> {
  const backend = backends[role]
  if (backend === undefined) throw new Error(`The ${service} service started without its ${role}.`)
  return backend
}
