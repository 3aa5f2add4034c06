import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  IsolatedCircuitError,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel'
import { LogplatError, describeError, type ErrorArea } from '../errors.js'

/** Where a breaker stands: passing calls, refusing them, or letting one trial call through. */
export type BreakerState = 'closed' | 'open' | 'half-open'

/** The number each state is exported as in every `*_circuit_breaker_state` gauge. */
export const breakerStateValue: Readonly<Record<BreakerState, number>> = {
  closed: 0,
  open: 1,
  'half-open': 2,
}

const DEFAULT_FAILURE_THRESHOLD = 5
const DEFAULT_COOL_DOWN_MS = 10_000

export interface CircuitBreakerOptions {
  /** The backend the breaker guards, as errors name it: `Redis`, `PostgreSQL`, `Jina API`. */
  backend: string
  /** The error area of the backend, which makes the code `LOGPLAT_<AREA>_CIRCUIT_OPEN`. */
  area: ErrorArea
  /** Consecutive failures that open the breaker. */
  failureThreshold?: number
  /** How long an open breaker refuses calls before it lets one trial call through. */
  coolDownMs?: number
  /** Whether an error says the backend is failing; errors it rejects pass through uncounted. */
  isFailure?: (error: Error) => boolean
}

/** Guards calls to one backend so that a backend that is down is left alone for a while. */
export interface CircuitBreaker {
  /** Runs `fn`, or throws a retryable `*_CIRCUIT_OPEN` LogplatError while the breaker is open. */
  execute<T>(fn: () => Promise<T>): Promise<T>
  /** The current state; an open breaker turns half-open when the first call after its cool-down arrives. */
  state(): BreakerState
  /** Consecutive failures since the last success. */
  failures(): number
  /** Calls `listener` on every change of state; returns a function that stops the calls. */
  onStateChange(listener: (state: BreakerState) => void): () => void
}

function toBreakerState(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed'
    case CircuitState.HalfOpen:
      return 'half-open'
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 'open'
  }
}

function isRefusal(error: unknown): boolean {
  return error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError
}

function lastFailureOf(policy: CircuitBreakerPolicy): unknown {
  const reason = policy.lastFailure
  if (reason === undefined) return undefined
  return 'error' in reason ? reason.error : reason.value
}

/**
 * Creates a consecutive-failure circuit breaker (cockatiel underneath) that
 * every service uses the same way, so their breaker gauges and errors agree.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const threshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD
  const coolDownMs = options.coolDownMs ?? DEFAULT_COOL_DOWN_MS
  const consecutive = new ConsecutiveBreaker(threshold)
  const isFailure = options.isFailure ?? (() => true)
  const policy = circuitBreaker(handleWhen(isFailure), {
    halfOpenAfter: coolDownMs,
    breaker: consecutive,
  })

  const refuse = (error: unknown): LogplatError => {
    const lastFailure = lastFailureOf(policy)
    return new LogplatError(
      options.area,
      'CIRCUIT_OPEN',
      `Cannot call ${options.backend}: its circuit breaker opened after ${threshold} ` +
        `consecutive failures (last: ${describeError(lastFailure)}) and lets a trial ` +
        `call through ${coolDownMs} ms after opening.`,
      { cause: lastFailure ?? error, isRetryable: true },
    )
  }

  return {
    async execute<T>(fn: () => Promise<T>): Promise<T> {
      try {
        return await policy.execute(fn)
      } catch (error) {
        if (isRefusal(error)) throw refuse(error)
        throw error
      }
    },

    state: () => toBreakerState(policy.state),

    failures: () => consecutive.state,

    onStateChange(listener) {
      const subscription = policy.onStateChange((state) => listener(toBreakerState(state)))
      return () => subscription.dispose()
    },
  }
}
