/** Which engine holds a cache's entries. */
export type CacheKind = 'redis' | 'memory'

/** A string key-value cache with optional expiry, on Redis or in process memory. */
export interface Cache {
  readonly kind: CacheKind
  /** The value stored under `key`, or undefined when it is absent or expired. */
  get(key: string): Promise<string | undefined>
  /** Stores `value` under `key`, expiring after `ttlSeconds` when given. */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>
  /** Removes `key`; true when it was there. */
  delete(key: string): Promise<boolean>
  /** Removes every key that starts with `prefix` and returns how many it removed. */
  clear(prefix: string): Promise<number>
  /** Whether the cache answers now; false once closed. */
  isConnected(): Promise<boolean>
  /** Releases the connection; later calls fail with LOGPLAT_CACHE_CLOSED. */
  close(): Promise<void>
}
