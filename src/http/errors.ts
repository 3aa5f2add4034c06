import type { FastifyError, FastifyInstance } from 'fastify'
import { LogplatError } from '../errors.js'

/** An error a route throws to answer with a status code and a `detail`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly detail: string,
  ) {
    super(detail)
    this.name = 'HttpError'
  }
}

function describeValidation(error: FastifyError): string {
  const where = error.validationContext ?? 'request'
  const first = error.validation?.[0]
  if (first === undefined) return error.message
  const field = first.instancePath.replace(/^\//, '').replaceAll('/', '.')
  const subject = field.length > 0 ? `${where}.${field}` : where
  return `${subject} ${first.message ?? 'is invalid'}`
}

/**
 * Every error leaves as `{"detail": "..."}`: a validation failure as 422, an
 * HttpError with its status, a retryable backend failure as 503, anything
 * else as 500 without internals (those are logged instead).
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ detail: `No route for ${request.method} ${request.url}` })
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return reply.code(422).send({ detail: describeValidation(error) })
    }
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send({ detail: error.detail })
    }
    if (error instanceof LogplatError && error.isRetryable) {
      request.log.warn({ code: error.code }, error.message)
      return reply.code(503).send({ detail: error.message })
    }
    const statusCode = error.statusCode ?? 500
    if (statusCode < 500) {
      return reply.code(statusCode).send({ detail: error.message })
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send({ detail: 'Internal server error' })
  })
}
