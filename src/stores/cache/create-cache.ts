import type { Config } from '../../config/index.js'
import type { Cache } from './cache.js'
import { createMemoryCache } from './memory-cache.js'
import { connectRedisCache } from './redis-cache.js'

/**
 * Opens the cache the configuration asks for: Redis at `redisUrl`, or, when
 * it is empty, an LRU in this process's memory.
 */
export function createCache(settings: Pick<Config, 'redisUrl'>): Promise<Cache> {
  if (settings.redisUrl.length > 0) return connectRedisCache(settings.redisUrl)
  return Promise.resolve(createMemoryCache())
}
