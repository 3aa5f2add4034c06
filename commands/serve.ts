import { Args } from '@oclif/core'
import { LogplatCommand } from '../src/cli/base-command.js'
import { loadConfig } from '../src/config/index.js'
import { requireServerBackends } from '../src/platform/backends.js'
import { createLogger } from '../src/platform/logger.js'
import {
  RUNNABLE_SERVICES,
  runServices,
  type RunnableService,
} from '../src/platform/run-services.js'
import { waitForShutdownSignal } from '../src/platform/shutdown.js'

export default class Serve extends LogplatCommand {
  static override summary = 'Run one service as a foreground daemon on server backends.'

  static override description =
    'Run one service as a foreground daemon on the server backends (Kafka, ClickHouse, ...). ' +
    'It stops cleanly on SIGINT or SIGTERM.'

  static override examples = [
    'LOGPLAT_KAFKA_BROKERS=127.0.0.1:9092 LOGPLAT_CLICKHOUSE_URL=http://127.0.0.1:8123 <%= config.bin %> serve consumer',
  ]

  static override args = {
    service: Args.string({
      description: 'The service to run.',
      options: RUNNABLE_SERVICES,
      required: true,
    }),
  }

  async run(): Promise<void> {
    const { args } = await this.parse(Serve)
    const service = args.service as RunnableService
    const config = loadConfig()
    requireServerBackends(config, service)
    const logger = createLogger(config)

    const signalled = waitForShutdownSignal()
    const running = await runServices([service], config, logger)
    const signal = await signalled
    logger.info({ signal }, 'shutting down')
    await running.stop()
  }
}
