import { describe, expect, it } from 'vitest'
import { lineId } from '../../src/ingest/line-id.js'

describe('lineId', () => {
  it('gives the same line at the same place under the same name the same id', () => {
    expect(lineId('hdfs', 7, 'Receiving block')).toBe(lineId('hdfs', 7, 'Receiving block'))
  })

  it('tells apart equal text on other lines, other text, and other sources', () => {
    const ids = new Set([
      lineId('hdfs', 7, 'Receiving block'),
      lineId('hdfs', 8, 'Receiving block'),
      lineId('hdfs', 7, 'Receiving block!'),
      lineId('spark', 7, 'Receiving block'),
    ])

    expect(ids.size).toBe(4)
  })

  it('is shaped like a UUID', () => {
    expect(lineId('x', 1, 'ログ 🚀')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    )
  })
})
