import { Command, Errors } from '@oclif/core'
import { describeError, LogplatError } from '../errors.js'
import { sanitizeForTerminal } from './sanitize.js'

/**
 * What every logplat command shares: failures become one line on stderr and a
 * non-zero exit code (2 for a wrong flag or argument), never a stack trace.
 */
export abstract class LogplatCommand extends Command {
  protected printJson(value: unknown): void {
    this.log(JSON.stringify(value, null, 2))
  }

  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    if (error instanceof LogplatError) {
      this.logToStderr(`Error: ${sanitizeForTerminal(error.message)} (${error.code})`)
      this.exit(1)
    }
    if (error instanceof Errors.ExitError) return super.catch(error)
    if (error instanceof Errors.CLIError) {
      const withoutHint = error.message.replace(/See more help with --help/g, '')
      const oneLine = sanitizeForTerminal(withoutHint.replace(/\s+/g, ' ').trim())
      this.logToStderr(`Error: ${oneLine} (see --help)`)
      this.exit(error.oclif.exit ?? 2)
    }
    this.logToStderr(`Error: ${sanitizeForTerminal(describeError(error))}`)
    this.exit(1)
  }
}
