import type { LogRecord } from '../../logs/record.js'
import { LogplatError, describeError } from '../../errors.js'
import type { ClickHouseHandle } from '../clickhouse/client.js'
import { logsTableDdl, quoteIdentifier } from './schema.js'

/** A log record with the bus position it was read from. */
export interface StoredLog extends LogRecord {
  source_topic: string
  source_partition: number
  source_offset: string
}

/** Filters of `GET /api/logs`; times are ISO 8601. */
export interface LogQuery {
  service?: string
  level?: string
  environment?: string
  startTime?: string
  endTime?: string
  limit: number
  offset: number
}

export interface LogPage {
  logs: LogRecord[]
  total: number
}

type LogFilter = Omit<LogQuery, 'limit' | 'offset'>

const RECORD_COLUMNS = [
  'log_id',
  'timestamp',
  'service',
  'environment',
  'level',
  'message',
  'stack_trace',
  'trace_id',
  'host',
  'pod_name',
  'user_id',
].join(', ')

const INSERT_SETTINGS = {
  date_time_input_format: 'best_effort',
  // Real files span years; one batch may touch many monthly partitions.
  max_partitions_per_insert_block: '0',
} as const

/** ClickHouse prints DateTime64 as `2024-12-11 10:30:00.000` in UTC. */
function toIsoTimestamp(value: string): string {
  return `${value.replace(' ', 'T')}Z`
}

const EQUALITY_FILTERS = ['service', 'level', 'environment'] as const

function buildWhere(filter: LogFilter): { where: string; params: Record<string, string> } {
  const conditions: string[] = []
  const params: Record<string, string> = {}
  for (const field of EQUALITY_FILTERS) {
    const value = filter[field]
    if (value === undefined) continue
    conditions.push(`${field} = {${field}:String}`)
    params[field] = value
  }
  if (filter.startTime !== undefined) {
    conditions.push("timestamp >= parseDateTime64BestEffort({startTime:String}, 3, 'UTC')")
    params['startTime'] = filter.startTime
  }
  if (filter.endTime !== undefined) {
    conditions.push("timestamp <= parseDateTime64BestEffort({endTime:String}, 3, 'UTC')")
    params['endTime'] = filter.endTime
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`
  return { where, params }
}

/** The `logs` table in ClickHouse or chDB: what the consumer writes and the gateway reads. */
export class LogStore {
  private readonly table: string

  constructor(
    private readonly clickhouse: ClickHouseHandle,
    tableName = 'logs',
  ) {
    this.table = `${quoteIdentifier(clickhouse.database)}.${quoteIdentifier(tableName)}`
  }

  /** Creates the database and table when missing; safe to run on every start. */
  async migrate(): Promise<void> {
    const database = quoteIdentifier(this.clickhouse.database)
    await this.clickhouse.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` })
    await this.clickhouse.client.command({ query: logsTableDdl(this.table) })
  }

  /** Stores a batch in one insert; throws a retryable LogplatError when ClickHouse fails. */
  async insert(logs: StoredLog[]): Promise<void> {
    if (logs.length === 0) return
    try {
      await this.clickhouse.client.insert({
        table: this.table,
        values: logs,
        format: 'JSONEachRow',
        clickhouse_settings: INSERT_SETTINGS,
      })
    } catch (error) {
      throw new LogplatError(
        'STORE',
        'INSERT_FAILED',
        `Cannot store batch of ${logs.length} logs in ${this.clickhouse.kind}: ${describeError(error)}`,
        { cause: error, isRetryable: true },
      )
    }
  }

  /**
   * One page of logs, newest first, with the total that match the filters.
   * Logs of the same instant come in the reverse of the order they were
   * published in, so that a file's lines keep their order.
   */
  async query(query: LogQuery): Promise<LogPage> {
    const { where, params } = buildWhere(query)
    const result = await this.clickhouse.client.query({
      query: `SELECT ${RECORD_COLUMNS} FROM ${this.table} FINAL ${where}
        ORDER BY timestamp DESC, source_partition DESC, source_offset DESC, log_id
        LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      query_params: { ...params, limit: query.limit, offset: query.offset },
      format: 'JSONEachRow',
    })
    const rows = await result.json<LogRecord>()
    const logs = rows.map((row) => ({ ...row, timestamp: toIsoTimestamp(row.timestamp) }))

    return { logs, total: await this.count(query) }
  }

  /** How many distinct logs match the filters. */
  async count(filter: LogFilter = {}): Promise<number> {
    const { where, params } = buildWhere(filter)
    const result = await this.clickhouse.client.query({
      query: `SELECT count() AS total FROM ${this.table} FINAL ${where}`,
      query_params: params,
      format: 'JSONEachRow',
    })
    const [row] = await result.json<{ total: string }>()
    return Number(row?.total ?? 0)
  }

  /** True when ClickHouse answers a trivial query. */
  async isConnected(): Promise<boolean> {
    try {
      const result = await this.clickhouse.client.ping()
      return result.success
    } catch {
      return false
    }
  }
}
