import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LogplatError } from '../../../src/errors.js'
import type { RelationalStore } from '../../../src/stores/relational/index.js'
import { pgliteBackend, postgresBackend, type TestDatabase } from './test-databases.js'

const BACKENDS = [pgliteBackend, await postgresBackend()]

const ANALYSIS_TABLES = [
  'analysis_reports',
  'anomaly_alerts',
  'anomaly_baselines',
  'error_patterns',
]

const INSERT_PATTERN = `insert into error_patterns
  (pattern_hash, normalized_message, occurrence_count, services, environments,
   max_level, first_seen, last_seen, sample_log_ids, example_message)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`

const INSERT_ALERT = `insert into anomaly_alerts
  (anomaly_type, service, environment, severity, description, confidence_score, metrics)
  values ($1, $2, $3, $4, $5, $6, $7::jsonb)
  returning alert_id`

function insertPattern(
  store: Pick<RelationalStore, 'execute'>,
  hash: string,
  message = 'Timeout after <NUM>ms',
) {
  return store.execute(INSERT_PATTERN, [
    hash,
    message,
    523,
    ['api-gateway', 'user-service'],
    ['production'],
    'ERROR',
    new Date('2024-12-11T02:15:00Z'),
    new Date('2024-12-11T14:30:00Z'),
    ['log-id-1', 'log-id-2'],
    'Timeout after 5000ms',
  ])
}

function insertAlert(
  store: Pick<RelationalStore, 'query'>,
  severity: string,
  metrics: unknown = {},
) {
  return store.query<{ alert_id: string }>(INSERT_ALERT, [
    'error_spike',
    'api-gateway',
    'production',
    severity,
    'High frequency error pattern detected',
    0.92,
    JSON.stringify(metrics),
  ])
}

async function countPatterns(store: RelationalStore): Promise<number> {
  const rows = await store.query<{ count: number }>(
    'select count(*)::bigint as count from error_patterns',
  )
  return rows[0]?.count ?? -1
}

async function errorOf(promise: Promise<unknown>): Promise<LogplatError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(LogplatError)
  return error as LogplatError
}

describe.each(BACKENDS)('relational store on $name', (backend) => {
  let database: TestDatabase
  let store: RelationalStore

  beforeEach(async (context) => {
    if (!backend.isAvailable) context.skip()
    database = await backend.createDatabase()
    store = await database.open()
    await store.migrate()
  })

  afterEach(async () => {
    if (backend.isAvailable) await database.dispose()
  })

  it('creates the analysis tables and records the migration once when migrated again', async () => {
    await store.migrate()
    await store.migrate()

    const tables = await store.query<{ table_name: string }>(
      `select table_name from information_schema.tables
       where table_schema = current_schema() and table_name = any($1) order by table_name`,
      [ANALYSIS_TABLES],
    )
    const migrations = await store.query<{ version: number; name: string }>(
      'select version, name from schema_migrations order by version',
    )
    expect(tables.map((row) => row.table_name)).toEqual(ANALYSIS_TABLES)
    expect(migrations).toEqual([{ version: 1, name: 'analysis tables' }])
  })

  it('lets two migrations run at once without either failing or applying a step twice', async () => {
    const other = await database.open()

    await Promise.all([store.migrate(), other.migrate(), store.migrate()])

    const rows = await store.query<{ count: number }>(
      'select count(*)::bigint as count from schema_migrations',
    )
    expect(rows).toEqual([{ count: 1 }])
  })

  it('carries hostile strings in bound parameters unchanged', async () => {
    const injection = "'; DROP TABLE error_patterns; --"
    const unicode = 'Größe ✓ 日本語 😀 \u200b "quoted" \\backslash\\ $1 \n\t'

    await insertPattern(store, injection, unicode)
    const rows = await store.query<{ pattern_hash: string; normalized_message: string }>(
      'select pattern_hash, normalized_message from error_patterns where pattern_hash = $1',
      [injection],
    )

    expect(rows).toEqual([{ pattern_hash: injection, normalized_message: unicode }])
    expect(await countPatterns(store)).toBe(1)
  })

  it('refuses a NUL character in a parameter with an error naming the parameter', async () => {
    const error = await errorOf(insertPattern(store, 'nul-hash', 'before\u0000after'))

    expect(error.code).toBe('LOGPLAT_STORE_INVALID_VALUE')
    expect(error.message).toContain('parameter $2 contains a NUL character')
    expect(await countPatterns(store)).toBe(0)
  })

  it('refuses a NUL character inside an array parameter', async () => {
    const error = await errorOf(store.execute('select $1::text[]', [['clean', 'dirty\u0000']]))

    expect(error.code).toBe('LOGPLAT_STORE_INVALID_VALUE')
    expect(error.message).toContain('parameter $1')
  })

  it('returns the number of rows a statement changed', async () => {
    await insertPattern(store, 'a')
    await insertPattern(store, 'b')
    await insertPattern(store, 'c')

    const updated = await store.execute(
      'update error_patterns set is_known = true where pattern_hash <> $1',
      ['b'],
    )
    const deleted = await store.execute('delete from error_patterns where pattern_hash = $1', [
      'missing',
    ])

    expect(updated).toBe(2)
    expect(deleted).toBe(0)
  })

  it('commits a transaction that resolves and returns its value', async () => {
    const result = await store.transaction(async (tx) => {
      await insertPattern(tx, 'first')
      await insertPattern(tx, 'second')
      return 'done'
    })

    expect(result).toBe('done')
    expect(await countPatterns(store)).toBe(2)
  })

  it('rolls back every statement of a transaction that throws, and rethrows its error', async () => {
    const failure = new Error('analysis aborted')

    const outcome = store.transaction(async (tx) => {
      await insertPattern(tx, 'kept-only-if-committed')
      throw failure
    })

    await expect(outcome).rejects.toBe(failure)
    expect(await countPatterns(store)).toBe(0)
  })

  it('rolls back a transaction whose later statement breaks a constraint', async () => {
    const outcome = store.transaction(async (tx) => {
      await insertPattern(tx, 'written-first')
      await insertAlert(tx, 'urgent')
    })

    const error = await errorOf(outcome)
    expect(error.code).toBe('LOGPLAT_STORE_CONSTRAINT_VIOLATION')
    expect(await countPatterns(store)).toBe(0)
  })

  it('round-trips text arrays, jsonb, counts, dates and timestamps', async () => {
    const awkwardServices = ['a,b', '{braces}', '"quoted"', '', 'NULL', 'ünï']
    const metrics = { occurrence_count: 523, percentage: 22.3, nested: { list: [1, 'two', null] } }
    await store.execute(INSERT_PATTERN, [
      'arrays',
      'message',
      9_007_199_254_740_991,
      awkwardServices,
      [],
      'FATAL',
      new Date('2024-12-11T02:15:00.123Z'),
      new Date('2024-12-11T14:30:00Z'),
      ['log-1'],
      null,
    ])
    const [alert] = await insertAlert(store, 'high', metrics)

    const [pattern] = await store.query(
      'select occurrence_count, services, environments, first_seen, example_message from error_patterns',
    )
    const [stored] = await store.query(
      'select metrics, status from anomaly_alerts where alert_id = $1',
      [alert?.alert_id ?? ''],
    )
    const [report] = await store.query<{ day: string }>("select '2024-12-11'::date as day")

    expect(pattern).toEqual({
      occurrence_count: 9_007_199_254_740_991,
      services: awkwardServices,
      environments: [],
      first_seen: new Date('2024-12-11T02:15:00.123Z'),
      example_message: null,
    })
    expect(stored).toEqual({ metrics, status: 'new' })
    expect(report).toEqual({ day: '2024-12-11' })
  })

  it('reports a row that breaks a check constraint as a LogplatError naming the constraint and value', async () => {
    const error = await errorOf(insertAlert(store, 'urgent'))

    expect(error.code).toBe('LOGPLAT_STORE_CONSTRAINT_VIOLATION')
    expect(error.isRetryable).toBe(false)
    expect(error.message).toContain('anomaly_alerts_severity_check')
    expect(error.message).toContain('urgent')
  })

  it('reports a duplicate primary key as a constraint violation', async () => {
    await insertPattern(store, 'same-hash')

    const error = await errorOf(insertPattern(store, 'same-hash'))

    expect(error.code).toBe('LOGPLAT_STORE_CONSTRAINT_VIOLATION')
    expect(error.message).toContain('error_patterns_pkey')
  })

  it('reports a statement the engine cannot run with its reason and SQLSTATE', async () => {
    const error = await errorOf(store.query('select * from no_such_table'))

    expect(error.code).toBe('LOGPLAT_STORE_QUERY_FAILED')
    expect(error.message).toContain('relation "no_such_table" does not exist (SQLSTATE 42P01)')
  })

  it('says it is connected while open and not after close, and refuses statements once closed', async () => {
    const wasConnected = await store.isConnected()

    await store.close()

    expect(wasConnected).toBe(true)
    expect(await store.isConnected()).toBe(false)
    const error = await errorOf(store.query('select 1'))
    expect(error.code).toBe('LOGPLAT_STORE_CLOSED')
    await expect(store.close()).resolves.toBeUndefined()
  })
})
