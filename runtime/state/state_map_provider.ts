// The in-memory half shared by every provider: one live Map holding the loaded version, changed
// in place by the open store, plus undo logs of the last few committed versions.
//
// Spark's HDFS provider copies the whole map for every batch and caches whole maps per version.
// Here a batch changes the live map directly and records, per key it touches, the entry it had
// before (its undo log). abort() replays the undo log; commit() keeps it as the record of the
// version, so loading the previous version again (a retried batch) replays it instead of reading
// files, and loading the next version (the usual case) costs nothing. A record's redo log (the
// entries after the change) is filled in when it is undone, to move forward again.
//
// The hot path is put(): each entry carries the generation of the store that wrote it, so a put
// knows without a lookup whether the batch already logged the key; the undo log is two arrays.
import { internalError, userError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { EventTimeIndex, type EventTimeOf, indexTime } from "./event_time_index.ts";
import { keyString } from "./key_string.ts";
import { outOfOrder, unexpectedVersion } from "./state_errors.ts";
import type { StateKey, StateStore, StateStoreMetrics, StateStoreOptions, StateStoreProvider, StateValue } from "./state_store.ts";

/** [key, value, generation of the store that wrote it (0: read from files)]. */
export type Entry = readonly [StateKey, StateValue, number];

/** The keys a batch changed, each once, with the entry each had before (undefined: absent). */
export class UndoLog {
  readonly keys: string[] = [];
  readonly before: (Entry | undefined)[] = [];
  get size(): number {
    return this.keys.length;
  }
}

interface VersionRecord {
  /** The version this record leads to, from version - 1. */
  readonly version: number;
  readonly undo: UndoLog;
  /** The entries after the change, by position in undo.keys; filled when the record is undone. */
  redo?: (Entry | undefined)[];
}

export abstract class StateMapProvider implements StateStoreProvider {
  abstract readonly description: string;
  /** @internal The entries of `liveVersion` (plus the open store's changes). */
  live = new Map<string, Entry>();
  protected liveVersion = 0;
  /** Consecutive versions: records[i].version === records[0].version + i. */
  private records: VersionRecord[] = [];
  private current: MapStateStore | undefined;
  private generation = 0;
  /** @internal Keys ordered by event time, when the store was opened with `eventTimeOf`. */
  readonly index?: EventTimeIndex;
  private readonly eventTimeOf?: EventTimeOf;
  /** @internal Keys by their first `prefixColumns` values, when the store was opened with `numColsPrefixKey`. */
  readonly prefixes?: Map<string, Set<string>>;
  readonly prefixColumns: number;
  /** @internal Whether a live change must also update an index. */
  readonly indexed: boolean;

  /** `retainedRecords`: committed versions before the latest kept as undo logs. */
  constructor(private readonly retainedRecords: number, options: StateStoreOptions = {}) {
    this.prefixColumns = options.numColsPrefixKey ?? 0;
    if (!Number.isSafeInteger(this.prefixColumns) || this.prefixColumns < 0) {
      throw internalError(`numColsPrefixKey must be a count of key columns, got ${this.prefixColumns}`);
    }
    if (options.eventTimeOf) {
      this.eventTimeOf = options.eventTimeOf;
      this.index = new EventTimeIndex();
    }
    if (this.prefixColumns > 0) this.prefixes = new Map();
    this.indexed = this.index !== undefined || this.prefixes !== undefined;
  }

  /** The state at `version` when it is not held in memory; throws if it cannot be had. */
  protected abstract readVersion(version: number): Map<string, Entry>;
  /** Makes the open store's changes durable as `version` (the live map already holds them). */
  protected abstract persist(version: number, undo: UndoLog, live: Map<string, Entry>): void;
  /** The same, writing files asynchronously (so the stores of several partitions write at once). */
  protected abstract persistAsync(version: number, undo: UndoLog, live: Map<string, Entry>): Promise<void>;
  abstract maintenance(): void;

  /** @internal Sets (or, with undefined, deletes) live entry `k`, keeping the indexes in step. */
  setEntry(k: string, entry: Entry | undefined): void {
    const live = this.live;
    const prev = live.get(k);
    if (entry === undefined) {
      if (prev === undefined) return;
      live.delete(k);
    } else {
      live.set(k, entry);
    }
    if (!this.indexed) return;
    if (this.index !== undefined) {
      const before = prev === undefined ? null : this.timeOf(prev);
      const after = entry === undefined ? null : this.timeOf(entry);
      if (before !== after) {
        if (before !== null) this.index.delete(before, k);
        if (after !== null) this.index.add(after, k);
      }
    }
    if (this.prefixes !== undefined && (prev === undefined) !== (entry === undefined)) {
      const p = this.prefixOf((entry ?? prev)![0]);
      let keys = this.prefixes.get(p);
      if (entry !== undefined) {
        if (keys === undefined) this.prefixes.set(p, (keys = new Set()));
        keys.add(k);
      } else if (keys !== undefined) {
        keys.delete(k);
        if (keys.size === 0) this.prefixes.delete(p);
      }
    }
  }

  /** @internal The event time an entry is ordered by, or null. */
  timeOf(entry: Entry): number | null {
    return indexTime(this.eventTimeOf!(entry[0], entry[1]));
  }

  /** @internal The prefix string of a key (its first prefixColumns values). */
  prefixOf(key: StateKey): string {
    return keyString(key.length === this.prefixColumns ? key : key.slice(0, this.prefixColumns));
  }

  /** Replaces the live map (a version read from files), rebuilding the indexes. */
  private replaceLive(live: Map<string, Entry>): void {
    this.live = live;
    if (!this.indexed) return;
    this.index?.clear();
    this.prefixes?.clear();
    const entries = [...live];
    live.clear();
    for (const [k, e] of entries) this.setEntry(k, e);
  }

  load(version: number): StateStore {
    if (!Number.isSafeInteger(version) || version < 0) throw unexpectedVersion(version);
    this.current?.release();
    this.current = undefined;
    if (!this.moveTo(version)) {
      this.replaceLive(this.readVersion(version));
      this.liveVersion = version;
      this.records = [];
    }
    this.current = new MapStateStore(this, version, ++this.generation);
    return this.current;
  }

  latestVersion(): number {
    return this.newestInMemory();
  }

  /** The newest version reachable in memory. */
  protected newestInMemory(): number {
    const last = this.records[this.records.length - 1];
    return last ? last.version : this.liveVersion;
  }

  /** The oldest version reachable in memory. */
  protected oldestInMemory(): number {
    const first = this.records[0];
    return first ? first.version - 1 : this.liveVersion;
  }

  /** True when no store has uncommitted changes in the live map. */
  protected isLiveCommitted(): boolean {
    return this.current === undefined || this.current.state !== "open" || this.current.undo.size === 0;
  }

  /** The version the live map holds. */
  protected get loadedVersion(): number {
    return this.liveVersion;
  }

  close(): void {
    this.current?.release();
    this.current = undefined;
    this.replaceLive(new Map());
    this.liveVersion = 0;
    this.records = [];
  }

  /** Moves the live map to `version` along the undo/redo logs; false if they do not reach it. */
  private moveTo(version: number): boolean {
    const oldest = this.oldestInMemory();
    if (version < oldest || version > this.newestInMemory()) return false;
    const live = this.live;
    while (this.liveVersion > version) {
      const record = this.records[this.liveVersion - oldest - 1]!;
      const { keys, before } = record.undo;
      if (record.redo === undefined) record.redo = keys.map((k) => live.get(k));
      for (let i = 0; i < keys.length; i++) this.setEntry(keys[i]!, before[i]);
      this.liveVersion--;
    }
    while (this.liveVersion < version) {
      const record = this.records[this.liveVersion - oldest]!;
      const after = record.redo;
      if (after === undefined) throw internalError(`state version ${record.version} has no redo log`);
      const keys = record.undo.keys;
      for (let i = 0; i < keys.length; i++) this.setEntry(keys[i]!, after[i]);
      this.liveVersion++;
    }
    return true;
  }

  /** @internal */
  commitStore(store: MapStateStore): number {
    this.persist(store.version + 1, store.undo, this.live);
    return this.committed(store);
  }

  /** @internal */
  async commitStoreAsync(store: MapStateStore): Promise<number> {
    await this.persistAsync(store.version + 1, store.undo, this.live);
    return this.committed(store);
  }

  /** Records a store's changes as the next version once they are durable. */
  private committed(store: MapStateStore): number {
    const version = store.version + 1;
    // Versions after the store's base were replaced by this commit (a re-run batch).
    this.records.length = this.records.length === 0 ? 0 : store.version - this.oldestInMemory();
    if (this.retainedRecords > 0) {
      this.records.push({ version, undo: store.undo });
      if (this.records.length > this.retainedRecords) this.records.splice(0, this.records.length - this.retainedRecords);
    } else {
      this.records = [];
    }
    this.liveVersion = version;
    return version;
  }

  /** @internal */
  abortStore(store: MapStateStore): void {
    const { keys, before } = store.undo;
    for (let i = keys.length - 1; i >= 0; i--) this.setEntry(keys[i]!, before[i]);
  }
}

type StoreState = "open" | "committed" | "aborted" | "released" | "committing";

class MapStateStore implements StateStore {
  /** @internal */
  state: StoreState = "open";
  /** @internal Keys changed since load, with their entries before the change. */
  readonly undo = new UndoLog();
  /** Keys this batch removed: a later put of one of them must not log it again. */
  private readonly removed = new Set<string>();
  private readonly live: Map<string, Entry>;
  private puts = 0;
  private removes = 0;
  private commitTimeMs = 0;

  constructor(private readonly provider: StateMapProvider, readonly version: number, private readonly generation: number) {
    this.live = provider.live;
  }

  get size(): number {
    if (this.state === "released") throw this.unusable("size");
    return this.live.size;
  }

  get(key: StateKey): StateValue | undefined {
    if (this.state === "released") throw this.unusable("get");
    const entry = this.live.get(keyString(key));
    return entry === undefined ? undefined : copyRow(entry[1]);
  }

  put(key: StateKey, value: StateValue): void {
    if (this.state !== "open") throw this.unusable("put");
    if (!Array.isArray(key) || !Array.isArray(value)) {
      throw internalError(`StateStore.put takes a key array and a value array, got ${typeof key} and ${value === null ? "null" : typeof value}`);
    }
    const k = keyString(key);
    const live = this.live;
    const prev = live.get(k);
    let entry: Entry;
    if (prev === undefined) {
      if (this.removed.size === 0 || !this.removed.has(k)) this.log(k, undefined);
      entry = [copyRow(key), copyRow(value), this.generation];
    } else {
      if (prev[2] !== this.generation) this.log(k, prev);
      entry = [prev[0], copyRow(value), this.generation];
    }
    if (this.provider.indexed) this.provider.setEntry(k, entry);
    else live.set(k, entry);
    this.puts++;
  }

  remove(key: StateKey): void {
    if (this.state !== "open") throw this.unusable("remove");
    this.removeString(keyString(key));
  }

  private removeString(k: string): Entry | undefined {
    const prev = this.live.get(k);
    if (prev === undefined) return undefined;
    if (prev[2] !== this.generation) this.log(k, prev);
    this.removed.add(k);
    if (this.provider.indexed) this.provider.setEntry(k, undefined);
    else this.live.delete(k);
    this.removes++;
    return prev;
  }

  prefixScan(prefix: StateKey): IterableIterator<readonly [StateKey, StateValue]> {
    if (this.state === "released") throw this.unusable("prefixScan");
    const provider = this.provider;
    if (provider.prefixes === undefined) {
      throw internalError(`prefixScan on ${provider.description}, which was opened without numColsPrefixKey`);
    }
    if (prefix.length !== provider.prefixColumns) {
      throw internalError(`prefixScan takes the first ${provider.prefixColumns} key columns, got ${prefix.length}`);
    }
    const keys = provider.prefixes.get(keyString(prefix));
    return this.entriesOf(keys === undefined ? [] : [...keys]);
  }

  rangeScan(fromUs: number, toUs: number): IterableIterator<readonly [StateKey, StateValue]> {
    if (this.state === "released") throw this.unusable("rangeScan");
    return this.entriesOf(this.orderedIndex("rangeScan").keysBetween(fromUs, toUs));
  }

  evictUpTo(upToUs: number): (readonly [StateKey, StateValue])[] {
    if (this.state !== "open") throw this.unusable("evictUpTo");
    const out: (readonly [StateKey, StateValue])[] = [];
    for (const k of this.orderedIndex("evictUpTo").keysBetween(-Infinity, upToUs)) {
      const prev = this.removeString(k);
      if (prev !== undefined) out.push(prev as unknown as readonly [StateKey, StateValue]);
    }
    return out;
  }

  private orderedIndex(op: string) {
    const index = this.provider.index;
    if (index === undefined) throw internalError(`${op} on ${this.provider.description}, which was opened without eventTimeOf`);
    return index;
  }

  /** The live entries of `keys` (skipping any removed since), as [key, value] pairs. */
  private *entriesOf(keys: readonly string[]): IterableIterator<readonly [StateKey, StateValue]> {
    for (const k of keys) {
      const e = this.live.get(k);
      if (e !== undefined) yield e as unknown as readonly [StateKey, StateValue];
    }
  }

  private log(k: string, before: Entry | undefined): void {
    this.undo.keys.push(k);
    this.undo.before.push(before);
  }

  iterator(): IterableIterator<readonly [StateKey, StateValue]> {
    if (this.state === "released") throw this.unusable("iterator");
    // Entries are [key, value, generation]: they read as [key, value] pairs.
    return this.live.values() as unknown as IterableIterator<readonly [StateKey, StateValue]>;
  }

  commit(): number {
    if (this.state !== "open") throw this.unusable("commit");
    const start = performance.now();
    const version = this.provider.commitStore(this);
    this.state = "committed";
    this.commitTimeMs = performance.now() - start;
    return version;
  }

  async commitAsync(): Promise<number> {
    if (this.state !== "open") throw this.unusable("commit");
    const start = performance.now();
    this.state = "committing";
    let version: number;
    try {
      version = await this.provider.commitStoreAsync(this);
    } catch (e) {
      this.state = "open";
      throw e;
    }
    this.state = "committed";
    this.commitTimeMs = performance.now() - start;
    return version;
  }

  abort(): void {
    // While an asynchronous commit runs, its outcome decides: a failed commit reopens the store.
    if (this.state !== "open") return;
    this.provider.abortStore(this);
    this.state = "aborted";
  }

  /** @internal Called when the provider hands out another store. */
  release(): void {
    this.abort();
    this.state = "released";
  }

  metrics(): StateStoreMetrics {
    return {
      numRowsTotal: this.live.size,
      numRowsUpdated: this.puts,
      numRowsRemoved: this.removes,
      memoryUsedBytes: estimateMemory(this.live),
      commitTimeMs: this.commitTimeMs,
    };
  }

  private unusable(op: string) {
    const why = this.state === "released" ? "another version was loaded since" : `it was ${this.state}`;
    return outOfOrder(`${op} on state store version ${this.version} of ${this.provider.description}, but ${why}`);
  }
}

/**
 * A copy of a row down to its nested arrays and maps, so that the store and its callers never
 * share a mutable array: an operator may update what get() returned in place (an aggregation
 * buffer holding a list) without changing the committed versions the store keeps in memory.
 * Binary values and intervals are immutable in the engine and are shared.
 */
export function copyRow(row: readonly unknown[]): unknown[] {
  const out = row.slice();
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (typeof v === "object" && v !== null) out[i] = copyValue(v);
  }
  return out;
}

function copyValue(v: object): unknown {
  if (Array.isArray(v)) return copyRow(v);
  if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    for (const [k, x] of v) m.set(k, typeof x === "object" && x !== null ? copyValue(x) : x);
    return m;
  }
  return v;
}

const SAMPLE_ROWS = 64;
// Rough per-object costs in a JS engine: a Map entry with its hash slot, an array header.
const MAP_ENTRY_BYTES = 40;
const ARRAY_BYTES = 32;

/** Average size of the first SAMPLE_ROWS entries, times the number of entries. */
function estimateMemory(live: Map<string, Entry>): number {
  if (live.size === 0) return 0;
  let sampled = 0, bytes = 0;
  for (const [k, entry] of live) {
    bytes += MAP_ENTRY_BYTES + 16 + 2 * k.length + ARRAY_BYTES + valueBytes(entry[0]) + valueBytes(entry[1]);
    if (++sampled === SAMPLE_ROWS) break;
  }
  return Math.round((bytes / sampled) * live.size);
}

function valueBytes(v: unknown): number {
  switch (typeof v) {
    case "string":
      return 16 + 2 * v.length;
    case "bigint":
      return 24;
    case "object": {
      if (v === null) return 8;
      if (Array.isArray(v)) {
        let n = ARRAY_BYTES;
        for (const x of v) n += valueBytes(x);
        return n;
      }
      if (v instanceof Uint8Array) return 64 + v.length;
      if (v instanceof Map) {
        let n = 64;
        for (const [k, x] of v) n += MAP_ENTRY_BYTES + valueBytes(k) + valueBytes(x);
        return n;
      }
      if (v instanceof CalendarInterval) return 48;
      return 8;
    }
    default:
      return 8;
  }
}

/** Checks the options shared by the providers, naming Spark's conf for a bad value. */
export function checkCount(value: number, conf: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw userError("INVALID_CONF_VALUE.REQUIREMENT",
      `The value '${value}' in the config "${conf}" is invalid. It must be an integer of at least ${min}.`,
      { sqlState: "22022" });
  }
  return value;
}
