/** Which engine answers a relational store; the SQL is the same on both. */
export type RelationalKind = 'postgres' | 'pglite'

/**
 * A value bound to a `$n` placeholder. JSON goes in as a string
 * (`JSON.stringify(value)` bound to `$n::jsonb`): node-postgres would turn a
 * JavaScript array into a PostgreSQL array literal, so objects are not
 * accepted, and both engines then read the same text.
 */
export type SqlValue = string | number | bigint | boolean | Date | null | readonly SqlValue[]

/** The values for a statement's `$1..$n` placeholders, in order. */
export type SqlParams = readonly SqlValue[]

/**
 * Runs statements with bound parameters. Rows come back with `bigint` columns
 * as numbers, `date` columns as `YYYY-MM-DD` strings, `timestamptz` as Date,
 * arrays as arrays and `jsonb` parsed.
 */
export interface SqlExecutor {
  /** Runs a statement and returns its rows. */
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params?: SqlParams,
  ): Promise<Row[]>
  /** Runs a statement and returns how many rows it inserted, updated or deleted. */
  execute(sql: string, params?: SqlParams): Promise<number>
}

/** Logplat's relational database (patterns, anomalies, reports, baselines), on PostgreSQL or PGlite. */
export interface RelationalStore extends SqlExecutor {
  readonly kind: RelationalKind
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when
   * it throws. Inside `fn`, use `tx`: PGlite runs one statement at a time, so a
   * statement sent to the store itself waits for the transaction and never runs.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>
  /** Brings the schema up to date; safe to call again and from several processes at once. */
  migrate(): Promise<void>
  /** Whether the database answers a query now; false once the store is closed. */
  isConnected(): Promise<boolean>
  /** Releases the connections; later calls fail with LOGPLAT_STORE_CLOSED. */
  close(): Promise<void>
}
