import type { Producer } from 'kafkajs'
import { LogplatError } from '../../errors.js'
import type { BusProducer, OutgoingMessage } from '../types.js'
import { describeKafkaError } from './kafka-errors.js'

/** Every in-sync replica must have the batch before Kafka acknowledges it. */
const ACKS_ALL = -1

/** Publishes to Kafka; kafkajs retries a failed request before send() rejects. */
export class KafkaProducer implements BusProducer {
  constructor(private readonly producer: Producer) {}

  /** Resolves once every in-sync replica has the messages. */
  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return

    try {
      await this.producer.send({ topic, acks: ACKS_ALL, messages })
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
