import { crc32 } from 'node:zlib'
import type { BusMessage, OutgoingMessage } from '../types.js'

/**
 * One message on disk is one frame, little-endian:
 *
 *   u32 body length | u32 crc32 of the body |
 *   body: f64 offset | f64 timestamp | i32 key length (-1 for none) | key |
 *         u32 header count | (u32 name length | name | u32 value length | value)* |
 *         u32 value length | value
 *
 * The checksum lets the code that opens a segment tell a frame cut short by a
 * crash from a whole one. Offsets are stored as doubles, exact up to 2^53.
 */
export const FRAME_HEADER_BYTES = 8

const FIXED_BODY_BYTES = 8 + 8 + 4 + 4 + 4
const NO_KEY = -1

/** Where a frame's body sits inside a buffer. */
export interface FrameBounds {
  bodyStart: number
  bodyEnd: number
}

function sizeOfBody(message: OutgoingMessage): number {
  let size = FIXED_BODY_BYTES
  if (message.key !== undefined) size += Buffer.byteLength(message.key)
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    size += 8 + Buffer.byteLength(name) + Buffer.byteLength(value)
  }
  const { value } = message
  return size + (typeof value === 'string' ? Buffer.byteLength(value) : value.length)
}

function writeText(buffer: Buffer, position: number, text: string): number {
  const length = buffer.write(text, position + 4)
  buffer.writeUInt32LE(length, position)
  return position + 4 + length
}

function writeBody(buffer: Buffer, start: number, message: OutgoingMessage): number {
  let position = start
  if (message.key === undefined) {
    buffer.writeInt32LE(NO_KEY, position)
    position += 4
  } else {
    position = writeText(buffer, position, message.key)
  }

  const headers = Object.entries(message.headers ?? {})
  buffer.writeUInt32LE(headers.length, position)
  position += 4
  for (const [name, value] of headers) {
    position = writeText(buffer, position, name)
    position = writeText(buffer, position, value)
  }

  const { value } = message
  if (typeof value === 'string') return writeText(buffer, position, value)
  buffer.writeUInt32LE(value.length, position)
  value.copy(buffer, position + 4)
  return position + 4 + value.length
}

/**
 * Encodes messages as consecutive frames in one buffer, numbered from
 * `firstOffset`, so that a whole send becomes a single write.
 */
export function encodeFrames(
  messages: OutgoingMessage[],
  firstOffset: number,
  timestamp: number,
): Buffer {
  const bodySizes = messages.map(sizeOfBody)
  const total = bodySizes.reduce((sum, size) => sum + FRAME_HEADER_BYTES + size, 0)
  const buffer = Buffer.allocUnsafe(total)

  let position = 0
  messages.forEach((message, index) => {
    const bodyStart = position + FRAME_HEADER_BYTES
    buffer.writeUInt32LE(bodySizes[index] ?? 0, position)
    buffer.writeDoubleLE(firstOffset + index, bodyStart)
    buffer.writeDoubleLE(timestamp, bodyStart + 8)
    position = writeBody(buffer, bodyStart + 16, message)
    buffer.writeUInt32LE(crc32(buffer.subarray(bodyStart, position)), bodyStart - 4)
  })
  return buffer
}

/** The length a frame declares, header included; needs the 8 header bytes. */
export function readFrameLength(buffer: Buffer, position: number): number {
  return FRAME_HEADER_BYTES + buffer.readUInt32LE(position)
}

/** Finds the frame that starts at `position`, or null when the buffer ends before it does. */
export function locateFrame(buffer: Buffer, position: number): FrameBounds | null {
  if (buffer.length - position < FRAME_HEADER_BYTES) return null

  const bodyStart = position + FRAME_HEADER_BYTES
  const bodyEnd = position + readFrameLength(buffer, position)
  if (bodyEnd > buffer.length) return null
  return { bodyStart, bodyEnd }
}

/** True when a frame's body is long enough and matches its checksum. */
export function isFrameIntact(buffer: Buffer, frame: FrameBounds): boolean {
  if (frame.bodyEnd - frame.bodyStart < FIXED_BODY_BYTES) return false

  const checksum = buffer.readUInt32LE(frame.bodyStart - 4)
  return crc32(buffer.subarray(frame.bodyStart, frame.bodyEnd)) === checksum
}

/** Reads the offset of a frame without decoding the rest of it. */
export function readFrameOffset(buffer: Buffer, frame: FrameBounds): number {
  return buffer.readDoubleLE(frame.bodyStart)
}

function readText(buffer: Buffer, position: number): [string, number] {
  const length = buffer.readUInt32LE(position)
  const start = position + 4
  return [buffer.toString('utf8', start, start + length), start + length]
}

/**
 * Decodes one frame into a message. The value is a view into `buffer`, not a
 * copy, so a batch costs one allocation however many messages it holds.
 */
export function decodeFrame(
  buffer: Buffer,
  frame: FrameBounds,
  topic: string,
  partition: number,
): BusMessage {
  const offset = buffer.readDoubleLE(frame.bodyStart)
  const timestamp = buffer.readDoubleLE(frame.bodyStart + 8)
  let position = frame.bodyStart + 16

  let key: string | null = null
  if (buffer.readInt32LE(position) === NO_KEY) position += 4
  else [key, position] = readText(buffer, position)

  const headers: Record<string, string> = {}
  const headerCount = buffer.readUInt32LE(position)
  position += 4
  for (let index = 0; index < headerCount; index++) {
    const [name, afterName] = readText(buffer, position)
    const [value, afterValue] = readText(buffer, afterName)
    headers[name] = value
    position = afterValue
  }

  const valueLength = buffer.readUInt32LE(position)
  const value = buffer.subarray(position + 4, position + 4 + valueLength)
  return { topic, partition, offset: String(offset), key, value, headers, timestamp }
}
