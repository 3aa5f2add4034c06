import {
  RecordReader,
  type ReadLine,
  type RecordReaderOptions,
} from '../../../src/ingest/record-reader.js'
import type { LineFormat } from '../../../src/ingest/line-format.js'
import type { IngestRecord } from '../../../src/ingest/ingest-record.js'

/** Turns text and bytes into the chunks a stream would deliver, one per part. */
export async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part, 'utf8') : part
}

/** Every line the reader produced, and the format it settled on. */
export async function readAllLines(
  chunks: AsyncIterable<Uint8Array>,
  options: Partial<RecordReaderOptions> = {},
): Promise<{ format: LineFormat | undefined; lines: ReadLine[] }> {
  const reader = new RecordReader({
    format: 'auto',
    idSeed: 'test',
    maxLineBytes: 1 << 20,
    ...options,
  })
  const lines: ReadLine[] = []
  for await (const batch of reader.read(chunks)) lines.push(...batch)
  return { format: reader.format, lines }
}

/** The records among the lines read, in order. */
export function recordsOf(lines: readonly ReadLine[]): IngestRecord[] {
  return lines.flatMap((line) => (line.kind === 'record' ? [line.record] : []))
}
