import { describe, expect, it } from 'vitest'
import { BoundedCache } from '../../src/patterns/bounded-cache.js'

describe('BoundedCache', () => {
  it('forgets the oldest entry once it holds its maximum', () => {
    const cache = new BoundedCache<string, number>(2)

    cache.set('a', 1)
    cache.set('b', 2)
    cache.set('c', 3)

    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3])
  })
})
