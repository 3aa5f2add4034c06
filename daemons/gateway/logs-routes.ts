import { Type } from '@sinclair/typebox'
import type { ServiceApp } from '../../src/http/create-service-app.js'
import { HttpError } from '../../src/http/errors.js'
import { normalizeLevel } from '../../src/logs/levels.js'
import type { LogQuery, LogStore } from '../../src/stores/logs/log-store.js'

export const MAX_LOGS_LIMIT = 1000
const ISO_DATE_START = /^\d{4}-\d{2}-\d{2}/

const LogsQuery = Type.Object({
  level: Type.Optional(Type.String({ maxLength: 32 })),
  service: Type.Optional(Type.String({ maxLength: 256 })),
  environment: Type.Optional(Type.String({ maxLength: 256 })),
  start_time: Type.Optional(Type.String({ maxLength: 64 })),
  end_time: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Integer({ minimum: 1, default: 100 }),
  offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
})

function readTime(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const time = new Date(value)
  if (!ISO_DATE_START.test(value) || Number.isNaN(time.getTime())) {
    throw new HttpError(422, `query.${name} is not an ISO 8601 time: ${JSON.stringify(value)}`)
  }
  return time.toISOString()
}

/** `GET /api/logs`: filtered, paged logs, newest first; limits above 1000 are served as 1000. */
export function registerLogsRoutes(app: ServiceApp, store: LogStore): void {
  app.get('/api/logs', { schema: { querystring: LogsQuery } }, async (request) => {
    const params = request.query
    const limit = Math.min(params.limit, MAX_LOGS_LIMIT)
    const query: LogQuery = { limit, offset: params.offset }

    if (params.level !== undefined) {
      const level = normalizeLevel(params.level)
      if (level === undefined) {
        throw new HttpError(422, 'query.level must be one of DEBUG, INFO, WARN, ERROR, FATAL')
      }
      query.level = level
    }
    if (params.service !== undefined) query.service = params.service
    if (params.environment !== undefined) query.environment = params.environment
    const startTime = readTime('start_time', params.start_time)
    const endTime = readTime('end_time', params.end_time)
    if (startTime !== undefined) query.startTime = startTime
    if (endTime !== undefined) query.endTime = endTime

    const page = await store.query(query)
    const hasMore = params.offset + page.logs.length < page.total
    return { logs: page.logs, total: page.total, limit, offset: params.offset, has_more: hasMore }
  })
}
