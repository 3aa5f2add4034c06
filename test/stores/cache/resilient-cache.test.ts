import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LogplatError } from '../../../src/errors.js'
import {
  connectRedisCache,
  createMemoryCache,
  createResilientCache,
  type ResilientCache,
} from '../../../src/stores/cache/index.js'
import { createRedisProcess, type RedisProcess } from './redis-process.js'

const COOL_DOWN_MS = 200
const FAILURE_THRESHOLD = 3
const RECOVERY_DEADLINE_MS = 20_000

// Waits for a condition that depends on reconnecting, without asserting how long it takes.
async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + RECOVERY_DEADLINE_MS
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting until ${what}.`)
    await sleep(50)
  }
}

describe('resilient cache over the in-process LRU', () => {
  it('counts hits and misses and reports healthy', async () => {
    const cache = createResilientCache(createMemoryCache())
    await cache.set('embedding:a', '[0.1, 0.2]')

    const hit = await cache.get('embedding:a')
    const miss = await cache.get('embedding:b')

    expect([hit, miss]).toEqual(['[0.1, 0.2]', undefined])
    expect(cache.stats()).toEqual({ hits: 1, misses: 1, errors: 0 })
    expect(await cache.health()).toBe('healthy')
    await cache.close()
  })

  it('throws a bad time to live instead of skipping the write', async () => {
    const cache = createResilientCache(createMemoryCache())

    const error = await cache.set('key', 'value', -1).catch((reason: unknown) => reason)

    expect(error).toBeInstanceOf(LogplatError)
    expect(error).toMatchObject({ code: 'LOGPLAT_CACHE_INVALID_TTL' })
    expect(cache.breaker.failures()).toBe(0)
    await cache.close()
  })
})

describe('resilient cache over a Redis server that stops and starts again', () => {
  let redis: RedisProcess
  let cache: ResilientCache

  beforeAll(async () => {
    redis = await createRedisProcess()
    await redis.start()
    cache = createResilientCache(await connectRedisCache(redis.url), {
      failureThreshold: FAILURE_THRESHOLD,
      coolDownMs: COOL_DOWN_MS,
    })
  })

  afterAll(async () => {
    await cache.close()
    await redis.stop()
  })

  it('uses Redis while it runs', async () => {
    await cache.set('embedding:up', 'cached')

    expect(await cache.get('embedding:up')).toBe('cached')
    expect(await cache.health()).toBe('healthy')
  })

  it('serves misses and skips writes while Redis is down, counts the errors and reports degraded', async () => {
    await redis.stop()

    const reads = []
    for (let i = 0; i < FAILURE_THRESHOLD + 2; i++) {
      await cache.set(`embedding:${i}`, 'skipped')
      reads.push(await cache.get('embedding:up'))
    }
    const wasDeleted = await cache.delete('embedding:up')

    expect(reads).toEqual(Array.from({ length: FAILURE_THRESHOLD + 2 }, () => undefined))
    expect(wasDeleted).toBe(false)
    expect(cache.breaker.state()).toBe('open')
    expect(cache.stats().errors).toBeGreaterThanOrEqual(FAILURE_THRESHOLD)
    expect(await cache.health()).toBe('degraded')
    expect(await cache.isConnected()).toBe(false)
  })

  it('reports a clear that cannot reach Redis as a retryable error', async () => {
    const error = await cache.clear('embedding:').catch((reason: unknown) => reason)

    expect(error).toBeInstanceOf(LogplatError)
    expect(error).toMatchObject({ isRetryable: true })
    expect((error as LogplatError).code).toMatch(/^LOGPLAT_CACHE_(CIRCUIT_OPEN|UNAVAILABLE)$/)
  })

  it('uses Redis again once it is back and the cool-down has passed, and reports healthy', async () => {
    await redis.start()

    await eventually(async () => {
      await cache.set('embedding:back', 'cached again')
      return (await cache.get('embedding:back')) === 'cached again'
    }, 'the cache stores and returns a value again')

    expect(cache.breaker.state()).toBe('closed')
    expect(await cache.health()).toBe('healthy')
  })
})
