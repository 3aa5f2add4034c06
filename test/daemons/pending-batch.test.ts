import { describe, expect, it } from 'vitest'
import { PendingBatch } from '../../daemons/consumer/pending-batch.js'

describe('PendingBatch', () => {
  it('counts its age from the first message it takes, not from when it was opened', async () => {
    const batch = new PendingBatch()
    await new Promise((resolve) => setTimeout(resolve, 30))

    const emptyAge = batch.age()
    const before = Date.now()
    batch.advance('raw-logs', 0, '41')
    const after = Date.now()

    expect(emptyAge).toBe(0)
    expect(batch.age(after + 1000)).toBeGreaterThanOrEqual(1000)
    expect(batch.age(after + 1000)).toBeLessThanOrEqual(1000 + (after - before))
  })

  it('commits the offset after the last message of each partition it took', () => {
    const batch = new PendingBatch()

    batch.advance('raw-logs', 0, '41')
    batch.advance('raw-logs', 1, '7')
    batch.advance('raw-logs', 0, '9007199254740993')

    expect(batch.offsets()).toEqual([
      { topic: 'raw-logs', partition: 0, offset: '9007199254740994' },
      { topic: 'raw-logs', partition: 1, offset: '8' },
    ])
  })
})
