import { Flags } from '@oclif/core'
import chalk from 'chalk'
import { LogplatCommand } from '../src/cli/base-command.js'
import { renderTable } from '../src/cli/table.js'
import { sweepHealth } from '../src/client/health-sweep.js'
import { loadConfig } from '../src/config/index.js'
import { SERVICE_NAMES } from '../src/platform/daemon.js'

function colour(cell: string, status: string): string {
  if (status === 'healthy') return chalk.green(cell)
  if (status === 'degraded') return chalk.yellow(cell)
  return chalk.red(cell)
}

export default class Health extends LogplatCommand {
  static override summary = 'Check the health of all six services.'

  static override description =
    'Check the health of all six services, or of those named with --service. Exits 1 when ' +
    'any of them is not healthy; a service that is not running shows as down.'

  static override flags = {
    json: Flags.boolean({ description: 'Print JSON instead of a table.' }),
    service: Flags.string({
      description:
        'Check only this service (repeatable), for scripts that watch part of the platform.',
      multiple: true,
      options: [...SERVICE_NAMES],
    }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(Health)
    const wanted = new Set<string>(flags.service ?? SERVICE_NAMES)
    const results = (await sweepHealth(loadConfig())).filter((result) => wanted.has(result.service))
    const isHealthy = results.every((result) => result.status === 'healthy')

    if (flags.json) {
      this.printJson({ healthy: isHealthy, services: results })
    } else {
      this.log(
        renderTable(results, [
          { header: 'SERVICE', value: (result) => result.service },
          { header: 'URL', value: (result) => result.url },
          {
            header: 'STATUS',
            value: (result) => result.status,
            style: (cell, result) => colour(cell, result.status),
          },
          {
            header: 'LATENCY',
            value: (result) => (result.latency_ms === null ? '' : `${result.latency_ms} ms`),
            isNumeric: true,
          },
          { header: 'ERROR', value: (result) => result.error, maxWidth: 50 },
        ]),
      )
    }
    if (!isHealthy) this.exit(1)
  }
}
