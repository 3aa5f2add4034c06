import { join } from 'node:path'
import type { Config } from '../../config/index.js'
import { IN_MEMORY, openPgliteStore } from './pglite-store.js'
import { createPostgresStore } from './postgres-store.js'
import type { RelationalStore } from './relational-store.js'

type RelationalSettings = Pick<Config, 'postgresUrl' | 'dataDir'>

/**
 * Opens the relational store the configuration asks for: PostgreSQL at
 * `postgresUrl`, or, when it is empty, PGlite in `<dataDir>/pglite` (in
 * memory when the data directory is `memory://`).
 */
export function createRelationalStore(settings: RelationalSettings): Promise<RelationalStore> {
  if (settings.postgresUrl.length > 0) {
    return Promise.resolve(createPostgresStore(settings.postgresUrl))
  }

  const dataDir = settings.dataDir === IN_MEMORY ? IN_MEMORY : join(settings.dataDir, 'pglite')
  return openPgliteStore(dataDir)
}
