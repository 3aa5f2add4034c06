import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify'
import type { Registry } from 'prom-client'
import { installErrorHandling } from './errors.js'

export interface ServiceAppOptions {
  /** The service name shown in the OpenAPI document. */
  title: string
  version: string
  logger: FastifyBaseLogger
  /** The service's own metrics; one registry a service, since `logplat up` runs six in one process. */
  registry: Registry
  bodyLimit?: number
}

/**
 * The fastify instance every daemon starts from: JSON errors as
 * `{"detail": ...}`, OpenAPI at /docs, Prometheus text at /metrics.
 */
export async function createServiceApp(options: ServiceAppOptions) {
  const app = Fastify({
    loggerInstance: options.logger,
    // Per-request lines would drown the log at ingest rates; /metrics counts requests.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  installErrorHandling(app)
  await app.register(swagger, {
    openapi: { info: { title: options.title, version: options.version } },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const text = await options.registry.metrics()
    return reply.type(options.registry.contentType).send(text)
  })

  return app
}

/** A daemon's fastify instance, with TypeBox schemas typing its routes. */
export type ServiceApp = Awaited<ReturnType<typeof createServiceApp>>
