import type { Logger } from 'pino'
import { createBus } from '../bus/index.js'
import type { Config } from '../config/index.js'
import { LogplatError } from '../errors.js'
import { connectClickHouse } from '../stores/clickhouse/client.js'
import type { Backends, ServiceName } from './daemon.js'

type Role = keyof Backends

/** The backends each service needs. */
const ROLES_OF: Record<ServiceName, Role[]> = {
  generator: ['bus'],
  consumer: ['bus', 'clickhouse'],
  gateway: ['bus', 'clickhouse'],
  analyzer: ['clickhouse'],
  embeddings: [],
  vectorizer: ['bus', 'clickhouse'],
}

/** The setting that points a role at a server, with an example value. */
const SERVER_SETTING: Record<Role, { key: keyof Config; env: string; example: string }> = {
  bus: { key: 'kafkaBrokers', env: 'LOGPLAT_KAFKA_BROKERS', example: '127.0.0.1:9092' },
  clickhouse: {
    key: 'clickhouseUrl',
    env: 'LOGPLAT_CLICKHOUSE_URL',
    example: 'http://127.0.0.1:8123',
  },
}

export interface OpenBackends extends Backends {
  close(): Promise<void>
}

function rolesFor(services: readonly ServiceName[]): Set<Role> {
  return new Set(services.flatMap((service) => ROLES_OF[service]))
}

/**
 * A service run on its own shares its backends with services in other
 * processes, which the embedded backends cannot do; names every setting that
 * is missing.
 */
export function requireServerBackends(config: Config, service: ServiceName): void {
  const missing = ROLES_OF[service]
    .map((role) => SERVER_SETTING[role])
    .filter((setting) => String(config[setting.key]).length === 0)
  if (missing.length === 0) return

  const settings = missing.map((setting) => `${setting.env} (for example ${setting.example})`)
  throw new LogplatError(
    'CONFIG',
    'MISSING',
    `The ${service} service run on its own needs ${settings.join(' and ')}: embedded ` +
      'backends live inside one process. Set them, or run every service together with ' +
      '`logplat up`.',
  )
}

/** Opens the backends the given services need, as the configuration selects them. */
export async function openBackends(
  config: Config,
  services: readonly ServiceName[],
  logger: Logger,
): Promise<OpenBackends> {
  const roles = rolesFor(services)
  const bus = roles.has('bus') ? createBus(config, { logger }) : undefined
  const clickhouse = roles.has('clickhouse') ? connectClickHouse(config) : undefined

  const backends: OpenBackends = {
    async close() {
      await bus?.close()
      await clickhouse?.client.close()
    },
  }
  if (bus !== undefined) backends.bus = bus
  if (clickhouse !== undefined) backends.clickhouse = clickhouse
  return backends
}
