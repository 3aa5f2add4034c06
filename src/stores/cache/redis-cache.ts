import { Redis } from 'ioredis'
import { LogplatError, describeError } from '../../errors.js'
import type { Cache } from './cache.js'
import { cacheClosedError, checkPrefix, checkTtl } from './cache-arguments.js'

const CONNECT_TIMEOUT_MS = 1_000
const COMMAND_TIMEOUT_MS = 2_000
const MAX_RECONNECT_DELAY_MS = 2_000
const SCAN_BATCH = 500
const KEY_IN_MESSAGE_LENGTH = 80

export interface RedisCacheOptions {
  /** How long one command may take before it fails. */
  commandTimeoutMs?: number
}

function describeServer(url: string): string {
  try {
    const { hostname, port } = new URL(url)
    return `Redis at ${hostname}:${port.length > 0 ? port : '6379'}`
  } catch {
    return 'Redis'
  }
}

// SCAN's MATCH is a glob, so a prefix holding *, ?, [ or ] would match other keys.
function globForPrefix(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`
}

function shorten(key: string): string {
  if (key.length <= KEY_IN_MESSAGE_LENGTH) return key
  return `${key.slice(0, KEY_IN_MESSAGE_LENGTH - 3)}...`
}

/**
 * The ioredis client, set to fail fast while Redis is down rather than queue
 * commands: no offline queue, no retried commands, short timeouts. It keeps
 * reconnecting in the background, so the cache works again once Redis is back.
 */
function createClient(url: string, options: RedisCacheOptions): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  })
  // Connection errors also reject the command that meets them; without a
  // listener ioredis would print each one to the console as unhandled.
  client.on('error', () => undefined)
  return client
}

/**
 * Connects a cache to the Redis server at `url`. A server that is down does
 * not stop this: the cache starts disconnected, its calls fail fast with
 * LOGPLAT_CACHE_UNAVAILABLE, and it connects as soon as the server answers.
 */
export async function connectRedisCache(
  url: string,
  options: RedisCacheOptions = {},
): Promise<Cache> {
  const backend = describeServer(url)
  const client = createClient(url, options)
  await client.connect().catch(() => undefined)
  let isClosed = false

  const run = async <T>(action: string, command: () => Promise<T>): Promise<T> => {
    if (isClosed) throw cacheClosedError(backend)
    try {
      return await command()
    } catch (error) {
      throw new LogplatError(
        'CACHE',
        'UNAVAILABLE',
        `Cannot ${action} on ${backend} (connection ${client.status}): ${describeError(error)}.`,
        { cause: error, isRetryable: true },
      )
    }
  }

  const unlinkByPrefix = async (prefix: string): Promise<number> => {
    let deleted = 0
    const stream = client.scanStream({ match: globForPrefix(prefix), count: SCAN_BATCH })
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await client.unlink(...keys)
    }
    return deleted
  }

  return {
    kind: 'redis',

    get: (key) =>
      run(`get key "${shorten(key)}"`, async () => (await client.get(key)) ?? undefined),

    async set(key, value, ttlSeconds) {
      checkTtl(key, ttlSeconds)
      await run(`set key "${shorten(key)}"`, () =>
        ttlSeconds === undefined
          ? client.set(key, value)
          : client.set(key, value, 'PX', Math.ceil(ttlSeconds * 1000)),
      )
    },

    delete: (key) => run(`delete key "${shorten(key)}"`, async () => (await client.del(key)) > 0),

    async clear(prefix) {
      checkPrefix(prefix)
      return run(`clear keys starting with "${shorten(prefix)}"`, () => unlinkByPrefix(prefix))
    },

    async isConnected() {
      if (isClosed || client.status !== 'ready') return false
      return client.ping().then(
        () => true,
        () => false,
      )
    },

    async close() {
      if (isClosed) return
      isClosed = true
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect())
      else client.disconnect()
    },
  }
}
