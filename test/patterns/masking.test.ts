import { describe, expect, it } from 'vitest'
import { maskMessage, maskToken } from '../../src/patterns/masking.js'

describe('maskToken', () => {
  it.each([
    ['42', '<NUM>'],
    ['-3.25', '<NUM>'],
    ['0x7fff0a', '<HEX>'],
    ['deadbeef01', '<HEX>'],
    ['10.0.0.1', '<IP>'],
    ['/10.251.42.84:50010', '<IP>'],
    ['2001:db8::8a2e:370:7334', '<IP>'],
    ['[fe80::1]:8080', '<IP>'],
    ['123e4567-e89b-12d3-a456-426614174000', '<UUID>'],
    ['/var/log/app.log', '<PATH>'],
    ['C:\\Windows\\system32', '<PATH>'],
    ['https://example.com/a?b=1', '<URL>'],
    ['ops@example.org', '<EMAIL>'],
    ['250ms', '<DURATION>'],
    ['1.5s', '<DURATION>'],
    ['512MB', '<SIZE>'],
    ['2024-05-01T12:00:00Z', '<TS>'],
    ['12:34:56.789', '<TS>'],
  ])('masks %s as %s', (token, placeholder) => {
    const masked = maskToken(token)

    expect(masked).toBe(placeholder)
  })

  it('keeps the punctuation around a masked value', () => {
    const masked = maskToken('(10.0.0.1),')

    expect(masked).toBe('(<IP>),')
  })

  it('masks the value of a key=value pair and keeps the key', () => {
    const masked = [maskToken('uid=500'), maskToken('rhost=host-7.example.net')]

    expect(masked).toEqual(['uid=<NUM>', 'rhost=<*>'])
  })

  it('keeps a key=value pair whose value is a plain word, since it names the event', () => {
    const masked = maskToken('state=RUNNING')

    expect(masked).toBe('state=RUNNING')
  })

  it('masks a quoted value that is not a plain word and keeps its quotes', () => {
    const masked = [maskToken("'attempt_1_0001'"), maskToken('"a/b/c",'), maskToken("'safety'")]

    expect(masked).toEqual(["'<*>'", '"<*>",', "'safety'"])
  })

  it('masks an identifier built around a number as one variable', () => {
    const masked = maskToken('blk_-7724713468912166542')

    expect(masked).toBe('<*>')
  })

  it('leaves plain words and words with a version digit alone', () => {
    const masked = ['Connection', 'ssh2', 'timeout'].map(maskToken)

    expect(masked).toEqual(['Connection', 'ssh2', 'timeout'])
  })
})

describe('maskMessage', () => {
  it('masks a typical error line into its template form', () => {
    const masked = maskMessage('Connection timeout to database 10.1.2.3:5432 after 3000 ms')

    expect(masked).toBe('Connection timeout to database <IP> after <NUM> ms')
  })

  it('gives an empty string for an empty or blank message', () => {
    const masked = [maskMessage(''), maskMessage(' \t \n')]

    expect(masked).toEqual(['', ''])
  })

  it('leaves a message of only punctuation as it is', () => {
    const masked = maskMessage('*** --- ... !!! ::: ///')

    expect(masked).toBe('*** --- ... !!! ::: ///')
  })

  it('keeps unicode words and masks the numbers among them', () => {
    const masked = maskMessage('Überlauf im Puffer 42 — 数据库 连接 失败 🚨')

    expect(masked).toBe('Überlauf im Puffer <NUM> — 数据库 连接 失败 🚨')
  })

  it('masks a very long token and a line of thousands of tokens', () => {
    const longToken = `/${'a'.repeat(100_000)}`
    const manyTokens = Array.from({ length: 5000 }, (_, index) => `k${index}=${index}`).join(' ')

    const masked = [maskMessage(longToken), maskMessage(manyTokens)]

    expect(masked[0]).toBe('<PATH>')
    expect(masked[1]?.split(' ')).toHaveLength(5000)
    expect(masked[1]?.split(' ')[4999]).toBe('k4999=<NUM>')
  })

  it('does not read an escape sequence or a hostile token as a variable', () => {
    const masked = maskMessage('\u001b[31mred\u001b[0m <script>alert(1)</script>')

    expect(masked).toBe('\u001b[31mred\u001b[0m <script>alert(<NUM>)</script>')
  })
})
