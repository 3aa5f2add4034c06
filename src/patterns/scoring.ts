import { LogplatError } from '../errors.js'
import { toWildcards } from './placeholders.js'

/**
 * Grouping accuracy (GA): the share of lines whose predicted group holds exactly
 * the lines of their labelled group. A split or merged group scores nothing.
 */
export function scoreGroupingAccuracy(
  labels: readonly string[],
  predicted: readonly (string | number)[],
): number {
  assertSameLength(labels.length, predicted.length)
  if (labels.length === 0) return 0

  const labelSizes = countBy(labels)
  const groups = new Map<string | number, { label: string; size: number; isPure: boolean }>()
  labels.forEach((label, index) => {
    const key = predicted[index] ?? ''
    const group = groups.get(key)
    if (!group) groups.set(key, { label, size: 1, isPure: true })
    else {
      group.size += 1
      group.isPure &&= group.label === label
    }
  })

  let correct = 0
  for (const group of groups.values()) {
    if (group.isPure && labelSizes.get(group.label) === group.size) correct += group.size
  }
  return correct / labels.length
}

/**
 * Parsing accuracy (PA): the share of lines whose predicted template, with every
 * placeholder read as `<*>`, equals the labelled template.
 */
export function scoreParsingAccuracy(
  labelled: readonly string[],
  predicted: readonly string[],
): number {
  assertSameLength(labelled.length, predicted.length)
  if (labelled.length === 0) return 0

  let correct = 0
  labelled.forEach((template, index) => {
    if (normalizeTemplate(template) === normalizeTemplate(toWildcards(predicted[index] ?? ''))) {
      correct += 1
    }
  })
  return correct / labelled.length
}

function normalizeTemplate(template: string): string {
  return template.trim().split(/\s+/).join(' ')
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}

function assertSameLength(labelCount: number, predictedCount: number): void {
  if (labelCount === predictedCount) return
  throw new LogplatError(
    'PATTERNS',
    'SCORE_MISMATCH',
    `Cannot score ${predictedCount} predictions against ${labelCount} labelled lines: the counts must match.`,
  )
}
