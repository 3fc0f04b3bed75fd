// A Map with at most `max` entries: setting a new key when full drops the one set longest ago. For
// small in-process memos on hot paths (proxy.ts's catalogue keys, serve.mjs's script hashes), where
// a stream of made-up keys must cost memory no more than the bound.
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (this.entries.has(key)) this.entries.delete(key);
    else if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
