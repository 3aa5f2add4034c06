import { analysisTables } from './0001-analysis-tables.js'
import type { Migration } from './migration.js'

export type { Migration } from './migration.js'

/** Every migration in the order it is applied; a shipped migration is never edited, only followed. */
export const migrations: readonly Migration[] = [analysisTables]
