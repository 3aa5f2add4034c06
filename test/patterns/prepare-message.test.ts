import { describe, expect, it } from 'vitest'
import { maskToken } from '../../src/patterns/masking.js'
import { prepareMessage } from '../../src/patterns/prepare-message.js'

describe('prepareMessage', () => {
  it('keeps every token of a message that folds nothing', () => {
    const prepared = prepareMessage('user 42 logged in', maskToken)

    expect(prepared).toEqual({
      values: ['user', '42', 'logged', 'in'],
      masked: ['user', '<NUM>', 'logged', 'in'],
      key: '4 user',
    })
  })

  it('folds a size unit, a date and a list after unfolded tokens', () => {
    const prepared = prepareMessage(
      'wrote 12.4 KB, at Sat Jun 18 02:08:12 2005 to 1 2 3',
      maskToken,
    )

    expect(prepared.masked).toEqual(['wrote', '<SIZE>,', 'at', '<TS>', 'to', '<NUM>'])
    expect(prepared.values).toEqual([
      'wrote',
      '12.4 KB',
      'at',
      'Sat Jun 18 02:08:12 2005',
      'to',
      '1 2 3',
    ])
  })

  it('files a message that starts with a variable under its length alone', () => {
    const prepared = prepareMessage('7 8 9 retries left', maskToken)

    expect(prepared.masked).toEqual(['<NUM>', 'retries', 'left'])
    expect(prepared.key).toBe('3 ')
  })
})
