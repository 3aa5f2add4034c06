import { LogplatError } from '../errors.js'

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
}

/**
 * Reads a time bound as an operator writes it: an ISO 8601 time, or a
 * duration back from now such as `90s`, `15m`, `2h`, `7d`. Returns ISO 8601.
 */
export function parseTimeBound(flag: string, text: string, now = new Date()): string {
  const duration = /^(\d+)\s*([smhdw])$/.exec(text.trim())
  if (duration !== null) {
    const amount = Number(duration[1])
    const unitMs = UNIT_MS[duration[2] as string] as number
    return new Date(now.getTime() - amount * unitMs).toISOString()
  }

  const time = new Date(text)
  if (!Number.isNaN(time.getTime()) && /\d{4}-\d{2}-\d{2}/.test(text)) return time.toISOString()
  throw new LogplatError(
    'CLIENT',
    'INVALID_TIME',
    `--${flag} ${JSON.stringify(text)} is neither an ISO 8601 time (2024-12-11T10:00:00Z) ` +
      'nor a duration such as 15m, 2h or 7d.',
  )
}
