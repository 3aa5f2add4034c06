import { GatewayClient } from '../client/gateway-client.js'
import type { Config } from '../config/index.js'
import { LogplatError } from '../errors.js'
import { MAX_SERVICE_LENGTH } from '../logs/record.js'
import { runIngest } from './ingest-run.js'
import type { IngestSummary } from './ingest-summary.js'
import type { FormatChoice } from './line-format.js'
import { openLogSource } from './log-source.js'
import type { IngestTarget } from './summary-report.js'

export const DEFAULT_BATCH_SIZE = 5000

export interface IngestFileOptions {
  /** A path, or `-` for standard input. */
  file: string
  gatewayUrl: string
  config: Pick<Config, 'ingestMaxLines' | 'ingestMaxBodyBytes' | 'maxMessageBytes'>
  service?: string
  environment?: string
  format?: FormatChoice
  batchSize?: number
  onProgress?: (lines: number) => void
  /** Stops the ingest: what was accepted stays, nothing more is sent. */
  signal?: AbortSignal
}

export interface IngestFileResult {
  summary: IngestSummary
  target: IngestTarget
}

function checkName(flag: string, value: string): string {
  const trimmed = value.trim()
  if (trimmed.length > 0 && trimmed.length <= MAX_SERVICE_LENGTH) return trimmed
  throw new LogplatError(
    'INGEST',
    'INVALID_NAME',
    `The ${flag} ${JSON.stringify(value)} must have 1 to ${MAX_SERVICE_LENGTH} characters; choose one with --${flag}.`,
  )
}

function checkBatchSize(requested: number | undefined, maxLines: number): number {
  if (requested === undefined) return Math.min(DEFAULT_BATCH_SIZE, maxLines)
  if (requested <= maxLines) return requested
  throw new LogplatError(
    'INGEST',
    'BATCH_TOO_LARGE',
    `Batch size ${requested} is more than the gateway's limit of ${maxLines} records per request (LOGPLAT_INGEST_MAX_LINES).`,
  )
}

/**
 * Streams one log file (or standard input) to the gateway in batches and
 * sums up what happened. A failed batch ends the run; the summary then says
 * how many lines were accepted before it and carries the failure.
 */
export async function ingestFile(options: IngestFileOptions): Promise<IngestFileResult> {
  const batchSize = checkBatchSize(options.batchSize, options.config.ingestMaxLines)
  const source = await openLogSource(options.file)
  const target: IngestTarget = {
    source: source.name,
    service: checkName('service', options.service ?? source.defaultService),
    environment: checkName('environment', options.environment ?? 'default'),
  }
  const client = new GatewayClient(options.gatewayUrl)

  const summary = await runIngest({
    chunks: source.chunks,
    deliver: (body) => client.ingest(body, target),
    format: options.format ?? 'auto',
    idSeed: `${target.service}\u0000${target.environment}`,
    limits: { maxRecords: batchSize, maxBytes: options.config.ingestMaxBodyBytes },
    maxLineBytes: options.config.maxMessageBytes,
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
    ...(options.signal !== undefined && { signal: options.signal }),
  }).finally(() => client.close())

  return { summary, target }
}
