import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { Agent, request } from 'undici'
import { describeError, LogplatError } from '../errors.js'

/** The gateway's answer to POST /api/ingest. */
export const IngestResponseSchema = Type.Object({
  received: Type.Integer({ minimum: 0 }),
  accepted: Type.Integer({ minimum: 0 }),
  rejected: Type.Integer({ minimum: 0 }),
  errors: Type.Array(Type.Object({ line: Type.Integer({ minimum: 1 }), reason: Type.String() })),
})
export type IngestResponse = Static<typeof IngestResponseSchema>

/** Filters of GET /api/logs, in its wire names. */
export interface LogsQuery {
  service?: string
  level?: string
  environment?: string
  start_time?: string
  end_time?: string
  limit?: number
  offset?: number
}

/** The gateway's answer to GET /api/logs. */
export const LogsPageSchema = Type.Object({
  logs: Type.Array(
    Type.Object({
      log_id: Type.String(),
      timestamp: Type.String(),
      service: Type.String(),
      environment: Type.String(),
      level: Type.String(),
      message: Type.String(),
      stack_trace: Type.Union([Type.String(), Type.Null()]),
      trace_id: Type.Union([Type.String(), Type.Null()]),
      host: Type.Union([Type.String(), Type.Null()]),
      pod_name: Type.Union([Type.String(), Type.Null()]),
      user_id: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  total: Type.Integer({ minimum: 0 }),
  limit: Type.Integer({ minimum: 0 }),
  offset: Type.Integer({ minimum: 0 }),
  has_more: Type.Boolean(),
})
export type LogsPage = Static<typeof LogsPageSchema>

/** Defaults the gateway applies to ingested records that lack these fields. */
export interface IngestDefaults {
  service?: string
  environment?: string
}

export interface GatewayClientOptions {
  /** Longest wait for the gateway to start answering one request. */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 120_000
const KEEP_ALIVE_MS = 30_000
const MAX_DETAIL_LENGTH = 500
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
])
// 408 and 429 ask the client to come back later; other 4xx answers will not change.
const RETRYABLE_CLIENT_STATUSES = new Set([408, 429])

function errorCodes(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return []
  const codes: string[] = []
  if ('code' in error && typeof error.code === 'string') codes.push(error.code)
  if ('cause' in error) codes.push(...errorCodes(error.cause))
  if (error instanceof AggregateError) codes.push(...error.errors.flatMap(errorCodes))
  return codes
}

function readDetail(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed === 'object' && parsed !== null && 'detail' in parsed) {
      const detail = parsed.detail
      return typeof detail === 'string' ? detail : JSON.stringify(detail)
    }
  } catch {
    // Not JSON: the raw text, shortened, is the best detail there is.
  }
  const trimmed = text.trim()
  if (trimmed.length === 0) return 'no detail given'
  return trimmed.slice(0, MAX_DETAIL_LENGTH)
}

function normalizeBaseUrl(baseUrl: string): string {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch (error) {
    throw new LogplatError(
      'CLIENT',
      'INVALID_URL',
      `Gateway URL ${JSON.stringify(baseUrl)} is not a valid URL; give one such as http://127.0.0.1:8005.`,
      { cause: error },
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LogplatError(
      'CLIENT',
      'INVALID_URL',
      `Gateway URL ${JSON.stringify(baseUrl)} uses ${url.protocol}, but only http and https are supported.`,
    )
  }
  return url.toString().replace(/\/+$/, '')
}

/** A typed HTTP client for the gateway's API over one keep-alive connection pool. */
export class GatewayClient {
  /** The gateway's base URL, without a trailing slash. */
  readonly baseUrl: string
  private readonly agent: Agent
  private readonly timeoutMs: number

  constructor(baseUrl: string, options: GatewayClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(baseUrl)
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.agent = new Agent({ keepAliveTimeout: KEEP_ALIVE_MS })
  }

  /**
   * Posts newline-delimited JSON records to POST /api/ingest and returns the
   * gateway's count of accepted and rejected records, with a reason per
   * rejected line (numbered from 1 within this body).
   */
  async ingest(ndjson: string, defaults: IngestDefaults = {}): Promise<IngestResponse> {
    const query: Record<string, string> = {}
    if (defaults.service !== undefined) query['service'] = defaults.service
    if (defaults.environment !== undefined) query['environment'] = defaults.environment

    const answer = await this.send('POST', '/api/ingest', query, {
      body: ndjson,
      contentType: 'application/x-ndjson',
    })
    return this.checkShape('POST /api/ingest', IngestResponseSchema, answer)
  }

  /** Reads one page of logs, newest first, through GET /api/logs. */
  async logs(query: LogsQuery = {}): Promise<LogsPage> {
    const params = Object.fromEntries(
      Object.entries(query)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [key, String(value)]),
    )
    const answer = await this.send('GET', '/api/logs', params)
    return this.checkShape('GET /api/logs', LogsPageSchema, answer)
  }

  /** Closes the pooled connections; the client cannot be used afterwards. */
  async close(): Promise<void> {
    await this.agent.close()
  }

  private checkShape<Shape extends TSchema>(
    operation: string,
    schema: Shape,
    answer: unknown,
  ): Static<Shape> {
    if (Value.Check(schema, answer)) return answer
    throw new LogplatError(
      'CLIENT',
      'BAD_RESPONSE',
      `The gateway at ${this.baseUrl} answered ${operation} with a body of the wrong shape: ${JSON.stringify(answer).slice(0, MAX_DETAIL_LENGTH)}.`,
    )
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    payload?: { body: string; contentType: string },
  ): Promise<unknown> {
    const operation = `${method} ${path}`
    const headers: Record<string, string> = { accept: 'application/json' }
    if (payload !== undefined) headers['content-type'] = payload.contentType
    const response = await request(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: payload?.body ?? null,
      query,
      dispatcher: this.agent,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    }).catch((error: unknown) => {
      throw this.connectionError(operation, error)
    })

    const text = await response.body.text().catch((error: unknown) => {
      throw this.connectionError(operation, error)
    })
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw this.statusError(operation, response.statusCode, text)
    }
    return this.parseJson(operation, text)
  }

  private parseJson(operation: string, text: string): unknown {
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new LogplatError(
        'CLIENT',
        'BAD_RESPONSE',
        `The gateway at ${this.baseUrl} answered ${operation} with a body that is not JSON: ${JSON.stringify(text.slice(0, MAX_DETAIL_LENGTH))}.`,
        { cause: error },
      )
    }
  }

  private statusError(operation: string, status: number, text: string): LogplatError {
    const isServerError = status >= 500
    const message = `The gateway at ${this.baseUrl} refused ${operation} with status ${status}: ${readDetail(text)}`
    return new LogplatError('CLIENT', isServerError ? 'SERVER_ERROR' : 'REQUEST_REFUSED', message, {
      isRetryable: isServerError || RETRYABLE_CLIENT_STATUSES.has(status),
    })
  }

  private connectionError(operation: string, error: unknown): LogplatError {
    if (errorCodes(error).some((code) => UNREACHABLE_CODES.has(code))) {
      return new LogplatError(
        'CLIENT',
        'UNREACHABLE',
        `The gateway is not reachable at ${this.baseUrl}; start it with \`logplat up\`, or set LOGPLAT_GATEWAY_URL to a running gateway.`,
        { cause: error, isRetryable: true },
      )
    }
    return new LogplatError(
      'CLIENT',
      'CONNECTION_FAILED',
      `The connection to the gateway at ${this.baseUrl} failed during ${operation}: ${describeError(error)}.`,
      { cause: error, isRetryable: true },
    )
  }
}
