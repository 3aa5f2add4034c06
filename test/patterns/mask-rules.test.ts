import { describe, expect, it } from 'vitest'
import { MASK_RULES } from '../../src/patterns/mask-rules.js'
import { readShape } from '../../src/patterns/token-shape.js'

const SAMPLES = [
  '42',
  '-3.25',
  '1,024',
  '0x7fff0a',
  '0XAB',
  'deadbeef01',
  'DEADBEEF99',
  '10.0.0.1',
  '/10.251.42.84:50010',
  '2001:db8::8a2e:370:7334',
  '1:2:3:4:5:6:7:8',
  '[fe80::1]:8080',
  '::ffff:10.0.0.1',
  '123e4567-e89b-12d3-a456-426614174000',
  '/var/log/app.log',
  '~/notes',
  '../up/one/',
  'C:\\Windows\\system32',
  'https://example.com/a?b=1',
  'hdfs://node-1:9000/user',
  'ops@example.org',
  'a.b+c@mail-1.example.co',
  '250ms',
  '+5ms',
  '-1.5h',
  '1.5s',
  '3µs',
  '-2days',
  '512MB',
  '4KiB',
  '100bytes',
  '2024-05-01T12:00:00Z',
  '2024-05-01 12:00',
  '12:34:56.789',
  '2005/06/18',
  'plain',
  'RUNNING',
]

describe('MASK_RULES', () => {
  it.each(SAMPLES)('never skips a rule whose pattern matches %s', (token) => {
    const shape = readShape(token)

    const skipped = MASK_RULES.filter(
      (rule) => rule.pattern.test(token) && !rule.mayMatch(token, shape),
    )

    expect(skipped.map((rule) => rule.placeholder)).toEqual([])
  })
})
