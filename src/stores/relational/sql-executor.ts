import type { SqlExecutor, SqlParams } from './relational-store.js'
import { rejectNulParameters, translateStoreError } from './store-errors.js'

/** What one engine returns for one statement. */
export interface StatementResult {
  rows: unknown[]
  affectedRows: number
}

/** Runs one statement on an engine, with its parameters bound. */
export type RunStatement = (sql: string, params: SqlParams) => Promise<StatementResult>

/**
 * Builds the query/execute pair on top of one engine's way of running a
 * statement, so both engines check parameters and report errors alike.
 */
export function createSqlExecutor(backend: string, run: RunStatement): SqlExecutor {
  const runChecked = async (sql: string, params: SqlParams): Promise<StatementResult> => {
    rejectNulParameters(params, { backend, sql })

    try {
      return await run(sql, params)
    } catch (error) {
      throw translateStoreError(error, { backend, sql })
    }
  }

  return {
    async query<Row extends object>(sql: string, params: SqlParams = []): Promise<Row[]> {
      const result = await runChecked(sql, params)
      return result.rows as Row[]
    },

    async execute(sql: string, params: SqlParams = []): Promise<number> {
      const result = await runChecked(sql, params)
      return result.affectedRows
    },
  }
}
