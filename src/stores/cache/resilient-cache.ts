import { LogplatError } from '../../errors.js'
import {
  createCircuitBreaker,
  type CircuitBreaker,
  type CircuitBreakerOptions,
} from '../../resilience/circuit-breaker.js'
import type { Cache } from './cache.js'
import { checkTtl } from './cache-arguments.js'

/** What a service's /health says about its cache. */
export type CacheHealth = 'healthy' | 'degraded'

/** Counters behind the cache_hits, cache_misses and cache_errors metrics. */
export interface CacheStats {
  hits: number
  misses: number
  /** Calls the cache failed; calls the open breaker refused are not counted. */
  errors: number
}

/**
 * A cache whose failures never fail a request: a failed read is a miss, a
 * failed write or delete is skipped. Only clear(), an operator's request,
 * reports failure, so the operator learns the keys are still there; and a
 * bad time to live is thrown, being the caller's mistake.
 */
export interface ResilientCache extends Cache {
  /** The breaker that stops calling a cache that keeps failing. */
  readonly breaker: CircuitBreaker
  /** 'degraded' while the cache is unreachable or its breaker is not closed. */
  health(): Promise<CacheHealth>
  stats(): CacheStats
}

export type ResilientCacheOptions = Pick<CircuitBreakerOptions, 'failureThreshold' | 'coolDownMs'>

// A closed cache or a bad argument says nothing about whether the server is up.
function isBackendFailure(error: Error): boolean {
  return !(error instanceof LogplatError) || error.isRetryable
}

function isRefusal(error: unknown): boolean {
  return error instanceof LogplatError && error.code === 'LOGPLAT_CACHE_CIRCUIT_OPEN'
}

/**
 * Wraps a cache for use by services: every call goes through a circuit
 * breaker, and failures become misses and skipped writes, counted in stats().
 */
export function createResilientCache(
  cache: Cache,
  options: ResilientCacheOptions = {},
): ResilientCache {
  const backend = cache.kind === 'redis' ? 'Redis' : 'the in-process cache'
  const breaker = createCircuitBreaker({
    backend,
    area: 'CACHE',
    isFailure: isBackendFailure,
    ...options,
  })
  const stats: CacheStats = { hits: 0, misses: 0, errors: 0 }

  const attempt = async <T>(call: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await breaker.execute(call)
    } catch (error) {
      if (!isRefusal(error)) stats.errors++
      return fallback
    }
  }

  const probe = async (): Promise<void> => {
    if (await cache.isConnected()) return
    throw new LogplatError('CACHE', 'UNAVAILABLE', `${backend} does not answer a ping.`, {
      isRetryable: true,
    })
  }

  return {
    kind: cache.kind,
    breaker,

    async get(key) {
      const value = await attempt(() => cache.get(key), undefined)
      if (value === undefined) stats.misses++
      else stats.hits++
      return value
    },

    async set(key, value, ttlSeconds) {
      // A bad time to live is the caller's mistake, so it is thrown, not skipped.
      checkTtl(key, ttlSeconds)
      await attempt(() => cache.set(key, value, ttlSeconds), undefined)
    },

    delete: (key) => attempt(() => cache.delete(key), false),

    clear: (prefix) => breaker.execute(() => cache.clear(prefix)),

    isConnected: () => cache.isConnected(),

    async health() {
      // The probe goes through the breaker, so once the cool-down is over it
      // is the trial call that closes the breaker when the cache is back.
      const isReachable = await breaker.execute(probe).then(
        () => true,
        () => false,
      )
      return isReachable && breaker.state() === 'closed' ? 'healthy' : 'degraded'
    },

    stats: () => ({ ...stats }),

    close: () => cache.close(),
  }
}
