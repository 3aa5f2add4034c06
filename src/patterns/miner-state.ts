import { LogplatError } from '../errors.js'

/** One template as saved: its tokens, where it is filed, and the distinct words seen so far. */
export interface SavedTemplate {
  id: number
  key: string
  tokens: string[]
  count: number
  seen: [number, string[]][]
}

/** Everything a miner knows, as plain JSON, so that a restart carries on where it stopped. */
export interface MinerState {
  version: 1
  similarityThreshold: number
  variableAfter: number
  nextId: number
  templates: SavedTemplate[]
  mergedInto: [number, number][]
}

const STATE_VERSION = 1

/** Checks that an untrusted value is a miner state this version can restore. */
export function parseMinerState(value: unknown): MinerState {
  const state = value as Partial<MinerState> | null
  if (typeof state !== 'object' || state === null) fail('it is not an object')
  if (state.version !== STATE_VERSION) fail(`its version is ${String(state.version)}, not 1`)
  if (!isFraction(state.similarityThreshold)) fail('similarityThreshold is not between 0 and 1')
  if (!isCount(state.variableAfter)) fail('variableAfter is not a positive integer')
  if (!isCount(state.nextId)) fail('nextId is not a positive integer')
  if (!Array.isArray(state.templates)) fail('templates is not a list')
  if (!Array.isArray(state.mergedInto)) fail('mergedInto is not a list')

  state.templates.forEach(checkTemplate)
  state.mergedInto.forEach((pair, index) => {
    if (!Array.isArray(pair) || !isCount(pair[0]) || !isCount(pair[1])) {
      fail(`mergedInto entry ${index} is not a pair of template ids`)
    }
  })
  return state as MinerState
}

function checkTemplate(template: SavedTemplate, index: number): void {
  const isValid =
    typeof template === 'object' &&
    template !== null &&
    isCount(template.id) &&
    typeof template.key === 'string' &&
    isStringList(template.tokens) &&
    isCount(template.count) &&
    Array.isArray(template.seen) &&
    template.seen.every(
      (entry) => Array.isArray(entry) && Number.isInteger(entry[0]) && isStringList(entry[1]),
    )
  if (!isValid) fail(`template ${index} is malformed`)
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
}

function isFraction(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1
}

function fail(reason: string): never {
  throw new LogplatError(
    'PATTERNS',
    'INVALID_STATE',
    `Cannot restore the template miner from the saved state: ${reason}.`,
  )
}
