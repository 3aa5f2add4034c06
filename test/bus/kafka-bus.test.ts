import { describe } from 'vitest'
import { createBus } from '../../src/bus/index.js'
import { loadConfig } from '../../src/config/index.js'
import { findServer } from '../support/servers.js'
import { describeBusBehaviour } from './bus-behaviour.js'

const kafka = await findServer('kafka')

describe.runIf(kafka.isAvailable)('on a real Kafka broker', () => {
  describeBusBehaviour('kafka', () =>
    createBus(loadConfig({ kafkaBrokers: kafka.address, kafkaClientId: 'logplat-test' }, {})),
  )
})
