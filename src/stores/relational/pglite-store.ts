import { mkdirSync } from 'node:fs'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { runMigrations } from './migrate.js'
import type { RelationalStore, SqlExecutor, SqlParams } from './relational-store.js'
import { createSqlExecutor, type StatementResult } from './sql-executor.js'
import { storeClosedError, translateStoreError } from './store-errors.js'
import { sharedTypeParsers } from './type-parsers.js'

/** The data directory that keeps a PGlite database in memory only. */
export const IN_MEMORY = 'memory://'

type Queryable = Pick<Transaction, 'query'>

async function runOn(db: Queryable, sql: string, params: SqlParams): Promise<StatementResult> {
  const result = await db.query(sql, params as unknown[])
  return { rows: result.rows, affectedRows: result.affectedRows ?? 0 }
}

function describeEngine(dataDir: string): string {
  return dataDir === IN_MEMORY ? 'PGlite in memory' : `PGlite in ${dataDir}`
}

async function openPglite(dataDir: string, backend: string): Promise<PGlite> {
  try {
    if (dataDir !== IN_MEMORY) mkdirSync(dataDir, { recursive: true })
    return await PGlite.create(dataDir, { parsers: { ...sharedTypeParsers } })
  } catch (error) {
    throw translateStoreError(error, { backend, sql: 'open database' })
  }
}

/**
 * Opens an embedded PGlite database in `dataDir`, or in memory for
 * `memory://`. PGlite runs in this process and takes one statement at a time,
 * so one process opens a data directory once and shares the store.
 */
export async function openPgliteStore(dataDir: string): Promise<RelationalStore> {
  const backend = describeEngine(dataDir)
  const db = await openPglite(dataDir, backend)

  const executor = createSqlExecutor(backend, (sql, params) => {
    if (db.closed) return Promise.reject(storeClosedError(backend))
    return runOn(db, sql, params)
  })

  const store: RelationalStore = {
    kind: 'pglite',
    query: (sql, params) => executor.query(sql, params),
    execute: (sql, params) => executor.execute(sql, params),

    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      if (db.closed) throw storeClosedError(backend)
      return db.transaction((pgliteTx) =>
        fn(createSqlExecutor(backend, (sql, params) => runOn(pgliteTx, sql, params))),
      )
    },

    migrate: () => runMigrations(store),

    async isConnected(): Promise<boolean> {
      if (db.closed) return false
      return db.query('select 1').then(
        () => true,
        () => false,
      )
    },

    async close(): Promise<void> {
      if (db.closed) return
      await db.close()
    },
  }
  return store
}
