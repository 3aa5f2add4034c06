import { describe, expect, it } from 'vitest'
import { murmur2, Partitioner } from '../../src/bus/embedded/partitioner.js'

describe('embedded partitioner', () => {
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j to %i as Kafka does', (key, hash) => {
    expect(murmur2(Buffer.from(key))).toBe(hash)
  })

  it('spreads messages without a key over every partition in turn', () => {
    const partitioner = new Partitioner()

    const chosen = Array.from({ length: 6 }, () => partitioner.partitionOf(undefined, 3))

    expect(chosen).toEqual([0, 1, 2, 0, 1, 2])
  })
})
