import { Flags } from '@oclif/core'
import { LogplatCommand } from '../src/cli/base-command.js'
import { renderTable } from '../src/cli/table.js'
import { defaultDataDir, loadConfig } from '../src/config/index.js'
import { createLogger } from '../src/platform/logger.js'
import { RUNNABLE_SERVICES, runServices } from '../src/platform/run-services.js'
import { waitForShutdownSignal } from '../src/platform/shutdown.js'

export default class Up extends LogplatCommand {
  static override description =
    'Run every service in one process on the embedded backends (or on the servers the ' +
    'configuration names). Stops cleanly on SIGINT or SIGTERM: input stops, the batch in ' +
    'hand is stored and committed, and nothing accepted is lost.'

  static override examples = [
    '<%= config.bin %> up',
    '<%= config.bin %> up --no-generate --data-dir ./logplat-data',
  ]

  static override flags = {
    'data-dir': Flags.string({
      description: `Folder for the embedded backends [default: ${defaultDataDir()}]`,
      env: 'LOGPLAT_DATA_DIR',
    }),
    generate: Flags.boolean({
      description: 'Start the log generator producing at once (--no-generate keeps it idle).',
      allowNo: true,
      default: true,
    }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(Up)
    const overrides = flags['data-dir'] === undefined ? {} : { dataDir: flags['data-dir'] }
    const config = loadConfig({ ...overrides, generatorAutostart: flags.generate })
    const logger = createLogger(config)

    const running = await runServices(RUNNABLE_SERVICES, config, logger)
    this.logToStderr(
      renderTable(running.handles, [
        { header: 'SERVICE', value: (handle) => handle.name },
        { header: 'URL', value: (handle) => handle.url },
      ]),
    )
    this.logToStderr(`data: ${config.dataDir}\npress Ctrl+C to stop`)

    const signal = await waitForShutdownSignal()
    logger.info({ signal }, 'shutting down')
    await running.stop()
  }
}
