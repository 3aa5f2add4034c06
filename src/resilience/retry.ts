import { ExponentialBackoff, handleWhen, retry } from 'cockatiel'
import { LogplatError } from '../errors.js'

export interface RetryOptions {
  /** Further attempts after the first one fails. */
  retries: number
  /** Delay before the first retry; later delays grow exponentially, with jitter. */
  initialDelayMs?: number
  /** Longest delay between two attempts. */
  maxDelayMs?: number
  /** Whether trying again can help; by default a LogplatError says so itself and other errors are retried. */
  isRetryable?: (error: Error) => boolean
}

const DEFAULT_INITIAL_DELAY_MS = 100
const DEFAULT_MAX_DELAY_MS = 10_000

function isRetryableByDefault(error: Error): boolean {
  if (error instanceof LogplatError) return error.isRetryable
  return true
}

/**
 * Runs `fn` until it succeeds or the retries run out, waiting longer before
 * each retry (cockatiel's exponential backoff), and rethrows the last error.
 * `fn` receives the attempt number, starting at 0.
 */
export function retryWithBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const policy = retry(handleWhen(options.isRetryable ?? isRetryableByDefault), {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({
      initialDelay: options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS,
      maxDelay: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
    }),
  })

  return policy.execute(({ attempt }) => fn(attempt))
}
