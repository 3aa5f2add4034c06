import { describe, expect, it } from 'vitest'
import { patternHash } from '../../src/patterns/pattern-hash.js'
import { TemplateMiner } from '../../src/patterns/template-miner.js'

const LINES = [
  'Connection timeout to database after 3000ms',
  'Connection timeout to database after 120ms',
  'Failed password for root from 10.0.0.1 port 22 ssh2',
  'Failed password for admin from 10.0.0.2 port 2222 ssh2',
  'Failed password for oracle from 10.0.0.3 port 22 ssh2',
  'Node state changed to LOOKING',
  'Node state changed to LEADING',
  'Failed password for test from 10.0.0.4 port 22 ssh2',
]

function mineAll(miner: TemplateMiner, lines: string[]): number[] {
  return lines.map((line) => miner.add(line).templateId)
}

describe('TemplateMiner', () => {
  it('groups lines of one log statement under one template with typed placeholders', () => {
    const miner = new TemplateMiner()

    const first = miner.add('Connection timeout to database after 3000ms')
    const second = miner.add('Connection timeout to database after 120ms')

    expect(second.templateId).toBe(first.templateId)
    expect(second.template).toBe('Connection timeout to database after <DURATION>')
    expect(second.parameters).toEqual(['120ms'])
    expect([first.isNew, second.isNew]).toEqual([true, false])
  })

  it('takes a word as a variable once its position has shown three distinct words', () => {
    const miner = new TemplateMiner()

    const ids = mineAll(miner, LINES.slice(2, 5)).map((id) => miner.currentTemplateId(id))

    expect(new Set(ids).size).toBe(1)
    expect(miner.match('Failed password for guest from 10.9.9.9 port 1 ssh2')?.template).toBe(
      'Failed password for <*> from <IP> port <NUM> ssh2',
    )
  })

  it('keeps upper-case state words apart as different events', () => {
    const miner = new TemplateMiner()

    const ids = mineAll(miner, ['A is LOOKING', 'A is LEADING', 'A is FOLLOWING', 'A is OBSERVING'])

    expect(new Set(ids).size).toBe(4)
  })

  it('folds a written-out date and a variable-length list into one placeholder each', () => {
    const miner = new TemplateMiner()

    const first = miner.add('connection at Sat Jun 18 02:08:12 2005 for blk_1 blk_2')
    const second = miner.add('connection at Mon Jul 4 11:00:00 2005 for blk_3 blk_4 blk_5')

    expect(second.templateId).toBe(first.templateId)
    expect(second.template).toBe('connection at <TS> for <*>')
    expect(second.parameters).toEqual(['Mon Jul 4 11:00:00 2005', 'blk_3 blk_4 blk_5'])
  })

  it('refuses options outside their range with a clear error', () => {
    const create = [
      () => new TemplateMiner({ similarityThreshold: 1.5 }),
      () => new TemplateMiner({ variableAfter: 1 }),
    ]

    for (const attempt of create) expect(attempt).toThrow(/Cannot create a template miner/)
  })

  it('matches without learning', () => {
    const miner = new TemplateMiner()
    miner.add('Disk /dev/sda1 is 91% full')

    const known = miner.match('Disk /dev/sdb2 is 91% full')
    const unknown = miner.match('Fan speed is low')

    expect(known?.template).toBe('Disk <PATH> is <NUM>% full')
    expect(unknown).toBeUndefined()
    expect(miner.templates()).toHaveLength(1)
  })

  it('mines empty, blank, unicode and very long messages without failing', () => {
    const miner = new TemplateMiner()
    const long = Array.from({ length: 20_000 }, (_, index) => `t${index}`).join(' ')

    const results = ['', '   ', 'ошибка 数据 🚨 42', long, '!!!'].map((line) => miner.add(line))

    expect(results[0]?.template).toBe('')
    expect(results[1]?.templateId).toBe(results[0]?.templateId)
    expect(results[2]?.template).toBe('ошибка 数据 🚨 <NUM>')
    expect(results[3]?.template.split(' ')).toHaveLength(20_000)
  })

  it('gives a repeated message the template and parameters it would get the first time', () => {
    const miner = new TemplateMiner()
    mineAll(miner, LINES)

    const repeated = miner.add(LINES[2] ?? '')
    const fresh = TemplateMiner.fromJSON(miner.toJSON()).add(LINES[2] ?? '')

    expect(repeated).toEqual(fresh)
    expect(repeated.parameters).toEqual(['root', '10.0.0.1', '22'])
  })

  it('gives the same pattern hash to the same template text in every miner', () => {
    const left = new TemplateMiner().add('User 42 logged in')
    const right = new TemplateMiner().add('User 7 logged in')

    expect(left.patternHash).toBe(right.patternHash)
    expect(left.patternHash).toBe(patternHash('User <NUM> logged in'))
    expect(left.patternHash).toMatch(/^[0-9a-f]{16}$/)
  })
})

describe('TemplateMiner state', () => {
  it('mines after a save and restore exactly as an uninterrupted miner does', () => {
    const uninterrupted = new TemplateMiner()
    const expected = mineAll(uninterrupted, LINES)
    const before = new TemplateMiner()
    const firstHalf = mineAll(before, LINES.slice(0, 4))

    const saved = JSON.parse(JSON.stringify(before.toJSON())) as unknown
    const restored = TemplateMiner.fromJSON(saved)
    const secondHalf = mineAll(restored, LINES.slice(4))

    expect([...firstHalf, ...secondHalf]).toEqual(expected)
    expect(restored.templates()).toEqual(uninterrupted.templates())
    expect(restored.currentTemplateId(firstHalf[2] ?? 0)).toBe(
      uninterrupted.currentTemplateId(expected[2] ?? 0),
    )
  })

  it.each([
    ['null', null],
    ['a string', 'templates'],
    ['another version', { version: 2 }],
    [
      'a malformed template',
      {
        version: 1,
        similarityThreshold: 0.5,
        variableAfter: 3,
        nextId: 2,
        templates: [{ id: 1, key: '1 a', tokens: 'a', count: 1, seen: [] }],
        mergedInto: [],
      },
    ],
  ])('refuses to restore from %s with a clear error', (_, state) => {
    const restore = () => TemplateMiner.fromJSON(state)

    expect(restore).toThrow(/Cannot restore the template miner from the saved state/)
  })
})
