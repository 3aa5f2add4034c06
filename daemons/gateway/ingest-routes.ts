import { Type } from '@sinclair/typebox'
import type { BusProducer, OutgoingMessage } from '../../src/bus/types.js'
import type { Config } from '../../src/config/index.js'
import { describeError } from '../../src/errors.js'
import type { ServiceApp } from '../../src/http/create-service-app.js'
import { HttpError } from '../../src/http/errors.js'
import { checkLogRecord, type RecordDefaults } from '../../src/logs/record.js'

const IngestQuery = Type.Object({
  service: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  environment: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
})

export interface IngestError {
  line: number
  reason: string
}

const HAS_TEXT = /\S/

interface Sorted {
  messages: OutgoingMessage[]
  errors: IngestError[]
  received: number
}

type IngestSettings = Pick<
  Config,
  'topicRawLogs' | 'ingestMaxLines' | 'ingestMaxBodyBytes' | 'maxMessageBytes'
>

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch (error) {
    return new Error(`not JSON: ${(error as Error).message}`)
  }
}

/** Checks each line of an NDJSON body; the line numbers are 1-based within the body. */
function sortLines(body: string, defaults: RecordDefaults, settings: IngestSettings): Sorted {
  const sorted: Sorted = { messages: [], errors: [], received: 0 }
  const lines = body.split('\n')

  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] as string).replace(/\r$/, '')
    if (!HAS_TEXT.test(line)) continue
    sorted.received += 1
    if (sorted.received > settings.ingestMaxLines) {
      throw new HttpError(413, `Body has more than ${settings.ingestMaxLines} records; split it.`)
    }
    if (Buffer.byteLength(line) > settings.maxMessageBytes) {
      const reason = `record is larger than ${settings.maxMessageBytes} bytes`
      sorted.errors.push({ line: index + 1, reason })
      continue
    }

    const parsed = parseLine(line)
    const check =
      parsed instanceof Error
        ? { ok: false as const, reason: parsed.message }
        : checkLogRecord(parsed, defaults)
    if (!check.ok) {
      sorted.errors.push({ line: index + 1, reason: check.reason })
      continue
    }
    // Keyed by service: one service's records share a partition and keep their order.
    sorted.messages.push({ key: check.record.service, value: JSON.stringify(check.record) })
  }
  return sorted
}

async function publish(producer: BusProducer, topic: string, messages: OutgoingMessage[]) {
  if (messages.length === 0) return
  try {
    await producer.send(topic, messages)
  } catch (error) {
    throw new HttpError(
      503,
      `Cannot publish ${messages.length} records to ${topic}: ${describeError(error)}. ` +
        'Some may have been published; sending the request again is safe for records that ' +
        'carry their log_id and timestamp, which the log table then shows once.',
    )
  }
}

/**
 * `POST /api/ingest`: newline-delimited JSON log records. Valid records are
 * published to `raw-logs` before the answer, so an accepted record is never
 * lost; each rejected line is named with its reason.
 */
export function registerIngestRoutes(
  app: ServiceApp,
  producer: BusProducer,
  settings: IngestSettings,
): void {
  app.addContentTypeParser(
    ['application/x-ndjson', 'text/plain'],
    { parseAs: 'string', bodyLimit: settings.ingestMaxBodyBytes },
    (_request, body, done) => done(null, body),
  )

  app.post(
    '/api/ingest',
    { schema: { querystring: IngestQuery }, bodyLimit: settings.ingestMaxBodyBytes },
    async (request) => {
      const encoding = request.headers['content-encoding']
      if (encoding !== undefined && encoding !== 'identity') {
        throw new HttpError(
          415,
          `Content-Encoding ${encoding} is not supported; send the body uncompressed.`,
        )
      }
      if (typeof request.body !== 'string') {
        throw new HttpError(
          415,
          'Send newline-delimited JSON with content-type application/x-ndjson.',
        )
      }
      const defaults: RecordDefaults = {}
      if (request.query.service !== undefined) defaults.service = request.query.service
      if (request.query.environment !== undefined) defaults.environment = request.query.environment

      const sorted = sortLines(request.body, defaults, settings)
      await publish(producer, settings.topicRawLogs, sorted.messages)

      return {
        received: sorted.received,
        accepted: sorted.messages.length,
        rejected: sorted.errors.length,
        errors: sorted.errors,
      }
    },
  )
}
