import { LogplatError } from '../errors.js'

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/

/** Rejects a topic name Kafka would refuse, so both backends accept the same names. */
export function assertTopicName(topic: string): void {
  if (LEGAL_TOPIC.test(topic) && topic !== '.' && topic !== '..') return

  throw new LogplatError(
    'BUS',
    'INVALID_TOPIC',
    `Topic name ${JSON.stringify(topic)} is not valid: use 1 to 249 letters, digits, ` +
      `dots, underscores or hyphens.`,
  )
}
