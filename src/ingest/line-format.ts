import { isLogfmtLine, readJsonObject } from './structured-lines.js'

/** How the lines of a file are written. */
export const LINE_FORMATS = ['json', 'logfmt', 'text'] as const
export type LineFormat = (typeof LINE_FORMATS)[number]

/** A line format, or `auto` to detect it from the file's first lines. */
export const FORMAT_CHOICES = ['auto', ...LINE_FORMATS] as const
export type FormatChoice = (typeof FORMAT_CHOICES)[number]

/** How many non-empty lines at the start of a file decide its format. */
export const DETECTION_SAMPLE_LINES = 20

function classifyLine(line: string): LineFormat {
  if (readJsonObject(line) !== undefined) return 'json'
  if (isLogfmtLine(line)) return 'logfmt'
  return 'text'
}

/**
 * Detects a file's format from its first non-empty lines: JSON lines or
 * logfmt when more than half of them read so, plain text otherwise.
 */
export function detectFormat(sample: readonly string[]): LineFormat {
  const counts = { json: 0, logfmt: 0, text: 0 }
  for (const line of sample) counts[classifyLine(line)]++

  const majority = sample.length / 2
  if (counts.json > majority) return 'json'
  if (counts.logfmt > majority) return 'logfmt'
  return 'text'
}
