import { hash } from 'node:crypto'

/**
 * The stable identity of a template: the first 16 hex digits of the SHA-256 of
 * its text, the same in every process and on every run.
 */
export function patternHash(template: string): string {
  return hash('sha256', template, 'hex').slice(0, 16)
}
