import { describe, expect, it } from 'vitest'
import { LogplatError } from '../../../src/errors.js'
import { createCache } from '../../../src/stores/cache/index.js'

// Nothing listens on port 1, so every connection there is refused at once.
const UNREACHABLE_URL = 'redis://127.0.0.1:1'

describe('createCache', () => {
  it('uses the in-process LRU when no Redis URL is set', async () => {
    const cache = await createCache({ redisUrl: '' })

    await cache.set('key', 'value')

    expect(cache.kind).toBe('memory')
    expect(await cache.get('key')).toBe('value')
    await cache.close()
  })

  it('starts on a Redis that is down, and fails its calls with a retryable error naming the server', async () => {
    const cache = await createCache({ redisUrl: UNREACHABLE_URL })

    const isConnected = await cache.isConnected()
    const error = await cache.get('embedding:a').catch((reason: unknown) => reason)
    await cache.close()

    expect(cache.kind).toBe('redis')
    expect(isConnected).toBe(false)
    expect(error).toBeInstanceOf(LogplatError)
    expect(error).toMatchObject({ code: 'LOGPLAT_CACHE_UNAVAILABLE', isRetryable: true })
    expect((error as LogplatError).message).toContain(
      'Cannot get key "embedding:a" on Redis at 127.0.0.1:1',
    )
  })
})
