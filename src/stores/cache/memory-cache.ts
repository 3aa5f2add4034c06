import { LRUCache } from 'lru-cache'
import type { Cache } from './cache.js'
import { cacheClosedError, checkPrefix, checkTtl } from './cache-arguments.js'

const DEFAULT_MAX_ENTRIES = 100_000
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024
const BACKEND = 'the in-process LRU'

export interface MemoryCacheOptions {
  /** Most keys kept; the least recently used goes first. */
  maxEntries?: number
  /** Most bytes of keys and values kept; an entry larger than this is not kept at all. */
  maxBytes?: number
}

// JavaScript strings hold UTF-16 code units: two bytes each.
function sizeOf(value: string, key: string): number {
  return Math.max(1, (key.length + value.length) * 2)
}

// Runs synchronous work as a promise, so a thrown error arrives as a rejection, as from Redis.
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()))
}

/**
 * Creates a cache in this process's memory (lru-cache), bounded by entries
 * and bytes. It is lost when the process ends and not shared between
 * processes, which is what `logplat up` needs and no more.
 */
export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const entries = new LRUCache<string, string>({
    max: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
    maxSize: options.maxBytes ?? DEFAULT_MAX_BYTES,
    sizeCalculation: sizeOf,
  })
  let isClosed = false

  const open = (): LRUCache<string, string> => {
    if (isClosed) throw cacheClosedError(BACKEND)
    return entries
  }

  return {
    kind: 'memory',

    get: (key) => settle(() => open().get(key)),

    set: (key, value, ttlSeconds) =>
      settle(() => {
        checkTtl(key, ttlSeconds)
        const ttl = ttlSeconds === undefined ? undefined : Math.ceil(ttlSeconds * 1000)
        open().set(key, value, ttl === undefined ? {} : { ttl })
      }),

    delete: (key) => settle(() => open().delete(key)),

    clear: (prefix) =>
      settle(() => {
        checkPrefix(prefix)
        const matching = [...open().keys()].filter((key) => key.startsWith(prefix))
        return matching.filter((key) => entries.delete(key)).length
      }),

    isConnected: () => Promise.resolve(!isClosed),

    close: () =>
      settle(() => {
        isClosed = true
        entries.clear()
      }),
  }
}
