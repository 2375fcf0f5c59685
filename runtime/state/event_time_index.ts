// The keys of a store ordered by an event time taken from each entry (a window's end, a dedup
// key's timestamp, an expiry time, a timer): buckets of keys per distinct time plus the sorted
// distinct times. Finding what a watermark expires walks only the expired buckets, so eviction
// costs what it removes, not the size of the state.
import { SortedNumbers } from "./sorted_numbers.ts";

/** An entry's event time in microseconds, or null when the entry is not ordered (never evicted by time). */
export type EventTimeOf = (key: readonly unknown[], value: readonly unknown[]) => number | bigint | null;

export class EventTimeIndex {
  private readonly buckets = new Map<number, Set<string>>();
  private readonly times = new SortedNumbers();
  private keys = 0;

  /** Keys in the index. */
  get size(): number {
    return this.keys;
  }

  add(time: number, key: string): void {
    let bucket = this.buckets.get(time);
    if (bucket === undefined) {
      bucket = new Set();
      this.buckets.set(time, bucket);
      this.times.insert(time);
    }
    const before = bucket.size;
    bucket.add(key);
    if (bucket.size !== before) this.keys++;
  }

  delete(time: number, key: string): void {
    const bucket = this.buckets.get(time);
    if (bucket === undefined || !bucket.delete(key)) return;
    this.keys--;
    if (bucket.size === 0) {
      this.buckets.delete(time);
      this.times.remove(time);
    }
  }

  /**
   * The keys with a time in [from, to], in time order (keys of one time in insertion order). A
   * copy: the caller may remove the keys it gets.
   */
  keysBetween(from: number, to: number): string[] {
    const out: string[] = [];
    for (const t of this.times.range(from, to)) for (const k of this.buckets.get(t)!) out.push(k);
    return out;
  }

  /** The smallest time in the index, or undefined when it is empty. */
  minTime(): number | undefined {
    return this.times.min();
  }

  clear(): void {
    this.buckets.clear();
    this.times.clear();
    this.keys = 0;
  }
}

/** An event time as the index orders it: a number of microseconds (a 64-bit bigint is rounded to the nearest double). */
export function indexTime(t: number | bigint | null): number | null {
  if (t === null) return null;
  return typeof t === "bigint" ? Number(t) : t;
}
