import { Flags } from '@oclif/core'
import { LogplatCommand } from '../src/cli/base-command.js'
import { renderTable } from '../src/cli/table.js'
import { sanitizeForTerminal } from '../src/cli/sanitize.js'
import { defaultDataDir, loadConfig, type Config } from '../src/config/index.js'
import { describeError, LogplatError } from '../src/errors.js'
import { ingestFile } from '../src/ingest/ingest-file.js'
import { checkLogFile } from '../src/ingest/log-source.js'
import { renderSummary } from '../src/ingest/summary-report.js'
import { createLogger } from '../src/platform/logger.js'
import { RUNNABLE_SERVICES, runServices } from '../src/platform/run-services.js'
import { waitForShutdownSignal } from '../src/platform/shutdown.js'

export default class Up extends LogplatCommand {
  static override summary = 'Run every service in one process, on embedded backends by default.'

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
    ingest: Flags.string({
      description:
        'A log file to send through the gateway once the platform is up, as `logplat ingest` ' +
        'would (repeatable). Each is checked before anything starts.',
      multiple: true,
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
    for (const file of flags.ingest ?? []) await checkLogFile(file)

    const signalled = waitForShutdownSignal()
    const running = await runServices(RUNNABLE_SERVICES, config, logger)
    this.logToStderr(
      renderTable(running.handles, [
        { header: 'SERVICE', value: (handle) => handle.name },
        { header: 'URL', value: (handle) => handle.url },
      ]),
    )
    this.logToStderr(`data: ${config.dataDir}\npress Ctrl+C to stop`)
    const gateway = running.handles.find((handle) => handle.name === 'gateway')
    const gatewayUrl = gateway?.url ?? config.gatewayUrl
    // A signal during the ingest stops it where it is, and the platform after it.
    const stopIngest = new AbortController()
    const ingesting = this.ingestAll(flags.ingest ?? [], gatewayUrl, config, stopIngest.signal)
    await Promise.race([ingesting, signalled])

    const signal = await signalled
    stopIngest.abort()
    await ingesting
    logger.info({ signal }, 'shutting down')
    await running.stop()
  }

  private async ingestAll(
    files: string[],
    gatewayUrl: string,
    config: Config,
    signal: AbortSignal,
  ): Promise<void> {
    for (const file of files) {
      if (signal.aborted) return
      await this.ingest(file, { gatewayUrl, config, signal })
    }
  }

  /** Sends one file; a file that fails is reported and the platform keeps running. */
  private async ingest(
    file: string,
    target: { gatewayUrl: string; config: Config; signal: AbortSignal },
  ): Promise<void> {
    try {
      const { summary, target: sent } = await ingestFile({ file, ...target })
      this.log(renderSummary(summary, sent))
      if (summary.failure !== undefined) throw summary.failure
    } catch (error) {
      const code = error instanceof LogplatError ? ` (${error.code})` : ''
      this.logToStderr(`Error: ${sanitizeForTerminal(describeError(error))}${code}`)
    }
  }
}
