import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { LogplatError } from '../../src/errors.js'
import {
  breakerStateValue,
  createCircuitBreaker,
  type BreakerState,
} from '../../src/resilience/circuit-breaker.js'

const COOL_DOWN_MS = 30

function failingCall(message = 'connection refused'): () => Promise<never> {
  return () => Promise.reject(new Error(message))
}

async function failTimes(
  breaker: ReturnType<typeof createCircuitBreaker>,
  times: number,
): Promise<void> {
  for (let i = 0; i < times; i++) {
    await expect(breaker.execute(failingCall())).rejects.toThrow('connection refused')
  }
}

function newBreaker(options: { isFailure?: (error: Error) => boolean } = {}) {
  return createCircuitBreaker({
    backend: 'Redis',
    area: 'CACHE',
    failureThreshold: 3,
    coolDownMs: COOL_DOWN_MS,
    ...options,
  })
}

describe('circuit breaker', () => {
  it('exports closed, open and half-open as 0, 1 and 2', () => {
    expect(breakerStateValue).toEqual({ closed: 0, open: 1, 'half-open': 2 })
  })

  it('passes results through and stays closed while calls succeed', async () => {
    const breaker = newBreaker()

    const result = await breaker.execute(() => Promise.resolve(42))

    expect(result).toBe(42)
    expect(breaker.state()).toBe('closed')
    expect(breaker.failures()).toBe(0)
  })

  it('counts consecutive failures and forgets them after a success', async () => {
    const breaker = newBreaker()

    await failTimes(breaker, 2)
    const failuresBefore = breaker.failures()
    await breaker.execute(() => Promise.resolve('ok'))

    expect(failuresBefore).toBe(2)
    expect(breaker.failures()).toBe(0)
    expect(breaker.state()).toBe('closed')
  })

  it('opens after the threshold of consecutive failures and refuses calls without running them', async () => {
    const breaker = newBreaker()
    await failTimes(breaker, 3)
    let wasCalled = false

    const refusal = await breaker
      .execute(() => {
        wasCalled = true
        return Promise.resolve('ran')
      })
      .catch((error: unknown) => error)

    expect(breaker.state()).toBe('open')
    expect(wasCalled).toBe(false)
    expect(refusal).toBeInstanceOf(LogplatError)
    expect(refusal).toMatchObject({ code: 'LOGPLAT_CACHE_CIRCUIT_OPEN', isRetryable: true })
    expect((refusal as LogplatError).message).toMatch(
      /^Cannot call Redis: .*3 consecutive failures/,
    )
    expect((refusal as LogplatError).message).toContain('connection refused')
  })

  it('lets a trial call through after the cool-down and closes when it succeeds', async () => {
    const breaker = newBreaker()
    const states: BreakerState[] = []
    breaker.onStateChange((state) => states.push(state))
    await failTimes(breaker, 3)

    await sleep(COOL_DOWN_MS * 2)
    const result = await breaker.execute(() => Promise.resolve('back'))

    expect(result).toBe('back')
    expect(breaker.state()).toBe('closed')
    expect(states).toEqual(['open', 'half-open', 'closed'])
  })

  it('opens again when the trial call fails', async () => {
    const breaker = newBreaker()
    const states: BreakerState[] = []
    breaker.onStateChange((state) => states.push(state))
    await failTimes(breaker, 3)

    await sleep(COOL_DOWN_MS * 2)
    await failTimes(breaker, 1)

    expect(breaker.state()).toBe('open')
    expect(states).toEqual(['open', 'half-open', 'open'])
  })

  it('reports half-open while the trial call is running', async () => {
    const breaker = newBreaker()
    await failTimes(breaker, 3)
    await sleep(COOL_DOWN_MS * 2)
    let stateDuringTrial: BreakerState | undefined

    await breaker.execute(async () => {
      await sleep(1)
      stateDuringTrial = breaker.state()
    })

    expect(stateDuringTrial).toBe('half-open')
  })

  it('lets errors that are not failures of the backend through without counting them', async () => {
    const breaker = newBreaker({ isFailure: (error) => !error.message.startsWith('bad input') })

    for (let i = 0; i < 5; i++) {
      await expect(breaker.execute(failingCall('bad input: severity'))).rejects.toThrow('bad input')
    }

    expect(breaker.failures()).toBe(0)
    expect(breaker.state()).toBe('closed')
  })

  it('stops calling a listener once it unsubscribes', async () => {
    const breaker = newBreaker()
    const states: BreakerState[] = []
    const unsubscribe = breaker.onStateChange((state) => states.push(state))

    unsubscribe()
    await failTimes(breaker, 3)

    expect(breaker.state()).toBe('open')
    expect(states).toEqual([])
  })
})
