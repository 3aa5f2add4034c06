import { logLevel, type logCreator } from 'kafkajs'
import type { BusLogger } from '../types.js'

/**
 * Sends kafkajs's log lines to the bus logger: errors and warnings as they
 * are, its lifecycle chatter (info) and detail at debug, since library code
 * logs nothing at info.
 */
export function routeKafkaLogs(logger: BusLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, ...details } = log
      const context = { namespace, ...details }
      if (level === logLevel.ERROR) logger.error(context, message)
      else if (level === logLevel.WARN) logger.warn(context, message)
      else logger.debug(context, message)
    }
}
