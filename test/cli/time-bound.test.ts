import { describe, expect, it } from 'vitest'
import { parseTimeBound } from '../../src/cli/time-bound.js'

const now = new Date('2026-12-03T12:00:00.000Z')

describe('parseTimeBound', () => {
  it.each([
    ['90s', '2026-12-03T11:58:30.000Z'],
    ['15m', '2026-12-03T11:45:00.000Z'],
    ['2h', '2026-12-03T10:00:00.000Z'],
    ['7d', '2026-11-26T12:00:00.000Z'],
    ['1w', '2026-11-26T12:00:00.000Z'],
    ['2024-12-11T10:00:00+01:00', '2024-12-11T09:00:00.000Z'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseTimeBound('since', text, now)).toBe(expected)
  })

  it.each(['yesterday', '15 minutes', '-5m', '', '12', '2024-99-99'])(
    'refuses %j and names the flag',
    (text) => {
      expect(() => parseTimeBound('since', text, now)).toThrow(/--since/)
    },
  )
})
