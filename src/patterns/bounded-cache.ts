/**
 * A map that holds at most `maxEntries` entries and forgets the oldest one to
 * make room. It grows as it fills, so a short-lived owner pays only for what
 * it stores, and a lookup costs one Map lookup.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>()

  constructor(private readonly maxEntries: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key)
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.maxEntries) this.forgetOldest()
    this.entries.set(key, value)
  }

  private forgetOldest(): void {
    const oldest = this.entries.keys().next()
    if (!oldest.done) this.entries.delete(oldest.value)
  }
}
