import { sanitizeForTerminal } from './sanitize.js'

export interface Column<Row> {
  header: string
  value: (row: Row) => string | number | boolean | null | undefined
  /** Right-align numbers so that their digits line up. */
  isNumeric?: boolean
  /** Longest a cell may be before it is cut with an ellipsis. */
  maxWidth?: number
}

function fitCell(text: string, maxWidth: number | undefined): string {
  if (maxWidth === undefined || text.length <= maxWidth) return text
  return `${text.slice(0, Math.max(0, maxWidth - 1))}…`
}

/** Renders rows as an aligned plain-text table; every cell is sanitized. */
export function renderTable<Row>(rows: Row[], columns: Column<Row>[]): string {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const raw = column.value(row)
      const text = raw === null || raw === undefined ? '' : sanitizeForTerminal(String(raw))
      return fitCell(text, column.maxWidth)
    }),
  )
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => line[index]?.length ?? 0)),
  )

  const formatLine = (line: string[]) =>
    line
      .map((cell, index) => {
        const width = widths[index] ?? 0
        return columns[index]?.isNumeric ? cell.padStart(width) : cell.padEnd(width)
      })
      .join('  ')
      .trimEnd()

  const header = formatLine(columns.map((column) => column.header))
  return [header, ...cells.map(formatLine)].join('\n')
}
