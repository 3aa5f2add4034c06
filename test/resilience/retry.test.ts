import { describe, expect, it } from 'vitest'
import { LogplatError } from '../../src/errors.js'
import { retryWithBackoff } from '../../src/resilience/retry.js'

const FAST = { initialDelayMs: 1, maxDelayMs: 5 }

function unavailable(): LogplatError {
  return new LogplatError('STORE', 'UNAVAILABLE', 'Cannot reach PostgreSQL at db:5432.', {
    isRetryable: true,
  })
}

describe('retryWithBackoff', () => {
  it('returns the first success after failed attempts, passing the attempt number', async () => {
    const attempts: number[] = []

    const result = await retryWithBackoff(
      (attempt) => {
        attempts.push(attempt)
        if (attempt < 2) return Promise.reject(unavailable())
        return Promise.resolve('stored')
      },
      { retries: 5, ...FAST },
    )

    expect(result).toBe('stored')
    expect(attempts).toEqual([0, 1, 2])
  })

  it('gives up after the given retries and rethrows the last error', async () => {
    let calls = 0

    const outcome = retryWithBackoff(
      () => {
        calls++
        return Promise.reject(new Error(`attempt ${calls} failed`))
      },
      { retries: 2, ...FAST },
    )

    await expect(outcome).rejects.toThrow('attempt 3 failed')
    expect(calls).toBe(3)
  })

  it('does not retry a LogplatError that says retrying cannot help', async () => {
    let calls = 0
    const invalid = new LogplatError('STORE', 'CONSTRAINT_VIOLATION', 'Bad severity "urgent".')

    const outcome = retryWithBackoff(
      () => {
        calls++
        return Promise.reject(invalid)
      },
      { retries: 4, ...FAST },
    )

    await expect(outcome).rejects.toBe(invalid)
    expect(calls).toBe(1)
  })

  it('follows a custom decision on which errors to retry', async () => {
    let calls = 0

    const outcome = retryWithBackoff(
      () => {
        calls++
        return Promise.reject(new Error('not found'))
      },
      { retries: 4, ...FAST, isRetryable: (error) => error.message !== 'not found' },
    )

    await expect(outcome).rejects.toThrow('not found')
    expect(calls).toBe(1)
  })
})
