import { join } from 'node:path'
import type { Config } from '../config/index.js'
import { EmbeddedBus } from './embedded/embedded-bus.js'
import type { Bus, BusLogger } from './types.js'

export type * from './types.js'

/** What a bus can be given beside the configuration. */
export interface BusOptions {
  /** Where warnings and errors go; without one, the bus stays silent. */
  logger?: BusLogger
}

/** Opens the embedded bus in `<dataDir>/bus`. */
export function createBus(config: Config, options: BusOptions = {}): Bus {
  return new EmbeddedBus(join(config.dataDir, 'bus'), options.logger)
}
