import { pino } from 'pino'
import { ConsumerWorker } from '../../../daemons/consumer/consumer-worker.js'
import { createConsumerMetrics } from '../../../daemons/consumer/metrics.js'
import type { Bus, BusConsumer, BusProducer } from '../../../src/bus/types.js'
import type { Config } from '../../../src/config/index.js'
import { createCircuitBreaker } from '../../../src/resilience/circuit-breaker.js'
import type { LogStore } from '../../../src/stores/logs/log-store.js'

/** A consumer worker of the group, built as the daemon builds it, with its bus consumer at hand. */
export interface GroupMember {
  worker: ConsumerWorker
  consumer: BusConsumer
  producer: BusProducer
}

/** Joins the consumer group with a worker that stores into `store`. */
export async function startGroupMember(
  bus: Bus,
  config: Config,
  store: LogStore,
): Promise<GroupMember> {
  const consumer = await bus.createConsumer({
    groupId: config.consumerGroup,
    topics: [config.topicRawLogs],
  })
  const memberProducer = await bus.createProducer()
  const worker = new ConsumerWorker({
    config,
    consumer,
    producer: memberProducer,
    store,
    breaker: createCircuitBreaker({ backend: 'ClickHouse', area: 'STORE' }),
    metrics: createConsumerMetrics(),
    log: pino({ level: 'silent' }),
  })

  await worker.start()
  return { worker, consumer, producer: memberProducer }
}

/** Stops the worker as the daemon does, then closes its producer. */
export async function stopGroupMember(member: GroupMember): Promise<void> {
  await member.worker.stop()
  await member.producer.close()
}

/** The partitions a member of the group is assigned right now, in order. */
export async function assignedPartitions(member: GroupMember): Promise<number[]> {
  return (await member.consumer.lag()).map(({ partition }) => partition)
}
