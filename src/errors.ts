/** Where an error comes from; the middle part of every error code. */
export type ErrorArea =
  'CONFIG' | 'BUS' | 'STORE' | 'CACHE' | 'HTTP' | 'INGEST' | 'PATTERNS' | 'CLIENT' | 'PLATFORM'

export interface LogplatErrorOptions {
  cause?: unknown
  /** True when trying the same operation again later can succeed. */
  isRetryable?: boolean
}

/**
 * The one error type logplat raises on purpose. Its code is stable
 * (`LOGPLAT_<AREA>_<PROBLEM>`) and documented in docs/errors.md, and its
 * message is a full sentence naming the object and the value.
 */
export class LogplatError extends Error {
  readonly code: string
  readonly isRetryable: boolean

  constructor(
    area: ErrorArea,
    problem: string,
    message: string,
    options: LogplatErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'LogplatError'
    this.code = `LOGPLAT_${area}_${problem}`
    this.isRetryable = options.isRetryable ?? false
  }
}

/** Reads the message of anything thrown, without assuming it is an Error. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
