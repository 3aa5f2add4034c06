import { BoundedCache } from './bounded-cache.js'
import { maskToken } from './masking.js'
import { prepareMessage, type PreparedMessage } from './prepare-message.js'

const MAX_CACHED_MESSAGES = 4096
const MAX_CACHED_TOKENS = 16384

/**
 * Prepares messages for one miner and remembers the recent ones and their
 * masked tokens, since logs repeat both and masking is most of a message's
 * cost. Preparing depends on the text alone, so the caches change how fast
 * the miner is, never what it finds.
 */
export class MessagePreparer {
  private readonly messages = new BoundedCache<string, PreparedMessage>(MAX_CACHED_MESSAGES)
  private readonly maskedTokens = new BoundedCache<string, string>(MAX_CACHED_TOKENS)

  /** The message split, masked and folded, from the cache when it was seen lately. */
  prepare(message: string): PreparedMessage {
    const cached = this.messages.get(message)
    if (cached) return cached

    const prepared = prepareMessage(message, this.mask)
    this.messages.set(message, prepared)
    return prepared
  }

  private readonly mask = (token: string): string => {
    const cached = this.maskedTokens.get(token)
    if (cached !== undefined) return cached

    const masked = maskToken(token)
    this.maskedTokens.set(token, masked)
    return masked
  }
}
