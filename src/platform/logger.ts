import { pino, type Logger } from 'pino'
import type { Config } from '../config/index.js'

/** The daemons' logger: JSON lines on stdout at the configured level. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { app: 'logplat' } })
}
