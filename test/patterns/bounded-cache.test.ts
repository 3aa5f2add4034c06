import { describe, expect, it } from 'vitest'
import { BoundedCache } from '../../src/patterns/bounded-cache.js'

function missTimes(cache: BoundedCache<string, number>, count: number): void {
  for (let index = 0; index < count; index += 1) cache.get(`unique ${index}`)
}

describe('BoundedCache', () => {
  it('forgets the oldest entry once it holds its maximum', () => {
    const cache = new BoundedCache<string, number>(2)

    cache.set('a', 1)
    cache.set('b', 2)
    cache.set('c', 3)

    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3])
  })

  it('rests after a window of lookups that almost never hit', () => {
    const cache = new BoundedCache<string, number>(1000)

    missTimes(cache, 256)
    cache.set('a', 1)

    expect(cache.get('a')).toBeUndefined()
  })

  it('keeps answering while its lookups hit', () => {
    const cache = new BoundedCache<string, number>(1000)
    cache.set('a', 1)

    for (let index = 0; index < 1024; index += 1) cache.get('a')
    missTimes(cache, 100)

    expect(cache.get('a')).toBe(1)
  })
})
