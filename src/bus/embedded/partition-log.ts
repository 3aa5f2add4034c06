import { mkdirSync, readdirSync } from 'node:fs'
import type { BusMessage, OutgoingMessage } from '../types.js'
import { decodeFrame, encodeFrames, locateFrame } from './frame-codec.js'
import { Segment } from './segment.js'

/**
 * Size at which the active segment is closed and a new one started, so that
 * fully consumed segments can be deleted whole.
 */
export const SEGMENT_BYTES = 64 * 1024 * 1024

/** Limits of one read: whichever is reached first ends the batch. */
export interface ReadLimits {
  maxMessages: number
  maxBytes: number
}

/** One partition of a topic: an ordered list of segments in its own folder. */
export class PartitionLog {
  private active: Segment

  private constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly folder: string,
    private readonly segments: Segment[],
    /** Bytes of torn or garbled frames dropped when the partition was opened. */
    readonly truncatedBytes: number,
    active: Segment,
  ) {
    this.active = active
  }

  /** Opens the partition in `folder`, creating it when it does not exist yet. */
  static open(folder: string, topic: string, partition: number): PartitionLog {
    mkdirSync(folder, { recursive: true })
    const baseOffsets = readdirSync(folder)
      .filter((name) => /^\d{20}\.log$/.test(name))
      .map((name) => Number(name.slice(0, 20)))
      .sort((a, b) => a - b)
    const activeBase = baseOffsets.pop() ?? 0

    let truncatedBytes = 0
    const openSegment = (baseOffset: number): Segment => {
      const opened = Segment.open(folder, baseOffset)
      truncatedBytes += opened.truncatedBytes
      return opened.segment
    }
    const closed = baseOffsets.map(openSegment)
    const active = openSegment(activeBase)
    const segments = [...closed, active]
    return new PartitionLog(topic, partition, folder, segments, truncatedBytes, active)
  }

  /** The offset the next appended message gets. */
  get highWatermark(): number {
    return this.active.nextOffset
  }

  /** The oldest offset still on disk. */
  get logStartOffset(): number {
    return this.segments[0]?.baseOffset ?? 0
  }

  /** Appends messages with consecutive offsets in a single write. */
  append(messages: OutgoingMessage[], timestamp: number): void {
    if (this.active.byteSize >= SEGMENT_BYTES) this.rollSegment()

    const firstOffset = this.highWatermark
    this.active.append(encodeFrames(messages, firstOffset, timestamp), firstOffset)
  }

  /**
   * Reads messages from `offset` on, in offset order, within one segment. An
   * offset below the log start reads from the log start, as Kafka's
   * `earliest` reset does.
   */
  read(offset: number, limits: ReadLimits): BusMessage[] {
    const from = Math.max(offset, this.logStartOffset)
    if (from >= this.highWatermark) return []

    const { buffer, start } = this.segmentOf(from).read(from, limits.maxBytes)

    const messages: BusMessage[] = []
    let position = start
    while (messages.length < limits.maxMessages) {
      const frame = locateFrame(buffer, position)
      if (frame === null) break
      messages.push(decodeFrame(buffer, frame, this.topic, this.partition))
      position = frame.bodyEnd
    }
    return messages
  }

  /** Deletes every closed segment whose messages all lie below `offset`. */
  removeSegmentsBelow(offset: number): void {
    while (this.segments.length > 1) {
      const oldest = this.segments[0]
      if (oldest === undefined || oldest.nextOffset > offset) return

      oldest.remove()
      this.segments.shift()
    }
  }

  close(): void {
    for (const segment of this.segments) segment.close()
  }

  private rollSegment(): void {
    const { segment } = Segment.open(this.folder, this.highWatermark)
    this.segments.push(segment)
    this.active = segment
  }

  private segmentOf(offset: number): Segment {
    for (let index = this.segments.length - 1; index > 0; index--) {
      const segment = this.segments[index]
      if (segment !== undefined && segment.baseOffset <= offset) return segment
    }
    return this.segments[0] ?? this.active
  }
}
