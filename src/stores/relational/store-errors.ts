import { LogplatError, describeError } from '../../errors.js'
import type { SqlParams, SqlValue } from './relational-store.js'

/** What an error message says about the statement that failed. */
export interface StatementContext {
  /** The engine and where it is, such as `PostgreSQL at db:5432` or `PGlite in memory`. */
  backend: string
  sql: string
}

interface DatabaseErrorFields {
  code?: unknown
  detail?: unknown
}

const SQLSTATE = /^[0-9A-Z]{5}$/
const SNIPPET_LENGTH = 60
const DETAIL_LENGTH = 200
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300'])
const UNREPRESENTABLE_STATES = new Set(['22021', '22P05'])
const CONNECTION_WORDS = /connect|terminated|timeout|socket|ECONN|EPIPE|ENOTFOUND|EAI_AGAIN/i

function truncate(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= length ? flat : `${flat.slice(0, length - 3)}...`
}

function containsNul(value: SqlValue): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some((item: SqlValue) => containsNul(item))
  return false
}

/**
 * Refuses a parameter holding a NUL character before it reaches the engine,
 * which cannot store one in text and would answer with a less helpful error.
 */
export function rejectNulParameters(params: SqlParams, context: StatementContext): void {
  const index = params.findIndex((value) => containsNul(value))
  if (index === -1) return

  throw new LogplatError(
    'STORE',
    'INVALID_VALUE',
    `Cannot run statement "${truncate(context.sql, SNIPPET_LENGTH)}" on ${context.backend}: ` +
      `parameter $${index + 1} contains a NUL character (U+0000), which PostgreSQL cannot ` +
      'store in text; remove it before storing the value.',
  )
}

/** The error for any call on a store after close(). */
export function storeClosedError(backend: string): LogplatError {
  return new LogplatError(
    'STORE',
    'CLOSED',
    `The relational store on ${backend} is closed; open a new one to run statements.`,
  )
}

function problemOf(sqlState: string | undefined, reason: string): [string, boolean] {
  if (sqlState === undefined) {
    return CONNECTION_WORDS.test(reason) ? ['UNAVAILABLE', true] : ['QUERY_FAILED', false]
  }
  if (sqlState.startsWith('23')) return ['CONSTRAINT_VIOLATION', false]
  if (UNREPRESENTABLE_STATES.has(sqlState)) return ['INVALID_VALUE', false]
  if (sqlState.startsWith('08') || UNAVAILABLE_STATES.has(sqlState)) return ['UNAVAILABLE', true]
  if (sqlState.startsWith('40')) return ['TRANSACTION_CONFLICT', true]
  return ['QUERY_FAILED', false]
}

function reasonOf(error: unknown, code: unknown): string {
  const message = describeError(error)
  if (message.length > 0) return message
  return typeof code === 'string' ? code : 'unknown error'
}

/**
 * Turns what pg or PGlite threw into a LogplatError whose code says what went
 * wrong (constraint, unreachable server, conflict) and whose message names the
 * statement, the engine's reason and, for a rejected row, the engine's detail.
 */
export function translateStoreError(error: unknown, context: StatementContext): LogplatError {
  if (error instanceof LogplatError) return error

  const fields = (typeof error === 'object' && error !== null ? error : {}) as DatabaseErrorFields
  const sqlState =
    typeof fields.code === 'string' && SQLSTATE.test(fields.code) ? fields.code : undefined
  const reason = reasonOf(error, fields.code)
  const [problem, isRetryable] = problemOf(sqlState, reason)

  const state = sqlState === undefined ? '' : ` (SQLSTATE ${sqlState})`
  const detail =
    typeof fields.detail === 'string' ? ` ${truncate(fields.detail, DETAIL_LENGTH)}` : ''
  const message =
    `${context.backend} could not run statement "${truncate(context.sql, SNIPPET_LENGTH)}": ` +
    `${reason}${state}.${detail}`
  return new LogplatError('STORE', problem, message, { cause: error, isRetryable })
}
