import { performance } from 'node:perf_hooks'

const REFRESH_MS = 250
const CLEAR_LINE = '\r\u001b[2K'

/** Where progress goes: a terminal, since progress is only shown to a person. */
export interface ProgressStream {
  write(text: string): unknown
}

/** A single self-overwriting line on a terminal: lines read so far and the rate. */
export class ProgressLine {
  private readonly stream: ProgressStream
  private readonly startedAt = performance.now()
  private shownAt = 0

  constructor(stream: ProgressStream) {
    this.stream = stream
  }

  /** Shows the count, at most a few times a second. */
  update(linesRead: number): void {
    const now = performance.now()
    if (now - this.shownAt < REFRESH_MS) return
    this.shownAt = now

    const seconds = (now - this.startedAt) / 1000
    const rate = seconds > 0 ? Math.round(linesRead / seconds) : 0
    const text = `read ${linesRead.toLocaleString('en-US')} lines (${rate.toLocaleString('en-US')} lines/s)`
    this.stream.write(`${CLEAR_LINE}${text}`)
  }

  /** Removes the line, so that what follows starts on a clean line. */
  clear(): void {
    if (this.shownAt > 0) this.stream.write(CLEAR_LINE)
  }
}
