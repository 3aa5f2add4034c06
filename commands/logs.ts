import { Errors, Flags } from '@oclif/core'
import chalk from 'chalk'
import { LogplatCommand } from '../src/cli/base-command.js'
import { renderTable } from '../src/cli/table.js'
import { parseTimeBound } from '../src/cli/time-bound.js'
import { GatewayClient, type LogsQuery } from '../src/client/gateway-client.js'
import { loadConfig } from '../src/config/index.js'
import { LOG_LEVELS, normalizeLevel } from '../src/logs/levels.js'

const LEVEL_COLOURS: Record<string, (text: string) => string> = {
  DEBUG: chalk.gray,
  INFO: chalk.cyan,
  WARN: chalk.yellow,
  ERROR: chalk.red,
  FATAL: chalk.bgRed.white,
}

export default class Logs extends LogplatCommand {
  static override summary = 'Query stored logs.'

  static override description =
    'Query stored logs through the gateway, oldest first on screen (the newest page of matches).'

  static override examples = [
    '<%= config.bin %> logs --level ERROR --since 15m',
    '<%= config.bin %> logs --service api-gateway --since 2024-12-11T00:00:00Z --until 2024-12-12T00:00:00Z --json',
  ]

  static override flags = {
    service: Flags.string({ description: 'Only logs of this service.' }),
    level: Flags.string({
      description: `Only logs at this level: ${LOG_LEVELS.join(', ')} (warning, err, crit... also read).`,
      parse: async (input) => {
        const level = normalizeLevel(input)
        if (level !== undefined) return level
        throw new Errors.CLIError(
          `${JSON.stringify(input)} is not one of ${LOG_LEVELS.join(', ')}.`,
        )
      },
    }),
    environment: Flags.string({ description: 'Only logs of this environment.' }),
    since: Flags.string({
      description: 'From this time: ISO 8601, or a duration back from now (15m, 2h, 7d).',
    }),
    until: Flags.string({ description: 'Up to this time: ISO 8601, or a duration back from now.' }),
    limit: Flags.integer({
      description: 'How many logs to show, at most 1000.',
      default: 50,
      min: 1,
      max: 1000,
    }),
    offset: Flags.integer({
      description: 'Skip this many of the newest matches first.',
      default: 0,
      min: 0,
    }),
    gateway: Flags.string({ description: 'Gateway base URL (default: LOGPLAT_GATEWAY_URL).' }),
    json: Flags.boolean({ description: 'Print the gateway answer as JSON.' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(Logs)
    const query: LogsQuery = { limit: flags.limit, offset: flags.offset }
    if (flags.service !== undefined) query.service = flags.service
    if (flags.level !== undefined) query.level = flags.level
    if (flags.environment !== undefined) query.environment = flags.environment
    if (flags.since !== undefined) query.start_time = parseTimeBound('since', flags.since)
    if (flags.until !== undefined) query.end_time = parseTimeBound('until', flags.until)
    if (query.start_time !== undefined && query.end_time !== undefined) {
      if (query.start_time > query.end_time) {
        this.error(`--since ${flags.since} is later than --until ${flags.until}; swap them.`, {
          exit: 2,
        })
      }
    }
    const client = new GatewayClient(flags.gateway ?? loadConfig().gatewayUrl)

    const page = await client.logs(query).finally(() => client.close())

    if (flags.json) {
      this.printJson(page)
      return
    }
    const rows = [...page.logs].reverse()
    this.log(
      renderTable(rows, [
        { header: 'TIME', value: (log) => log.timestamp },
        {
          header: 'LEVEL',
          value: (log) => log.level,
          style: (cell, log) => (LEVEL_COLOURS[log.level] ?? String)(cell),
        },
        { header: 'SERVICE', value: (log) => log.service, maxWidth: 24 },
        { header: 'MESSAGE', value: (log) => log.message, maxWidth: 120 },
      ]),
    )
    this.logToStderr(`${page.logs.length} of ${page.total} matching logs`)
  }
}
