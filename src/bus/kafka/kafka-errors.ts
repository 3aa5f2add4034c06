import { describeError } from '../../errors.js'

/** Error types Kafka answers with when a commit arrives from a generation a rebalance ended. */
const REBALANCE_TYPES = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'NOT_COORDINATOR_FOR_GROUP',
  'FENCED_INSTANCE_ID',
])

/** kafkajs wraps the broker's error when it gives up retrying; this unwraps it. */
function originalCause(error: unknown): unknown {
  if (!(error instanceof Error) || error.cause === undefined) return error
  return originalCause(error.cause)
}

/**
 * True when kafkajs failed a commit because the group rebalanced: the
 * partition may now belong to another member, which will read it again
 * from the last accepted commit.
 */
export function isRebalanceError(error: unknown): boolean {
  const type = (originalCause(error) as { type?: unknown } | null)?.type
  return typeof type === 'string' && REBALANCE_TYPES.has(type)
}

/** The innermost message of a kafkajs error, which names what the broker said, without a final period. */
export function describeKafkaError(error: unknown): string {
  return describeError(originalCause(error)).replace(/\.$/, '')
}
