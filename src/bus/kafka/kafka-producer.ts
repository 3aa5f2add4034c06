import type { Producer } from 'kafkajs'
import { LogplatError } from '../../errors.js'
import type { BusProducer, OutgoingMessage } from '../types.js'
import { describeKafkaError } from './kafka-errors.js'

/** Every in-sync replica must have the batch before Kafka acknowledges it. */
const ACKS_ALL = -1

/**
 * The most message bytes one produce request carries. A broker refuses a
 * partition's record batch over its message.max.bytes (1 MiB by default), and
 * kafkajs puts a whole send for one partition into one batch, so large sends
 * go out in requests below that, one after another, which keeps their order.
 */
const MAX_REQUEST_BYTES = 768 * 1024
// Per-message overhead of the record format: lengths, offsets delta, attributes.
const RECORD_OVERHEAD_BYTES = 32

function sizeOf(message: OutgoingMessage): number {
  const { key, value, headers } = message
  let size =
    RECORD_OVERHEAD_BYTES + (typeof value === 'string' ? Buffer.byteLength(value) : value.length)
  if (key !== undefined) size += Buffer.byteLength(key)
  for (const [name, text] of Object.entries(headers ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(text)
  }
  return size
}

/** Splits messages, in order, into requests of at most MAX_REQUEST_BYTES (or one message). */
export function splitIntoRequests(messages: OutgoingMessage[]): OutgoingMessage[][] {
  const requests: OutgoingMessage[][] = []
  let current: OutgoingMessage[] = []
  let currentBytes = 0
  for (const message of messages) {
    const size = sizeOf(message)
    if (current.length > 0 && currentBytes + size > MAX_REQUEST_BYTES) {
      requests.push(current)
      current = []
      currentBytes = 0
    }
    current.push(message)
    currentBytes += size
  }
  if (current.length > 0) requests.push(current)
  return requests
}

/** Publishes to Kafka; kafkajs retries a failed request before send() rejects. */
export class KafkaProducer implements BusProducer {
  constructor(private readonly producer: Producer) {}

  /** Resolves once every in-sync replica has the messages. */
  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return

    try {
      for (const request of splitIntoRequests(messages)) {
        await this.producer.send({ topic, acks: ACKS_ALL, messages: request })
      }
    } catch (error) {
      throw new LogplatError(
        'BUS',
        'SEND_FAILED',
        `Cannot send ${messages.length} messages to Kafka topic ${topic}: ` +
          `${describeKafkaError(error)}.`,
        { cause: error, isRetryable: true },
      )
    }
  }

  close(): Promise<void> {
    return this.producer.disconnect()
  }
}
