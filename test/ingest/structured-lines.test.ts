import { describe, expect, it } from 'vitest'
import { parseLogfmt } from '../../src/ingest/logfmt.js'
import { LineParser } from '../../src/ingest/line-parser.js'

const now = new Date('2026-12-03T12:00:00Z')

function parseAs(format: 'json' | 'logfmt', line: string) {
  return new LineParser(format, 'test', now).parse(line, 1)
}

describe('a JSON line', () => {
  it('maps the common field names and leaves the rest out', () => {
    const line = JSON.stringify({
      msg: 'payment declined',
      severity: 'warning',
      '@timestamp': '2024-03-01T10:20:30.5Z',
      app: 'checkout',
      env: 'staging',
      traceId: 'abc123',
      hostname: 'web-1',
      pod: 'checkout-7d9',
      userId: 42,
      card: '4111-xxxx',
    })

    const record = parseAs('json', line)

    expect(record).toEqual({
      log_id: expect.any(String) as string,
      message: 'payment declined',
      level: 'WARN',
      timestamp: '2024-03-01T10:20:30.500Z',
      service: 'checkout',
      environment: 'staging',
      trace_id: 'abc123',
      host: 'web-1',
      pod_name: 'checkout-7d9',
      user_id: '42',
    })
  })

  it('reads pino numeric levels, epoch milliseconds and the stack of a nested error', () => {
    const line =
      '{"level":50,"time":1709288430123,"msg":"db down","err":{"type":"Error","stack":"Error: db down\\n    at connect"}}'

    const record = parseAs('json', line)

    expect(record.level).toBe('ERROR')
    expect(record.timestamp).toBe('2024-03-01T10:20:30.123Z')
    expect(record.stack_trace).toBe('Error: db down\n    at connect')
  })

  it('reads epoch seconds and Hadoop-style comma fractions in a time field', () => {
    expect(parseAs('json', '{"msg":"a","ts":1709288430.25}').timestamp).toBe(
      '2024-03-01T10:20:30.250Z',
    )
    expect(parseAs('json', '{"msg":"a","ts":"1709288430"}').timestamp).toBe(
      '2024-03-01T10:20:30.000Z',
    )
    expect(parseAs('json', '{"msg":"a","date":"2015-10-18 18:01:47,978"}').timestamp).toBe(
      '2015-10-18T18:01:47.978Z',
    )
  })

  it('keeps the whole line as the message when no message field exists', () => {
    const line = '{"event":"login","user":"ana"}'

    expect(parseAs('json', line).message).toBe(line)
  })

  it('writes a message that is not a string as JSON', () => {
    expect(parseAs('json', '{"message":{"code":7}}').message).toBe('{"code":7}')
    expect(parseAs('json', '{"message":12}').message).toBe('12')
  })

  it('drops values the gateway would refuse instead of the record, stamping the read time', () => {
    const readFrom = Date.now()
    const record = parseAs(
      'json',
      JSON.stringify({ msg: 'x', level: 'loud', time: 'yesterday', service: ' '.repeat(3) }),
    )

    expect(record.level).toBe('INFO')
    expect(Date.parse(record.timestamp ?? '')).toBeGreaterThanOrEqual(readFrom)
    expect(Date.parse(record.timestamp ?? '')).toBeLessThanOrEqual(Date.now())
    expect(record.service).toBeUndefined()
  })

  it('treats __proto__ and constructor keys as plain data', () => {
    const record = parseAs('json', '{"__proto__":{"level":"FATAL"},"constructor":1,"msg":"x"}')

    expect(record.level).toBe('INFO')
    expect(record.message).toBe('x')
  })

  it('reads a line that is not JSON as text, never losing it', () => {
    const line = '    at com.example.Main.run(Main.java:42)'

    expect(parseAs('json', line).message).toBe(line)
    expect(parseAs('json', '{"unterminated": ').message).toBe('{"unterminated": ')
    expect(parseAs('json', '[1,2,3]').message).toBe('[1,2,3]')
  })
})

describe('a logfmt line', () => {
  it('maps the pairs onto a record', () => {
    const line =
      'ts=2024-03-01T10:20:30Z level=error msg="disk \\"sda\\" is full" service=storage host=db-2 retry'

    const record = parseAs('logfmt', line)

    expect(record).toMatchObject({
      timestamp: '2024-03-01T10:20:30.000Z',
      level: 'ERROR',
      message: 'disk "sda" is full',
      service: 'storage',
      host: 'db-2',
    })
  })

  it('reads as text when a quote is never closed', () => {
    const line = 'level=info msg="no end'

    expect(parseAs('logfmt', line)).toMatchObject({ message: line, level: 'INFO' })
  })
})

describe('parseLogfmt', () => {
  it('decodes escapes, unicode, empty values and bare words', () => {
    const pairs = parseLogfmt('a="tab\\there\\nnew \\u00e9 \\\\ \\q" empty= b=ünï €=x bare')

    expect(pairs).toEqual({
      fields: { a: 'tab\there\nnew é \\ \\q', empty: '', b: 'ünï', '€': 'x' },
      pairCount: 4,
      startsWithPair: true,
    })
  })

  it('counts no pairs in a line of equals signs and finishes a megabyte of them', () => {
    const pairs = parseLogfmt('='.repeat(1 << 20))

    expect(pairs?.pairCount).toBe(0)
  })
})
