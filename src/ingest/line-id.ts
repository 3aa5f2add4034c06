import { createHash } from 'node:crypto'

/**
 * A log_id derived from what a line is and where it stands: the same line at
 * the same place, sent again under the same name, gets the same id, so
 * ingesting a file twice (or retrying a batch) stores each line once.
 */
export function lineId(seed: string, lineNumber: number, text: string): string {
  const hex = createHash('sha256').update(`${seed}\u0000${lineNumber}\u0000${text}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
