import { renderTable } from '../cli/table.js'
import type { IngestSummary, Rejection } from './ingest-summary.js'

/** How many rejections the table lists; `--json` lists them all. */
export const LISTED_REJECTIONS = 10

/** Where the lines came from and where they went, for the report. */
export interface IngestTarget {
  source: string
  service: string
  environment: string
}

function linesPerSecond(summary: IngestSummary): number {
  return summary.seconds > 0 ? Math.round(summary.linesRead / summary.seconds) : 0
}

/** The summary as a JSON object for scripts, in the API's snake_case, with every rejection. */
export function toJsonReport(
  summary: IngestSummary,
  target: IngestTarget,
): Record<string, unknown> {
  return {
    source: target.source,
    service: target.service,
    environment: target.environment,
    format: summary.format ?? null,
    lines_read: summary.linesRead,
    accepted: summary.accepted,
    rejected: summary.rejected,
    skipped: summary.skipped,
    seconds: Number(summary.seconds.toFixed(3)),
    lines_per_second: linesPerSecond(summary),
    rejections: summary.rejections,
    failure:
      summary.failure === undefined
        ? null
        : { code: summary.failure.code, message: summary.failure.message },
  }
}

function renderRejections(rejections: Rejection[]): string {
  const listed = rejections.slice(0, LISTED_REJECTIONS)
  const heading =
    rejections.length > listed.length
      ? `Rejected lines (first ${listed.length} of ${rejections.length}; --json lists all):`
      : 'Rejected lines:'
  const table = renderTable(listed, [
    { header: 'LINE', value: (rejection) => rejection.line, isNumeric: true },
    { header: 'REASON', value: (rejection) => rejection.reason, maxWidth: 120 },
  ])
  return `${heading}\n${table}`
}

/** The summary as a readable table, then the first rejection reasons. */
export function renderSummary(summary: IngestSummary, target: IngestTarget): string {
  const rows: [string, string | number][] = [
    ['source', target.source],
    ['service', target.service],
    ['format', summary.format ?? '-'],
    ['lines read', summary.linesRead],
    ['accepted', summary.accepted],
    ['rejected', summary.rejected],
    ['skipped (blank)', summary.skipped],
    ['seconds', summary.seconds.toFixed(2)],
    ['lines/s', linesPerSecond(summary)],
  ]
  const table = renderTable(rows, [
    { header: 'INGEST', value: ([name]) => name },
    { header: 'VALUE', value: ([, value]) => value },
  ])
  if (summary.rejections.length === 0) return table
  return `${table}\n\n${renderRejections(summary.rejections)}`
}
