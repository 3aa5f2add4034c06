import { connect } from 'node:net'

/**
 * The real servers integration tests talk to. `compose/stack.sh up` starts
 * them on these loopback ports; each can be pointed elsewhere through its
 * LOGPLAT_TEST_* variable.
 */
const SERVERS = {
  kafka: { env: 'LOGPLAT_TEST_KAFKA_BROKERS', fallback: '127.0.0.1:19092' },
  postgres: {
    env: 'LOGPLAT_TEST_POSTGRES_URL',
    fallback: 'postgres://logplat:logplat@127.0.0.1:15432/logplat',
  },
  redis: { env: 'LOGPLAT_TEST_REDIS_URL', fallback: 'redis://127.0.0.1:16379' },
} as const

export type ServerName = keyof typeof SERVERS

export interface IntegrationServer {
  /** Connection string to hand to the backend: brokers for Kafka, a URL otherwise. */
  address: string
  isAvailable: boolean
}

function hostAndPort(name: ServerName, address: string): { host: string; port: number } {
  const first = address.split(',')[0] ?? ''
  const url = name === 'kafka' ? new URL(`kafka://${first}`) : new URL(first)
  return { host: url.hostname, port: Number(url.port) }
}

function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const finish = (isOpen: boolean) => {
      socket.destroy()
      resolve(isOpen)
    }
    socket.setTimeout(timeoutMs, () => finish(false))
    socket.once('connect', () => finish(true))
    socket.once('error', () => finish(false))
  })
}

/** True when something accepts connections at the server's address. */
export function isServerReachable(name: ServerName, address: string): Promise<boolean> {
  const { host, port } = hostAndPort(name, address)
  return canConnect(host, port)
}

/**
 * Finds a real server for an integration suite. Under CI a missing server is
 * an error, so a suite can never pass by being skipped; elsewhere the suite is
 * skipped with a note on how to start the stack.
 */
export async function findServer(name: ServerName): Promise<IntegrationServer> {
  const { env, fallback } = SERVERS[name]
  const address = process.env[env] ?? fallback
  const isAvailable = await isServerReachable(name, address)
  if (isAvailable) return { address, isAvailable }

  const hint =
    `${name} is not reachable at ${address}; start the local stack with ` +
    '`compose/stack.sh up` (or set ' +
    env +
    ').'
  if (process.env['CI']) throw new Error(`Integration test cannot run: ${hint}`)
  console.warn(`Skipping ${name} integration tests: ${hint}`)
  return { address, isAvailable }
}
