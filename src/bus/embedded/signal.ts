/**
 * A wake-up call between tasks. A waiter checks its condition and then waits
 * in the same synchronous step, so a notification can never fall between the
 * two; nothing polls.
 */
export class Signal {
  private readonly waiters = new Set<() => void>()

  /** Resolves at the next notify(), or after `timeoutMs` when one is given. */
  wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer)
        this.waiters.delete(wake)
        resolve()
      }
      const timer = timeoutMs === undefined ? undefined : setTimeout(wake, timeoutMs)
      this.waiters.add(wake)
    })
  }

  /** Wakes every task waiting right now. */
  notify(): void {
    const waiting = [...this.waiters]
    this.waiters.clear()
    for (const wake of waiting) wake()
  }
}
