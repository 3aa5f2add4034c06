import { Kafka, logLevel, Partitioners, type Admin, type KafkaConfig } from 'kafkajs'
import { LogplatError } from '../../errors.js'
import { assertTopicName } from '../topic-name.js'
import type { Bus, BusConsumer, BusLogger, BusProducer, ConsumerOptions } from '../types.js'
import { KafkaConsumer } from './kafka-consumer.js'
import { describeKafkaError } from './kafka-errors.js'
import { KafkaProducer } from './kafka-producer.js'
import { routeKafkaLogs } from './log-creator.js'

/** How long isConnected() waits for a broker before answering false. */
const PROBE_TIMEOUT_MS = 1000

/** Where the bus finds Kafka. */
export interface KafkaBusOptions {
  brokers: string[]
  clientId: string
  logger?: BusLogger
}

function clientConfig(options: KafkaBusOptions): KafkaConfig {
  const { brokers, clientId, logger } = options
  if (logger === undefined) return { brokers, clientId, logLevel: logLevel.WARN }
  return { brokers, clientId, logLevel: logLevel.INFO, logCreator: routeKafkaLogs(logger) }
}

/** The bus on Apache Kafka, through kafkajs. */
export class KafkaBus implements Bus {
  readonly kind = 'kafka'
  private readonly kafka: Kafka
  private readonly admin: Admin
  private readonly probe: Admin
  private readonly producers = new Set<BusProducer>()
  private readonly consumers = new Set<BusConsumer>()
  private adminReady: Promise<void> | null = null

  constructor(private readonly options: KafkaBusOptions) {
    const config = clientConfig(options)
    this.kafka = new Kafka(config)
    this.admin = this.kafka.admin()
    const probeClient = new Kafka({
      ...config,
      connectionTimeout: PROBE_TIMEOUT_MS,
      retry: { retries: 0 },
    })
    this.probe = probeClient.admin()
  }

  async ensureTopics(topics: string[], partitions: number): Promise<void> {
    topics.forEach(assertTopicName)
    await this.connectAdmin()

    try {
      const existing = new Set(await this.admin.listTopics())
      const missing = topics.filter((topic) => !existing.has(topic))
      if (missing.length === 0) return

      await this.admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
        waitForLeaders: true,
      })
    } catch (error) {
      throw this.failure(`Cannot create topics ${topics.join(', ')}`, error)
    }
  }

  async createProducer(): Promise<BusProducer> {
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
    try {
      await producer.connect()
    } catch (error) {
      throw this.failure('Cannot connect a producer', error)
    }

    const busProducer = new KafkaProducer(producer)
    this.producers.add(busProducer)
    return busProducer
  }

  async createConsumer(options: ConsumerOptions): Promise<BusConsumer> {
    await this.connectAdmin()
    const consumer = new KafkaConsumer(this.kafka, this.admin, options, this.options.logger)
    this.consumers.add(consumer)
    return consumer
  }

  async isConnected(): Promise<boolean> {
    try {
      await this.probe.connect()
      await this.probe.describeCluster()
      return true
    } catch {
      return false
    }
  }

  /** Stops this bus's consumers, then disconnects its producers and admin clients. */
  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()))
    await Promise.all([...this.producers].map((producer) => producer.close()))
    await Promise.all([this.admin.disconnect(), this.probe.disconnect()])
  }

  private async connectAdmin(): Promise<void> {
    this.adminReady ??= this.admin.connect()
    try {
      await this.adminReady
    } catch (error) {
      this.adminReady = null
      throw this.failure('Cannot connect the admin client', error)
    }
  }

  private failure(action: string, error: unknown): LogplatError {
    return new LogplatError(
      'BUS',
      'KAFKA_UNAVAILABLE',
      `${action} on Kafka at ${this.options.brokers.join(',')}: ${describeKafkaError(error)}.`,
      { cause: error, isRetryable: true },
    )
  }
}
