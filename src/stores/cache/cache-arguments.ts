import { LogplatError } from '../../errors.js'

/** Refuses an expiry that is not a positive number of seconds. */
export function checkTtl(key: string, ttlSeconds: number | undefined): void {
  if (ttlSeconds === undefined) return
  if (Number.isFinite(ttlSeconds) && ttlSeconds > 0) return

  throw new LogplatError(
    'CACHE',
    'INVALID_TTL',
    `Cannot cache key "${key}" with a time to live of ${ttlSeconds} seconds; ` +
      'give a positive number of seconds, or none to keep the key until it is evicted.',
  )
}

/**
 * Refuses an empty prefix, which would wipe every key, including keys other
 * programs keep in the same Redis database.
 */
export function checkPrefix(prefix: string): void {
  if (prefix.length > 0) return

  throw new LogplatError(
    'CACHE',
    'INVALID_PREFIX',
    'Cannot clear the cache by the empty prefix "": name the prefix of the keys to remove, ' +
      'such as "embedding:".',
  )
}

/** The error for any call on a cache after close(). */
export function cacheClosedError(backend: string): LogplatError {
  return new LogplatError(
    'CACHE',
    'CLOSED',
    `The cache on ${backend} is closed; open a new one to read or write keys.`,
  )
}
