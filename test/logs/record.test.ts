import { describe, expect, it } from 'vitest'
import { normalizeLevel } from '../../src/logs/levels.js'
import { checkLogRecord } from '../../src/logs/record.js'

const fixedNow = () => new Date('2026-01-02T03:04:05.678Z')

describe('checkLogRecord', () => {
  it('fills log_id, timestamp, environment and level when they are left out', () => {
    const check = checkLogRecord({ service: 'api', message: 'hi' }, { now: fixedNow })

    expect(check.ok && check.record).toMatchObject({
      timestamp: '2026-01-02T03:04:05.678Z',
      environment: 'default',
      level: 'INFO',
      stack_trace: null,
    })
    expect(check.ok && check.record.log_id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it.each([
    ['2024-12-11T10:30:00.000Z', '2024-12-11T10:30:00.000Z'],
    ['2024-12-11 10:30:00', '2024-12-11T10:30:00.000Z'],
    ['2024-12-11T12:30:00+02:00', '2024-12-11T10:30:00.000Z'],
    [1733913000, '2024-12-11T10:30:00.000Z'],
    [1733913000123, '2024-12-11T10:30:00.123Z'],
  ])('reads the timestamp %j as %s', (timestamp, expected) => {
    const check = checkLogRecord({ service: 'api', message: 'm', timestamp })

    expect(check.ok && check.record.timestamp).toBe(expected)
  })

  it.each(['yesterday', '2024-13-01T00:00:00.000Z', '1850-01-01T00:00:00.000Z', true, {}])(
    'refuses the timestamp %j with a reason',
    (timestamp) => {
      const check = checkLogRecord({ service: 'api', message: 'm', timestamp })

      expect(check.ok).toBe(false)
      expect(!check.ok && check.reason).toContain('"timestamp"')
    },
  )

  it.each([
    [null, 'not a JSON object'],
    [[1, 2], 'not a JSON object'],
    [{ service: 'api' }, '"message"'],
    [{ service: 'api', message: 5 }, '"message"'],
    [{ message: 'm' }, '"service"'],
    [{ service: '   ', message: 'm' }, '"service"'],
    [{ service: 'x'.repeat(129), message: 'm' }, 'longer than 128'],
    [{ service: 'api', message: 'm', level: 7 }, '"level"'],
    [{ service: 'api', message: 'm', host: 42 }, '"host"'],
    [{ service: 'api', message: 'm', log_id: '' }, '"log_id"'],
  ])('refuses %j naming %s', (value, fragment) => {
    const check = checkLogRecord(value)

    expect(check.ok).toBe(false)
    expect(!check.ok && check.reason).toContain(fragment)
  })

  it('keeps unicode, control characters and an empty message as data', () => {
    const message = 'ログ \u0000 \u001b[2J 🚀'

    const check = checkLogRecord({ service: 'サービス', message })
    const empty = checkLogRecord({ service: 'api', message: '' })

    expect(check.ok && check.record.message).toBe(message)
    expect(check.ok && check.record.service).toBe('サービス')
    expect(empty.ok && empty.record.message).toBe('')
  })
})

describe('normalizeLevel', () => {
  it.each([
    ['warning', 'WARN'],
    ['err', 'ERROR'],
    ['notice', 'INFO'],
    ['crit', 'FATAL'],
    [' Trace ', 'DEBUG'],
    ['severe', 'ERROR'],
  ])('reads %s as %s', (word, level) => {
    expect(normalizeLevel(word)).toBe(level)
  })

  it('knows no level in an arbitrary word', () => {
    expect(normalizeLevel('loud')).toBeUndefined()
  })
})
