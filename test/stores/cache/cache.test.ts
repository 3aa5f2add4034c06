import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LogplatError } from '../../../src/errors.js'
import {
  connectRedisCache,
  createMemoryCache,
  type Cache,
} from '../../../src/stores/cache/index.js'
import { findServer } from '../../support/servers.js'

const redisServer = await findServer('redis')

const BACKENDS = [
  { name: 'in-process LRU', isAvailable: true, open: () => Promise.resolve(createMemoryCache()) },
  {
    name: 'Redis',
    isAvailable: redisServer.isAvailable,
    open: () => connectRedisCache(redisServer.address),
  },
]

async function errorOf(promise: Promise<unknown>): Promise<LogplatError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(LogplatError)
  return error as LogplatError
}

describe.each(BACKENDS)('cache on $name', (backend) => {
  let cache: Cache
  // Every test writes under its own prefix, so runs sharing one Redis never meet.
  let ns: string

  beforeEach(async (context) => {
    if (!backend.isAvailable) context.skip()
    cache = await backend.open()
    ns = `logplat-test:${randomUUID()}:`
  })

  afterEach(async () => {
    if (!backend.isAvailable) return
    if (await cache.isConnected()) await cache.clear(ns)
    await cache.close()
  })

  it('returns undefined for a key that was never set', async () => {
    expect(await cache.get(`${ns}missing`)).toBeUndefined()
  })

  it('returns what was set, and the newer value after an overwrite', async () => {
    await cache.set(`${ns}key`, 'first')
    const first = await cache.get(`${ns}key`)

    await cache.set(`${ns}key`, 'second')

    expect(first).toBe('first')
    expect(await cache.get(`${ns}key`)).toBe('second')
  })

  it('deletes a key and says whether it was there', async () => {
    await cache.set(`${ns}key`, 'value')

    const wasDeleted = await cache.delete(`${ns}key`)
    const wasDeletedAgain = await cache.delete(`${ns}key`)

    expect(wasDeleted).toBe(true)
    expect(wasDeletedAgain).toBe(false)
    expect(await cache.get(`${ns}key`)).toBeUndefined()
  })

  it('forgets a key once its time to live has passed, and keeps a key without one', async () => {
    await cache.set(`${ns}short`, 'expires', 0.1)
    await cache.set(`${ns}lasting`, 'stays')
    const beforeExpiry = await cache.get(`${ns}short`)

    await sleep(300)

    expect(beforeExpiry).toBe('expires')
    expect(await cache.get(`${ns}short`)).toBeUndefined()
    expect(await cache.get(`${ns}lasting`)).toBe('stays')
  })

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses a time to live of %s seconds',
    async (ttlSeconds) => {
      const error = await errorOf(cache.set(`${ns}key`, 'value', ttlSeconds))

      expect(error.code).toBe('LOGPLAT_CACHE_INVALID_TTL')
      expect(error.message).toContain(`"${ns}key"`)
      expect(await cache.get(`${ns}key`)).toBeUndefined()
    },
  )

  it('clears only the keys under a prefix and counts them', async () => {
    await Promise.all([
      cache.set(`${ns}embedding:a`, '1'),
      cache.set(`${ns}embedding:b`, '2'),
      cache.set(`${ns}embedding:c`, '3'),
      cache.set(`${ns}other:a`, '4'),
    ])

    const deleted = await cache.clear(`${ns}embedding:`)

    expect(deleted).toBe(3)
    expect(await cache.get(`${ns}embedding:a`)).toBeUndefined()
    expect(await cache.get(`${ns}other:a`)).toBe('4')
  })

  it('clears by a prefix holding glob characters as plain text', async () => {
    await cache.set(`${ns}a*[b]?:1`, 'matches')
    await cache.set(`${ns}aX[b]Z:1`, 'would match the glob')
    await cache.set(`${ns}ab:1`, 'would match the glob too')

    const deleted = await cache.clear(`${ns}a*[b]?`)

    expect(deleted).toBe(1)
    expect(await cache.get(`${ns}aX[b]Z:1`)).toBe('would match the glob')
    expect(await cache.get(`${ns}ab:1`)).toBe('would match the glob too')
  })

  it('clears more keys than one scan batch returns', async () => {
    const keys = Array.from({ length: 1_200 }, (_, index) => `${ns}bulk:${index}`)
    await Promise.all(keys.map((key) => cache.set(key, 'x')))

    expect(await cache.clear(`${ns}bulk:`)).toBe(1_200)
    expect(await cache.get(`${ns}bulk:7`)).toBeUndefined()
  })

  it('refuses to clear by the empty prefix', async () => {
    await cache.set(`${ns}kept`, 'value')

    const error = await errorOf(cache.clear(''))

    expect(error.code).toBe('LOGPLAT_CACHE_INVALID_PREFIX')
    expect(await cache.get(`${ns}kept`)).toBe('value')
  })

  it('keeps unicode keys and values exactly', async () => {
    const key = `${ns}ключ:日本語:😀`
    const value = 'Größe ✓ 日本語 😀 \u0000 \n "quoted"'

    await cache.set(key, value)

    expect(await cache.get(key)).toBe(value)
    expect(await cache.clear(`${ns}ключ:`)).toBe(1)
  })

  it('keeps a value of several megabytes', async () => {
    const value = 'embedding-vector,'.repeat(250_000)

    await cache.set(`${ns}large`, value)

    expect(await cache.get(`${ns}large`)).toBe(value)
  })

  it('says it is connected until closed, and refuses calls once closed', async () => {
    const wasConnected = await cache.isConnected()

    await cache.close()

    expect(wasConnected).toBe(true)
    expect(await cache.isConnected()).toBe(false)
    expect((await errorOf(cache.get(`${ns}key`))).code).toBe('LOGPLAT_CACHE_CLOSED')
  })
})
