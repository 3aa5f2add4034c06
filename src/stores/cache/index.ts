export type { Cache, CacheKind } from './cache.js'
export { createCache } from './create-cache.js'
export { createMemoryCache, type MemoryCacheOptions } from './memory-cache.js'
export { connectRedisCache, type RedisCacheOptions } from './redis-cache.js'
export {
  createResilientCache,
  type CacheHealth,
  type CacheStats,
  type ResilientCache,
  type ResilientCacheOptions,
} from './resilient-cache.js'
