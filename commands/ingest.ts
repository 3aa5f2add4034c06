import { Args, Flags } from '@oclif/core'
import { LogplatCommand } from '../src/cli/base-command.js'
import { loadConfig } from '../src/config/index.js'
import { DEFAULT_BATCH_SIZE, ingestFile } from '../src/ingest/ingest-file.js'
import type { IngestSummary } from '../src/ingest/ingest-summary.js'
import { FORMAT_CHOICES } from '../src/ingest/line-format.js'
import { ProgressLine } from '../src/ingest/progress-line.js'
import { renderSummary, toJsonReport, type IngestTarget } from '../src/ingest/summary-report.js'

export default class IngestCommand extends LogplatCommand {
  static override summary = 'Send a log file or standard input to the gateway.'

  static override description =
    'Send a log file (or standard input) to the gateway, one record per line. The format (JSON lines, logfmt or plain text) is detected from the first lines; timestamps and levels are read from plain-text headers, and each line is kept whole as the message. Blank lines are skipped. Prints lines read, accepted, rejected and skipped. Exits 0 when every line was delivered, even if the gateway rejected some (they are counted and listed); exits 1 when the gateway is unreachable, a batch fails after retries, or the file cannot be read.'

  static override examples = [
    '<%= config.bin %> ingest /var/log/syslog',
    '<%= config.bin %> ingest app.jsonl --service checkout --environment production',
    'journalctl -o cat | <%= config.bin %> ingest - --service host-journal --json',
  ]

  static override args = {
    file: Args.string({
      description: 'Log file to send, or - to read standard input.',
      required: true,
    }),
  }

  static override flags = {
    service: Flags.string({
      description:
        'Service for lines that name none; defaults to the file name without its extension, or stdin.',
    }),
    environment: Flags.string({
      description: 'Environment for lines that name none.',
      default: 'default',
    }),
    format: Flags.option({
      description: 'How the lines are written; auto detects it from the first lines.',
      options: FORMAT_CHOICES,
      default: 'auto' as const,
    })(),
    gateway: Flags.string({ description: 'Gateway base URL (default: LOGPLAT_GATEWAY_URL).' }),
    'batch-size': Flags.integer({
      description: `Records per request, at most LOGPLAT_INGEST_MAX_LINES (default ${DEFAULT_BATCH_SIZE}).`,
      min: 1,
    }),
    json: Flags.boolean({ description: 'Print the summary as JSON, with every rejected line.' }),
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parse(IngestCommand)
    const config = loadConfig()
    const progress = process.stderr.isTTY ? new ProgressLine(process.stderr) : undefined

    const { summary, target } = await ingestFile({
      file: args.file,
      gatewayUrl: flags.gateway ?? config.gatewayUrl,
      config,
      environment: flags.environment,
      format: flags.format,
      ...(flags.service !== undefined && { service: flags.service }),
      ...(flags['batch-size'] !== undefined && { batchSize: flags['batch-size'] }),
      ...(progress !== undefined && { onProgress: (lines: number) => progress.update(lines) }),
    }).finally(() => progress?.clear())

    this.report(summary, target, flags.json)
    if (summary.failure !== undefined) throw summary.failure
  }

  private report(summary: IngestSummary, target: IngestTarget, isJson: boolean): void {
    if (isJson) {
      this.printJson(toJsonReport(summary, target))
      return
    }
    this.log(renderSummary(summary, target))
  }
}
