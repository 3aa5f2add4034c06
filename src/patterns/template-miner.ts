import { LogplatError } from '../errors.js'
import { MessagePreparer } from './message-preparer.js'
import { parseMinerState, type MinerState } from './miner-state.js'
import { patternHash as hashTemplate } from './pattern-hash.js'
import type { PreparedMessage } from './prepare-message.js'
import { isPlaceholder, WILDCARD } from './placeholders.js'
import { coversToken, mergeTokens, scoreSimilarity } from './similarity.js'

/** What the miner learned or found for one message. */
export interface TemplateMatch {
  templateId: number
  /** The template with typed placeholders, as operators read it. */
  template: string
  /** The message's values at the template's placeholders, in order. */
  parameters: string[]
  patternHash: string
  /** True when this message started a new template. */
  isNew: boolean
}

/** One learned template and how many messages it has covered. */
export interface MinedTemplate {
  templateId: number
  template: string
  patternHash: string
  count: number
}

/** Settings of the miner; the defaults are tuned once for every kind of log, never per source. */
export interface TemplateMinerOptions {
  /** Share of a template's fixed tokens a message must repeat to be compared with it, 0 to 1. */
  similarityThreshold?: number
  /** Distinct words a position must show before it is taken as a variable. */
  variableAfter?: number
}

interface Description {
  template: string
  patternHash: string
  /** The token positions that hold a placeholder, whose values are the parameters. */
  parameterPositions: number[]
}

interface Cluster {
  id: number
  /** The leaf it is filed under: token count and first fixed token of its first message. */
  key: string
  tokens: string[]
  count: number
  /** Distinct words seen at each fixed position, up to `variableAfter`. */
  seen: Map<number, Set<string>>
  /** What describes the tokens, kept while they stay the same. */
  description: Description | undefined
}

const ENUM_WORD = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*[A-Z0-9]$/
const DEFAULT_SIMILARITY_THRESHOLD = 0.5
const DEFAULT_VARIABLE_AFTER = 3

/**
 * An online log template miner: it masks each message, then files it under its
 * token count and first fixed token, and joins the most similar template there
 * or starts a new one. It is deterministic and keeps only its templates.
 */
export class TemplateMiner {
  readonly similarityThreshold: number
  readonly variableAfter: number
  private readonly clusters = new Map<number, Cluster>()
  private readonly leaves = new Map<string, Cluster[]>()
  private readonly mergedInto = new Map<number, number>()
  private readonly preparer = new MessagePreparer()
  private nextId = 1

  constructor(options: TemplateMinerOptions = {}) {
    this.similarityThreshold = options.similarityThreshold ?? DEFAULT_SIMILARITY_THRESHOLD
    this.variableAfter = options.variableAfter ?? DEFAULT_VARIABLE_AFTER

    const isThresholdValid = this.similarityThreshold >= 0 && this.similarityThreshold <= 1
    if (!isThresholdValid || !Number.isInteger(this.variableAfter) || this.variableAfter < 2) {
      throw new LogplatError(
        'PATTERNS',
        'INVALID_OPTION',
        `Cannot create a template miner with similarityThreshold ${this.similarityThreshold} and variableAfter ${this.variableAfter}: the threshold must be from 0 to 1 and variableAfter an integer of 2 or more.`,
      )
    }
  }

  /** Mines one message: it joins (and may widen) the closest template or starts a new one. */
  add(message: string): TemplateMatch {
    const prepared = this.preparer.prepare(message)
    const cluster = this.findCluster(prepared)
    if (!cluster) return this.describe(this.createCluster(prepared), prepared, true)

    if (!this.widenCluster(cluster, prepared)) {
      return this.describe(this.createCluster(prepared), prepared, true)
    }
    cluster.count += 1
    return this.describe(cluster, prepared, false)
  }

  /** Finds the template a message belongs to without learning from it. */
  match(message: string): TemplateMatch | undefined {
    const prepared = this.preparer.prepare(message)
    const cluster = this.findCluster(prepared)
    if (!cluster || !coversAll(cluster.tokens, prepared.masked)) return undefined
    return this.describe(cluster, prepared, false)
  }

  /** Templates merge as the miner learns; this is the id an earlier template id now goes by. */
  currentTemplateId(templateId: number): number {
    let id = templateId
    for (let next = this.mergedInto.get(id); next !== undefined; next = this.mergedInto.get(id)) {
      id = next
    }
    return id
  }

  /** Every template learned so far, in the order they were found. */
  templates(): MinedTemplate[] {
    return [...this.clusters.values()].map((cluster) => {
      const { template, patternHash } = describeTokens(cluster)
      return { templateId: cluster.id, template, patternHash, count: cluster.count }
    })
  }

  /** Saves everything the miner has learned as plain JSON. */
  toJSON(): MinerState {
    return {
      version: 1,
      similarityThreshold: this.similarityThreshold,
      variableAfter: this.variableAfter,
      nextId: this.nextId,
      templates: [...this.clusters.values()].map((cluster) => ({
        id: cluster.id,
        key: cluster.key,
        tokens: [...cluster.tokens],
        count: cluster.count,
        seen: [...cluster.seen].map(([position, words]) => [position, [...words]]),
      })),
      mergedInto: [...this.mergedInto],
    }
  }

  /** Restores a miner saved with `toJSON()`; it then mines exactly as the saved one would have. */
  static fromJSON(state: unknown): TemplateMiner {
    const parsed = parseMinerState(state)
    const miner = new TemplateMiner(parsed)

    miner.nextId = parsed.nextId
    const templates = [...parsed.templates].sort((left, right) => left.id - right.id)
    for (const saved of templates) {
      miner.fileCluster({
        id: saved.id,
        key: saved.key,
        tokens: [...saved.tokens],
        count: saved.count,
        seen: new Map(saved.seen.map(([position, words]) => [position, new Set(words)])),
        description: undefined,
      })
    }
    for (const [from, to] of parsed.mergedInto) miner.mergedInto.set(from, to)
    return miner
  }

  private findCluster(prepared: PreparedMessage): Cluster | undefined {
    const leaf = this.leaves.get(prepared.key)
    if (!leaf) return undefined

    let best: Cluster | undefined
    let bestScore = -1
    for (const cluster of leaf) {
      const score = scoreSimilarity(cluster.tokens, prepared.masked)
      if (score > bestScore) {
        best = cluster
        bestScore = score
      }
    }
    return bestScore >= this.similarityThreshold ? best : undefined
  }

  // A differing word becomes a variable only once its position has shown
  // enough distinct words; until then each variant keeps its own template, since
  // a handful of values (LEADING, LOOKING) usually names a different event.
  private widenCluster(cluster: Cluster, prepared: PreparedMessage): boolean {
    if (coversAll(cluster.tokens, prepared.masked)) return true

    const widened = [...cluster.tokens]
    let isAccepted = true
    let hasChanged = false

    cluster.tokens.forEach((expected, position) => {
      const actual = prepared.masked[position] ?? ''
      if (coversToken(expected, actual)) return
      hasChanged = true
      const merged = mergeTokens(expected, actual)
      if (merged !== undefined) {
        widened[position] = merged
        return
      }
      if (isEnumWord(expected) && isEnumWord(actual)) {
        isAccepted = false
        return
      }
      const seen = cluster.seen.get(position) ?? new Set([expected])
      if (seen.size < this.variableAfter) seen.add(actual)
      cluster.seen.set(position, seen)
      if (seen.size >= this.variableAfter) widened[position] = WILDCARD
      else isAccepted = false
    })

    if (!isAccepted) return false
    if (!hasChanged) return true
    widened.forEach((token, position) => {
      if (token !== cluster.tokens[position]) cluster.seen.delete(position)
    })
    cluster.tokens = widened
    cluster.description = undefined
    this.absorbCoveredClusters(cluster, prepared.key)
    return true
  }

  private absorbCoveredClusters(cluster: Cluster, key: string): void {
    const leaf = this.leaves.get(key) ?? []
    const kept = leaf.filter((other) => {
      if (other === cluster || !coversAll(cluster.tokens, other.tokens)) return true
      cluster.count += other.count
      this.clusters.delete(other.id)
      this.mergedInto.set(other.id, cluster.id)
      return false
    })
    this.leaves.set(key, kept)
  }

  private createCluster(prepared: PreparedMessage): Cluster {
    const cluster: Cluster = {
      id: this.nextId,
      key: prepared.key,
      tokens: [...prepared.masked],
      count: 1,
      seen: new Map(),
      description: undefined,
    }
    this.nextId += 1
    this.fileCluster(cluster)
    return cluster
  }

  private fileCluster(cluster: Cluster): void {
    this.clusters.set(cluster.id, cluster)
    const leaf = this.leaves.get(cluster.key)
    if (leaf) leaf.push(cluster)
    else this.leaves.set(cluster.key, [cluster])
  }

  private describe(cluster: Cluster, prepared: PreparedMessage, isNew: boolean): TemplateMatch {
    const { template, patternHash, parameterPositions } = describeTokens(cluster)
    const parameters = parameterPositions.map((position) => prepared.values[position] ?? '')
    return {
      templateId: cluster.id,
      template,
      parameters,
      patternHash,
      isNew,
    }
  }
}

// Upper-case words (RUNNING, CONTAINER_REMOTE_LAUNCH) name states and event
// types: a message with another one is another event, however many there are.
function isEnumWord(token: string): boolean {
  return ENUM_WORD.test(token)
}

function describeTokens(cluster: Cluster): Description {
  if (cluster.description) return cluster.description

  const template = cluster.tokens.join(' ')
  const parameterPositions: number[] = []
  cluster.tokens.forEach((token, position) => {
    if (isPlaceholder(token)) parameterPositions.push(position)
  })
  cluster.description = { template, patternHash: hashTemplate(template), parameterPositions }
  return cluster.description
}

function coversAll(template: readonly string[], masked: readonly string[]): boolean {
  for (let index = 0; index < template.length; index += 1) {
    if (!coversToken(template[index] ?? '', masked[index] ?? '')) return false
  }
  return true
}
