// Lookups are counted in windows; a window with fewer hits than this share
// sends the cache to rest, since a miss costs a hash and an insert for nothing.
const WINDOW_LOOKUPS = 256
const MIN_WINDOW_HITS = WINDOW_LOOKUPS / 8
const REST_LOOKUPS = WINDOW_LOOKUPS * 8

/**
 * A map that holds at most `maxEntries` entries and forgets the oldest one to
 * make room. It grows as it fills, so a short-lived owner pays only for what
 * it stores. While it rarely hits (every message unique, say) it rests: it
 * answers nothing and stores nothing for a while, then tries again. Its
 * owners must therefore treat every answer as optional.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>()
  private lookups = 0
  private hits = 0
  private restingLookups = 0

  constructor(private readonly maxEntries: number) {}

  get(key: K): V | undefined {
    if (this.restingLookups > 0) {
      this.restingLookups -= 1
      return undefined
    }

    const value = this.entries.get(key)
    if (value !== undefined) this.hits += 1
    this.lookups += 1
    if (this.lookups === WINDOW_LOOKUPS) this.closeWindow()
    return value
  }

  set(key: K, value: V): void {
    if (this.restingLookups > 0) return
    if (this.entries.size >= this.maxEntries) this.forgetOldest()
    this.entries.set(key, value)
  }

  private closeWindow(): void {
    if (this.hits < MIN_WINDOW_HITS) this.restingLookups = REST_LOOKUPS
    this.lookups = 0
    this.hits = 0
  }

  private forgetOldest(): void {
    const oldest = this.entries.keys().next()
    if (!oldest.done) this.entries.delete(oldest.value)
  }
}
