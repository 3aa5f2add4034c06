import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { LogplatError } from '../errors.js'
import { parseCsv } from './csv.js'

/** One labelled data set: its messages in file order with their group labels and templates. */
export interface LabelledDataset {
  name: string
  messages: string[]
  eventIds: string[]
  templates: string[]
}

const REQUIRED_COLUMNS = ['Content', 'EventId', 'EventTemplate'] as const

/**
 * Finds every `<System>/<System>_2k.log_structured.csv` under a folder, in name
 * order; it fails when the folder is missing or holds no data set.
 */
export function findLabelledDatasets(folder: string): { name: string; file: string }[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new LogplatError(
      'PATTERNS',
      'DATA_NOT_FOUND',
      `Cannot read labelled logs from ${folder}: it is not a folder.`,
    )
  }

  const found = readdirSync(folder)
    .sort()
    .map((name) => ({ name, file: join(folder, name, `${name}_2k.log_structured.csv`) }))
    .filter((dataset) => existsSync(dataset.file))

  if (found.length === 0) {
    throw new LogplatError(
      'PATTERNS',
      'NO_DATASETS',
      `Found no <System>/<System>_2k.log_structured.csv file under ${folder}.`,
    )
  }
  return found
}

/** Reads one structured CSV: the `Content`, `EventId` and `EventTemplate` of each row. */
export function readLabelledDataset(name: string, file: string): LabelledDataset {
  const [header = [], ...rows] = parseCsv(readFileSync(file, 'utf8'), file)
  const columns = REQUIRED_COLUMNS.map((column) => header.indexOf(column))
  const missing = REQUIRED_COLUMNS.filter((_, index) => columns[index] === -1)
  if (missing.length > 0) {
    throw new LogplatError(
      'PATTERNS',
      'MALFORMED_CSV',
      `Cannot read ${file}: its header lacks the column(s) ${missing.join(', ')}.`,
    )
  }

  const [content = 0, eventId = 0, template = 0] = columns
  const dataset: LabelledDataset = { name, messages: [], eventIds: [], templates: [] }
  rows.forEach((row, index) => {
    if (row.length !== header.length) {
      throw new LogplatError(
        'PATTERNS',
        'MALFORMED_CSV',
        `Cannot read ${file}: row ${index + 1} has ${row.length} fields where the header has ${header.length}.`,
      )
    }
    dataset.messages.push(row[content] ?? '')
    dataset.eventIds.push(row[eventId] ?? '')
    dataset.templates.push(row[template] ?? '')
  })
  return dataset
}
