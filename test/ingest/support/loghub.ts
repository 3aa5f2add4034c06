import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The eight Loghub systems whose 2,000-line samples the tests read. */
export const LOGHUB_SYSTEMS = [
  'HDFS',
  'Hadoop',
  'Spark',
  'Zookeeper',
  'BGL',
  'Apache',
  'OpenSSH',
  'Linux',
] as const
export type LoghubSystem = (typeof LOGHUB_SYSTEMS)[number]

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/**
 * The folder of Loghub samples: LOGPLAT_LOGHUB_DIR, or ../shared/data/loghub-2k
 * beside the repository. Under CI a missing folder is an error, so the suite
 * cannot pass by being skipped; elsewhere it is skipped with a note.
 */
export function findLoghubDir(): string | undefined {
  const dir =
    process.env['LOGPLAT_LOGHUB_DIR'] ?? join(repoRoot, '..', 'shared', 'data', 'loghub-2k')
  if (existsSync(dir)) return dir

  const hint = `Loghub samples not found at ${dir}; set LOGPLAT_LOGHUB_DIR to their folder.`
  if (process.env['CI']) throw new Error(`Loghub tests cannot run: ${hint}`)
  console.warn(`Skipping Loghub tests: ${hint}`)
  return undefined
}

/** The path of a system's raw log. */
export function loghubLogPath(dir: string, system: LoghubSystem): string {
  return join(dir, system, `${system}_2k.log`)
}

// Fields are quoted when they hold a comma or a quote, with "" for a quote;
// no field holds a line break, so every row is one line.
function parseCsvRow(row: string): string[] {
  const fields: string[] = []
  let field = ''
  let isQuoted = false
  for (let index = 0; index < row.length; index++) {
    const char = row.charAt(index)
    if (isQuoted && char === '"' && row.charAt(index + 1) === '"') {
      field += '"'
      index++
    } else if (char === '"') {
      isQuoted = !isQuoted
    } else if (char === ',' && !isQuoted) {
      fields.push(field)
      field = ''
    } else {
      field += char
    }
  }
  fields.push(field)
  return fields
}

/** One column of a system's labelled CSV, one value per log line. */
export async function readCsvColumn(
  dir: string,
  system: LoghubSystem,
  column: string,
): Promise<string[]> {
  const text = await readFile(join(dir, system, `${system}_2k.log_structured.csv`), 'utf8')
  const [header = '', ...rows] = text.split('\n').filter((row) => row.length > 0)
  const index = parseCsvRow(header).indexOf(column)
  if (index === -1) throw new Error(`${system} CSV has no column ${column}`)
  return rows.map((row) => parseCsvRow(row)[index] ?? '')
}
