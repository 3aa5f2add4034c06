import { open, type FileHandle } from 'node:fs/promises'
import { parse } from 'node:path'
import { describeError, LogplatError } from '../errors.js'

/** A file or standard input, read as a stream of byte chunks. */
export interface LogSource {
  /** The path as given, or `stdin`. */
  name: string
  /** The service a record gets when neither the line nor `--service` names one. */
  defaultService: string
  chunks: AsyncIterable<Uint8Array>
}

/** The argument that selects standard input. */
export const STDIN_ARGUMENT = '-'
const CHUNK_BYTES = 1 << 20

async function* readChunks(
  stream: AsyncIterable<unknown>,
  name: string,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk as Uint8Array
  } catch (error) {
    throw new LogplatError(
      'INGEST',
      'READ_FAILED',
      `Cannot read ${name}: ${describeError(error)}.`,
      {
        cause: error,
      },
    )
  }
}

async function openFile(path: string): Promise<FileHandle> {
  try {
    const handle = await open(path, 'r')
    const stats = await handle.stat()
    if (!stats.isDirectory()) return handle
    await handle.close()
    throw new Error('it is a directory')
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : describeError(error)
    throw new LogplatError(
      'INGEST',
      'FILE_UNREADABLE',
      `Cannot open log file ${path}: ${reason}.`,
      {
        cause: error,
      },
    )
  }
}

/**
 * Opens a log file, or standard input for `-`, for streaming; the file is
 * never read whole into memory.
 */
export async function openLogSource(path: string): Promise<LogSource> {
  if (path === STDIN_ARGUMENT) {
    return { name: 'stdin', defaultService: 'stdin', chunks: readChunks(process.stdin, 'stdin') }
  }

  const handle = await openFile(path)
  const stream = handle.createReadStream({ highWaterMark: CHUNK_BYTES })
  return { name: path, defaultService: parse(path).name, chunks: readChunks(stream, path) }
}
