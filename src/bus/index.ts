import { join } from 'node:path'
import type { Config } from '../config/index.js'
import { EmbeddedBus } from './embedded/embedded-bus.js'
import { KafkaBus } from './kafka/kafka-bus.js'
import type { Bus, BusLogger } from './types.js'

export type * from './types.js'

/** What a bus can be given beside the configuration. */
export interface BusOptions {
  /** Where warnings and errors go; without one, the embedded bus stays silent and kafkajs prints only warnings. */
  logger?: BusLogger
}

/**
 * Opens the bus the configuration selects: Kafka when LOGPLAT_KAFKA_BROKERS
 * names brokers, else the embedded bus in `<dataDir>/bus`.
 */
export function createBus(config: Config, options: BusOptions = {}): Bus {
  const brokers = config.kafkaBrokers
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0)
  if (brokers.length === 0) return new EmbeddedBus(join(config.dataDir, 'bus'), options.logger)

  const logger = options.logger
  return new KafkaBus({
    brokers,
    clientId: config.kafkaClientId,
    ...(logger === undefined ? {} : { logger }),
  })
}
