import { describe, expect, it } from 'vitest'
import { scoreGroupingAccuracy, scoreParsingAccuracy } from '../../src/patterns/scoring.js'

describe('scoreGroupingAccuracy', () => {
  it('gives 1 to a grouping that matches the labels under other names', () => {
    const labels = ['E1', 'E1', 'E2', 'E3']
    const predicted = [7, 7, 3, 9]

    const accuracy = scoreGroupingAccuracy(labels, predicted)

    expect(accuracy).toBe(1)
  })

  it('scores nothing for any line of a labelled group that was split in two', () => {
    const labels = ['E1', 'E1', 'E1', 'E2']
    const predicted = [1, 1, 2, 3]

    const accuracy = scoreGroupingAccuracy(labels, predicted)

    expect(accuracy).toBe(0.25)
  })

  it('scores nothing for the lines of two labelled groups that were merged', () => {
    const labels = ['E1', 'E1', 'E2', 'E3', 'E3']
    const predicted = [1, 1, 1, 2, 2]

    const accuracy = scoreGroupingAccuracy(labels, predicted)

    expect(accuracy).toBe(0.4)
  })

  it('refuses predictions that do not line up with the labels', () => {
    const labels = ['E1', 'E2']

    const score = () => scoreGroupingAccuracy(labels, [1])

    expect(score).toThrow(/Cannot score 1 predictions against 2 labelled lines/)
  })
})

describe('scoreParsingAccuracy', () => {
  it('reads every typed placeholder as <*> and ignores repeated spaces', () => {
    const labelled = ['Received block <*> of size <*>', 'Took <*> ms', 'done']
    const predicted = ['Received block <*>  of size <NUM>', 'Took <DURATION> s', 'done']

    const accuracy = scoreParsingAccuracy(labelled, predicted)

    expect(accuracy).toBeCloseTo(2 / 3)
  })
})
