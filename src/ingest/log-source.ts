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

const SNIFF_BYTES = 8192

/**
 * Refuses a file that is binary rather than a log: a NUL byte in its first
 * 8 KiB, which text logs never have and executables and archives always do.
 */
async function refuseBinary(handle: FileHandle, path: string): Promise<void> {
  const sample = Buffer.alloc(SNIFF_BYTES)
  const { bytesRead } = await handle.read(sample, 0, SNIFF_BYTES, 0)
  if (!sample.subarray(0, bytesRead).includes(0)) return

  await handle.close()
  throw new LogplatError(
    'INGEST',
    'BINARY_FILE',
    `Log file ${path} looks binary (it has NUL bytes in its first ${SNIFF_BYTES} bytes); ` +
      'logplat ingests text logs.',
  )
}

/** Opens a log file and checks it is one, or throws the LogplatError that says why not. */
async function openLogFile(path: string): Promise<FileHandle> {
  const handle = await openFile(path)
  await refuseBinary(handle, path)
  return handle
}

/** Checks that a path names a readable text log, without reading it further. */
export async function checkLogFile(path: string): Promise<void> {
  if (path === STDIN_ARGUMENT) return
  const handle = await openLogFile(path)
  await handle.close()
}

/**
 * Opens a log file, or standard input for `-`, for streaming; the file is
 * never read whole into memory.
 */
export async function openLogSource(path: string): Promise<LogSource> {
  if (path === STDIN_ARGUMENT) {
    return { name: 'stdin', defaultService: 'stdin', chunks: readChunks(process.stdin, 'stdin') }
  }

  const handle = await openLogFile(path)
  const stream = handle.createReadStream({ highWaterMark: CHUNK_BYTES, start: 0 })
  return { name: path, defaultService: parse(path).name, chunks: readChunks(stream, path) }
}
