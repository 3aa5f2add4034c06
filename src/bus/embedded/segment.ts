import { closeSync, fstatSync, ftruncateSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { describeError, LogplatError } from '../../errors.js'
import {
  FRAME_HEADER_BYTES,
  isFrameIntact,
  locateFrame,
  readFrameLength,
  readFrameOffset,
} from './frame-codec.js'
import { INDEX_INTERVAL_BYTES, OffsetIndex } from './offset-index.js'

const SCAN_CHUNK_BYTES = 8 * 1024 * 1024

/** A window of a segment that starts at a frame; `start` is the first wanted frame. */
export interface SegmentWindow {
  buffer: Buffer
  start: number
}

/** The file name of the segment whose first offset is `baseOffset`, as Kafka names them. */
export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}.log`
}

/**
 * One append-only file of frames. I/O is synchronous on purpose: a write of
 * one batch to the page cache is shorter than a thread-pool round trip, and
 * it keeps offsets, file order and the index in step without a queue.
 */
export class Segment {
  private readonly index = new OffsetIndex()
  private size = 0

  private constructor(
    private readonly fd: number,
    private readonly path: string,
    readonly baseOffset: number,
    /** The offset the next appended frame gets. */
    public nextOffset: number,
  ) {}

  /**
   * Opens (or creates) the segment in `folder`, rebuilding its index by
   * scanning. A frame cut short or garbled by a crash, and everything after
   * it, is truncated; the return value says how many bytes went.
   */
  static open(folder: string, baseOffset: number): { segment: Segment; truncatedBytes: number } {
    const path = join(folder, segmentFileName(baseOffset))
    const fd = openSync(path, 'a+')
    const segment = new Segment(fd, path, baseOffset, baseOffset)
    const fileSize = fstatSync(fd).size

    segment.scan(fileSize)

    if (segment.size < fileSize) ftruncateSync(fd, segment.size)
    return { segment, truncatedBytes: fileSize - segment.size }
  }

  get byteSize(): number {
    return this.size
  }

  /**
   * Appends frames numbered from `firstOffset` on in one write. The write
   * reaches the operating system, not the disk: it survives the process
   * being killed, not a power loss.
   */
  append(frames: Buffer, firstOffset: number): void {
    try {
      let written = 0
      while (written < frames.length) {
        written += writeSync(this.fd, frames, written, frames.length - written)
      }
    } catch (error) {
      this.undoPartialWrite()
      throw new LogplatError(
        'BUS',
        'WRITE_FAILED',
        `Cannot append ${frames.length} bytes to segment ${this.path}: ${describeError(error)}.`,
        { cause: error, isRetryable: true },
      )
    }

    let position = 0
    let offset = firstOffset
    while (position < frames.length) {
      this.index.add(offset, this.size + position)
      position += readFrameLength(frames, position)
      offset++
    }
    this.size += frames.length
    this.nextOffset = offset
  }

  /**
   * Reads about `maxBytes` of whole frames, the first being the frame of
   * `offset`, which must lie in this segment. A frame larger than `maxBytes`
   * is read whole.
   */
  read(offset: number, maxBytes: number): SegmentWindow {
    if (offset < this.baseOffset || offset >= this.nextOffset) {
      throw new LogplatError(
        'BUS',
        'OFFSET_OUT_OF_RANGE',
        `Cannot read offset ${offset} from segment ${this.path}: it holds offsets ` +
          `${this.baseOffset} to ${this.nextOffset - 1}.`,
      )
    }

    let position = this.index.floorPosition(offset)
    let buffer = this.readAt(position, maxBytes + INDEX_INTERVAL_BYTES)
    let start = 0

    for (;;) {
      const frame = locateFrame(buffer, start)
      if (frame === null) {
        position += start
        const hasHeader = buffer.length - start >= FRAME_HEADER_BYTES
        const frameLength = hasHeader ? readFrameLength(buffer, start) : 0
        buffer = this.readAt(position, Math.max(maxBytes, frameLength))
        start = 0
        continue
      }
      if (readFrameOffset(buffer, frame) >= offset) return { buffer, start }
      start = frame.bodyEnd
    }
  }

  close(): void {
    closeSync(this.fd)
  }

  /** Closes the segment and deletes its file. */
  remove(): void {
    this.close()
    rmSync(this.path, { force: true })
  }

  private readAt(position: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(Math.min(length, this.size - position))
    let filled = 0
    while (filled < buffer.length) {
      const read = readSync(this.fd, buffer, filled, buffer.length - filled, position + filled)
      if (read === 0) break
      filled += read
    }
    return buffer.subarray(0, filled)
  }

  /** Cuts off what a failed write left (a full disk, say), so the next append starts clean. */
  private undoPartialWrite(): void {
    try {
      ftruncateSync(this.fd, this.size)
    } catch {
      // The write error is the one worth reporting; the scan on the next open truncates anyway.
    }
  }

  /** Walks the file from the start, indexing frames up to the first that is torn or garbled. */
  private scan(fileSize: number): void {
    // readAt() reads within `size`; while scanning, that is the whole file.
    this.size = fileSize
    let position = 0
    let chunkBytes = SCAN_CHUNK_BYTES

    while (position < fileSize) {
      const chunk = this.readAt(position, chunkBytes)
      const { consumed, isBroken } = this.indexFrames(chunk, position)
      position += consumed
      if (isBroken) break
      if (consumed > 0) continue

      const isTail = position + chunk.length >= fileSize
      if (isTail) break
      chunkBytes = Math.max(SCAN_CHUNK_BYTES, readFrameLength(chunk, 0))
    }

    this.size = position
  }

  /** Indexes the whole, intact frames at the start of `chunk`. */
  private indexFrames(
    chunk: Buffer,
    chunkPosition: number,
  ): { consumed: number; isBroken: boolean } {
    let cursor = 0
    for (;;) {
      const frame = locateFrame(chunk, cursor)
      if (frame === null) return { consumed: cursor, isBroken: false }

      const isExpected = readFrameOffset(chunk, frame) === this.nextOffset
      if (!isExpected || !isFrameIntact(chunk, frame)) return { consumed: cursor, isBroken: true }

      this.index.add(this.nextOffset, chunkPosition + cursor)
      this.nextOffset++
      cursor = frame.bodyEnd
    }
  }
}
