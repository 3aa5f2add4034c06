import { sanitizeForTerminal } from './sanitize.js'

export interface Column<Row> {
  header: string
  value: (row: Row) => string | number | boolean | null | undefined
  /** Right-align numbers so that their digits line up. */
  isNumeric?: boolean
  /** Longest a cell may be before it is cut with an ellipsis. */
  maxWidth?: number
  /** Styles the padded cell (colour), after widths are measured on the plain text. */
  style?: (cell: string, row: Row) => string
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

  const pad = (cell: string, index: number) => {
    const width = widths[index] ?? 0
    return columns[index]?.isNumeric ? cell.padStart(width) : cell.padEnd(width)
  }
  const header = columns.map((column, index) => pad(column.header, index))
  const body = cells.map((line, rowIndex) =>
    line.map((cell, index) => {
      const style = columns[index]?.style
      const padded = pad(cell, index)
      return style === undefined ? padded : style(padded, rows[rowIndex] as Row)
    }),
  )
  return [header, ...body].map((line) => line.join('  ').trimEnd()).join('\n')
}
