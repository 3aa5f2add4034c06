import type { IngestRecord } from './ingest-record.js'
import {
  DETECTION_SAMPLE_LINES,
  detectFormat,
  type FormatChoice,
  type LineFormat,
} from './line-format.js'
import { LineParser } from './line-parser.js'
import { splitLines, type SourceLine } from './line-splitter.js'

/** What became of one line of the input: a record, a skipped blank line, or a local rejection. */
export type ReadLine =
  | { kind: 'record'; number: number; record: IngestRecord }
  | { kind: 'blank'; number: number }
  | { kind: 'rejected'; number: number; reason: string }

export interface RecordReaderOptions {
  format: FormatChoice
  /** Names the source in each line's id: the same file under the same name gets the same ids. */
  idSeed: string
  /** Lines longer than this many bytes are rejected rather than sent. */
  maxLineBytes: number
  /** The moment year-less timestamps are judged against; now unless a test says otherwise. */
  now?: Date
}

function isBlank(line: SourceLine): boolean {
  return line.kind === 'line' && line.text.trim().length === 0
}

function readLine(line: SourceLine, parser: LineParser, maxLineBytes: number): ReadLine {
  if (line.kind === 'too-long') {
    const reason = `line is ${line.byteLength} bytes long, more than the limit of ${maxLineBytes} bytes`
    return { kind: 'rejected', number: line.number, reason }
  }
  if (line.text.trim().length === 0) return { kind: 'blank', number: line.number }
  return { kind: 'record', number: line.number, record: parser.parse(line.text, line.number) }
}

async function* sampleThenRest(
  batches: AsyncIterator<SourceLine[]>,
  sample: SourceLine[][],
): AsyncGenerator<SourceLine[]> {
  yield* sample
  for (;;) {
    const next = await batches.next()
    if (next.done === true) return
    yield next.value
  }
}

/**
 * Reads the lines of a log file as records. With format `auto`, the first
 * non-blank lines are held back until they have decided the format.
 */
export class RecordReader {
  private resolvedFormat: LineFormat | undefined
  private readonly options: RecordReaderOptions

  constructor(options: RecordReaderOptions) {
    this.options = options
    if (options.format !== 'auto') this.resolvedFormat = options.format
  }

  /** The format in use: the one asked for, or the one detected once lines have been read. */
  get format(): LineFormat | undefined {
    return this.resolvedFormat
  }

  /** Yields what became of each line, one array per chunk of input, in line order. */
  async *read(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ReadLine[]> {
    const batches = splitLines(chunks, this.options.maxLineBytes)[Symbol.asyncIterator]()
    const { sample, format } = await this.decideFormat(batches)
    const parser = new LineParser(format, this.options.idSeed, this.options.now)

    for await (const lines of sampleThenRest(batches, sample)) {
      yield lines.map((line) => readLine(line, parser, this.options.maxLineBytes))
    }
  }

  private async decideFormat(
    batches: AsyncIterator<SourceLine[]>,
  ): Promise<{ sample: SourceLine[][]; format: LineFormat }> {
    const sample: SourceLine[][] = []
    if (this.resolvedFormat !== undefined) return { sample, format: this.resolvedFormat }

    const texts: string[] = []
    while (texts.length < DETECTION_SAMPLE_LINES) {
      const next = await batches.next()
      if (next.done === true) break
      sample.push(next.value)
      for (const line of next.value) {
        if (line.kind === 'line' && !isBlank(line)) texts.push(line.text)
      }
    }

    this.resolvedFormat = detectFormat(texts.slice(0, DETECTION_SAMPLE_LINES))
    return { sample, format: this.resolvedFormat }
  }
}
