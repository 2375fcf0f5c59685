// The versioned keyed state of one store of one stateful operator partition (Spark's StateStore
// and StateStoreProvider; operator_state.ts puts an operator's partitions and stores together).
// Version V is the state after batch V - 1; version 0 is empty. A batch loads the version it
// starts from, reads and changes keys, and commits the next version.
import type { EventTimeOf } from "./event_time_index.ts";
import { FileStateStoreProvider } from "./file_state_store_provider.ts";
import { MemoryStateStoreProvider } from "./memory_state_store_provider.ts";

/** A key: the grouping values in the engine's value representation (see types/data_type.ts). */
export type StateKey = readonly unknown[];
/** A value: a row of engine values (an aggregation buffer, a dedup marker, a window's rows …). */
export type StateValue = readonly unknown[];

export interface StateStoreMetrics {
  /** Keys in the store. */
  numRowsTotal: number;
  /** put() calls since the version was loaded. */
  numRowsUpdated: number;
  /** remove() calls since the version was loaded that removed a key that was there. */
  numRowsRemoved: number;
  /** An estimate of the memory the keys and values take (from a sample of the rows). */
  memoryUsedBytes: number;
  /** Time the last commit() took (writing the delta and, when due, the snapshot); 0 before it. */
  commitTimeMs: number;
}

/**
 * One version of the state, open for a batch. Reads see the batch's own changes. The store never
 * shares a mutable array with its caller: put() copies the key and value (with nested arrays and
 * maps), and get() returns a copy the caller may change (then put() it back). iterator() is for
 * bulk reads and hands out the store's own arrays: read them, do not change them.
 */
export interface StateStore {
  /** The version this store was loaded at; commit() writes version + 1. */
  readonly version: number;
  readonly size: number;
  get(key: StateKey): StateValue | undefined;
  put(key: StateKey, value: StateValue): void;
  remove(key: StateKey): void;
  /** All [key, value] pairs, read-only. Removing or putting keys while iterating is allowed. */
  iterator(): IterableIterator<readonly [StateKey, StateValue]>;
  /**
   * The pairs whose key starts with `prefix` (the store's numColsPrefixKey first key columns),
   * read-only, like iterator(). Needs the store opened with numColsPrefixKey.
   */
  prefixScan(prefix: StateKey): IterableIterator<readonly [StateKey, StateValue]>;
  /**
   * The pairs whose event time (eventTimeOf) is in [fromUs, toUs], in event-time order, read-only.
   * Costs what it yields. Needs the store opened with eventTimeOf.
   */
  rangeScan(fromUs: number, toUs: number): IterableIterator<readonly [StateKey, StateValue]>;
  /**
   * Removes the pairs whose event time is at or below `upToUs` and returns them in event-time
   * order: the cost follows what expires, not what the store keeps. Needs eventTimeOf.
   */
  evictUpTo(upToUs: number): (readonly [StateKey, StateValue])[];
  /** Makes the changes version + 1 (written to disk by a file-backed store) and returns it. */
  commit(): number;
  /** The same, writing asynchronously: the engine commits every partition's stores at once. */
  commitAsync(): Promise<number>;
  /** Drops the changes since load. */
  abort(): void;
  metrics(): StateStoreMetrics;
}

export interface StateStoreOptions {
  /** Deltas between snapshots (spark.sql.streaming.stateStore.minDeltasForSnapshot; default 10). */
  snapshotInterval?: number;
  /**
   * Versions before the latest whose files are kept (spark.sql.streaming.minBatchesToRetain;
   * default 100): after cleanup, every version from latest - retain to latest can be loaded.
   */
  retain?: number;
  /**
   * Committed versions before the latest kept in memory as undo logs
   * (spark.sql.streaming.maxBatchesToRetainInMemory - 1; default 1): a file-backed store reloads
   * them without reading files (a retried batch), and they are all an in-memory store keeps.
   */
  retainInMemory?: number;
  /** Keys are scanned by their first n columns (Spark's numColsPrefixKey); 0: no prefix scans. */
  numColsPrefixKey?: number;
  /** Orders the entries by an event time, for rangeScan and evictUpTo. */
  eventTimeOf?: EventTimeOf;
}

export interface StateStoreProvider {
  /** A description for messages, e.g. FileStateStoreProvider[dir = …]. */
  readonly description: string;
  /**
   * Opens `version` for a batch. The version the provider holds in memory (the last one
   * committed, or one retained in memory) is handed out without reading files; any other is
   * read from disk: the latest snapshot at or below it, then the deltas after it. Files of newer
   * versions are ignored (a batch that crashed after writing its delta is re-run from the
   * version before). Only one store is open at a time: loading again aborts an open store.
   */
  load(version: number): StateStore;
  /** The newest version committed (or found on disk when opened); 0 when there is none. */
  latestVersion(): number;
  /** Writes a snapshot if one is due and deletes files no retained version needs. */
  maintenance(): void;
  /** Aborts an open store and drops the state held in memory. */
  close(): void;
}

export const StateStoreProvider = {
  /** A provider keeping its files in `dir`, or only in memory when there is no directory. */
  open(dir: string | undefined, options: StateStoreOptions = {}): StateStoreProvider {
    return dir === undefined ? new MemoryStateStoreProvider(options) : FileStateStoreProvider.open(dir, options);
  },
};
