import pg from 'pg'
import { runMigrations } from './migrate.js'
import type { RelationalStore, SqlExecutor, SqlParams } from './relational-store.js'
import { createSqlExecutor, type StatementResult } from './sql-executor.js'
import { storeClosedError, translateStoreError } from './store-errors.js'
import { sharedTypeParsers, type TypeParser } from './type-parsers.js'

const DEFAULT_MAX_CONNECTIONS = 10
const CONNECT_TIMEOUT_MS = 5_000

export interface PostgresStoreOptions {
  /** Most connections the pool holds open. */
  maxConnections?: number
}

type Queryable = Pick<pg.PoolClient, 'query'>

function getTypeParser(oid: number): TypeParser {
  const shared = sharedTypeParsers[oid]
  if (shared !== undefined) return shared
  return pg.types.getTypeParser(oid, 'text') as TypeParser
}

// Only text results are requested, so the binary format never reaches the parser.
const typeParsers: pg.CustomTypesConfig = { getTypeParser }

function describeServer(url: string): string {
  try {
    const { hostname, port } = new URL(url)
    return `PostgreSQL at ${hostname}:${port.length > 0 ? port : '5432'}`
  } catch {
    return 'PostgreSQL'
  }
}

async function runOn(client: Queryable, sql: string, params: SqlParams): Promise<StatementResult> {
  const result = await client.query(sql, params as unknown[])
  return { rows: result.rows, affectedRows: result.rowCount ?? 0 }
}

/**
 * Opens a relational store on the PostgreSQL server at `url` through a pg
 * pool. Connections open lazily, so this succeeds while the server is down;
 * `isConnected()` tells whether it answers.
 */
export function createPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): RelationalStore {
  const backend = describeServer(url)
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: typeParsers,
  })
  // An idle connection the server drops emits 'error' on the pool; without a
  // listener that would end the process, and the next query reports the loss anyway.
  pool.on('error', () => undefined)
  let isClosed = false

  const executor = createSqlExecutor(backend, (sql, params) => {
    if (isClosed) return Promise.reject(storeClosedError(backend))
    return runOn(pool, sql, params)
  })

  const connect = async (): Promise<pg.PoolClient> => {
    if (isClosed) throw storeClosedError(backend)
    try {
      return await pool.connect()
    } catch (error) {
      throw translateStoreError(error, { backend, sql: 'begin' })
    }
  }

  const store: RelationalStore = {
    kind: 'postgres',
    query: (sql, params) => executor.query(sql, params),
    execute: (sql, params) => executor.execute(sql, params),

    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await connect()
      const tx = createSqlExecutor(backend, (sql, params) => runOn(client, sql, params))
      let isBroken = false

      try {
        await tx.execute('begin')
        const result = await fn(tx)
        await tx.execute('commit')
        return result
      } catch (error) {
        isBroken = await client.query('rollback').then(
          () => false,
          () => true,
        )
        throw error
      } finally {
        client.release(isBroken)
      }
    },

    migrate: () => runMigrations(store),

    async isConnected(): Promise<boolean> {
      if (isClosed) return false
      return pool.query('select 1').then(
        () => true,
        () => false,
      )
    },

    async close(): Promise<void> {
      if (isClosed) return
      isClosed = true
      await pool.end()
    },
  }
  return store
}
