import { destination, pino, type Logger } from 'pino'
import type { Config } from '../config/index.js'

/**
 * The daemons' logger: JSON lines at the configured level on stderr, which
 * keeps stdout for what commands print as their result.
 */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { app: 'logplat' } }, destination(2))
}
