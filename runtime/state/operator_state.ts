// The state of one stateful operator: the stores it declares, each split into the partitions its
// keys are hashed into (Spark's StateStoreId(operator, partition, store)). A batch opens one
// version of every store of every partition, works on them, and commits them all at once.
import type { DataType, StructType } from "../types/data_type.ts";
import type { EventTimeOf } from "./event_time_index.ts";
import { partitionOf } from "./partitioner.ts";
import { DEFAULT_STORE_NAME, storeDir } from "./state_store_id.ts";
import { type StateKey, type StateStore, type StateStoreOptions, StateStoreProvider } from "./state_store.ts";

/** One store an operator keeps (Spark's StateStoreMetadata), declared by the operator. */
export interface StoreSpec {
  readonly name: string;
  readonly keySchema: StructType;
  readonly valueSchema: StructType;
  /** Keys are scanned by their first n columns (Spark's numColsPrefixKey). */
  readonly numColsPrefixKey?: number;
  /** Orders the entries by event time (eviction, timers): see StateStore.evictUpTo. */
  readonly eventTimeOf?: EventTimeOf;
}

/** What the planner gives a stateful operator (Spark's StatefulOperatorStateInfo). */
export interface StateInfo {
  readonly operatorId: number;
  /** Partitions the keys are hashed into, pinned in the checkpoint when the operator first ran. */
  readonly numPartitions: number;
}

/** Where a query keeps state, and the store options from its configuration. */
export interface StateLocation {
  /** <checkpoint>/state; undefined keeps state in memory only. */
  readonly stateDir?: string;
  readonly options: StateStoreOptions;
}

/**
 * How an operator's keys map to partitions: hashed on the types of the key's first columns
 * (the operator's grouping or dedup keys), or all in partition 0 (an operator without keys).
 */
export type StatePartitioning = { readonly kind: "hash"; readonly keyTypes: readonly DataType[] } | { readonly kind: "single" };

export class OperatorState {
  /** providers[s][p]: store s (in `stores` order) of partition p. */
  private readonly providers: StateStoreProvider[][];
  readonly partitions: number;

  constructor(
    readonly info: StateInfo,
    readonly stores: readonly StoreSpec[],
    readonly partitioning: StatePartitioning,
    location: StateLocation,
  ) {
    this.partitions = partitioning.kind === "single" ? 1 : info.numPartitions;
    this.providers = stores.map((spec) => Array.from({ length: this.partitions }, (_, p) => {
      const dir = location.stateDir === undefined ? undefined : storeDir(location.stateDir, { operatorId: info.operatorId, partitionId: p, storeName: spec.name });
      return StateStoreProvider.open(dir, { ...location.options, numColsPrefixKey: spec.numColsPrefixKey, eventTimeOf: spec.eventTimeOf });
    }));
  }

  /** Opens `version` (the batch id) of every store of every partition, for one batch. */
  load(version: number): OperatorBatchState {
    return new OperatorBatchState(this, this.providers.map((ps) => ps.map((p) => p.load(version))), this.providers);
  }

  /** The partition of a key: Spark's hashpartitioning over the key columns. */
  partitionOf(key: StateKey): number {
    return this.partitioning.kind === "single" ? 0 : partitionOf(key, this.partitioning.keyTypes, this.partitions);
  }

  close(): void {
    for (const ps of this.providers) for (const p of ps) p.close();
  }
}

/** Figures over every store and partition of an operator, for progress. */
export interface OperatorStateMetrics {
  numRowsTotal: number;
  memoryUsedBytes: number;
  numStateStoreInstances: number;
  /** The operator's partition count (progress numShufflePartitions; Spark reports it for keyless operators too). */
  numPartitions: number;
}

/** One version of every store of an operator, open for a batch. */
export class OperatorBatchState {
  constructor(
    private readonly owner: OperatorState,
    private readonly open: readonly (readonly StateStore[])[],
    private readonly providers: readonly (readonly StateStoreProvider[])[],
  ) {}

  get partitions(): number {
    return this.owner.partitions;
  }

  partitionOf(key: StateKey): number {
    return this.owner.partitionOf(key);
  }

  /** Store `name` of partition `partition`. */
  store(partition: number, name = DEFAULT_STORE_NAME): StateStore {
    return this.storesNamed(name)[partition]!;
  }

  /** The store `name` of the partition `key` hashes to. */
  storeFor(key: StateKey, name = DEFAULT_STORE_NAME): StateStore {
    return this.storesNamed(name)[this.owner.partitionOf(key)]!;
  }

  /** Store `name` of every partition, by partition id. */
  storesNamed(name = DEFAULT_STORE_NAME): readonly StateStore[] {
    const i = this.owner.stores.findIndex((s) => s.name === name);
    if (i < 0) throw new Error(`operator ${this.owner.info.operatorId} has no state store named ${name}`);
    return this.open[i]!;
  }

  /** Commits every store of every partition (their files written at once), then cleans up old files. */
  async commit(): Promise<void> {
    await Promise.all(this.open.flatMap((stores) => stores.map((s) => s.commitAsync())));
    for (const ps of this.providers) for (const p of ps) p.maintenance();
  }

  abort(): void {
    for (const stores of this.open) for (const s of stores) s.abort();
  }

  metrics(): OperatorStateMetrics {
    let numRowsTotal = 0, memoryUsedBytes = 0, instances = 0;
    for (const stores of this.open) {
      for (const s of stores) {
        const m = s.metrics();
        numRowsTotal += m.numRowsTotal;
        memoryUsedBytes += m.memoryUsedBytes;
        instances++;
      }
    }
    return { numRowsTotal, memoryUsedBytes, numStateStoreInstances: instances, numPartitions: this.owner.info.numPartitions };
  }
}
