import { Flags } from '@oclif/core'
import { LogplatCommand } from '../src/cli/base-command.js'
import { renderTable } from '../src/cli/table.js'
import { describeConfig, loadConfig, unknownSettings } from '../src/config/index.js'

export default class ConfigCommand extends LogplatCommand {
  static override summary = 'Print the effective configuration, secrets redacted.'

  static override description =
    'Print the effective configuration: every LOGPLAT_* setting, its value and where it ' +
    'came from. Secrets are redacted; a LOGPLAT_* variable that is no setting is named.'

  static override flags = {
    json: Flags.boolean({ description: 'Print JSON instead of a table.' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(ConfigCommand)
    const entries = describeConfig(loadConfig())
    for (const name of unknownSettings()) {
      this.logToStderr(`Warning: ${name} is not a logplat setting; is it misspelled?`)
    }

    if (flags.json) {
      this.printJson(entries.map(({ env, value, source }) => ({ variable: env, value, source })))
      return
    }
    this.log(
      renderTable(entries, [
        { header: 'VARIABLE', value: (entry) => entry.env },
        { header: 'VALUE', value: (entry) => entry.value, maxWidth: 60 },
        { header: 'SOURCE', value: (entry) => entry.source },
      ]),
    )
  }
}
