// State kept only in memory, for queries without a checkpoint location: nothing is written, and
// the last `retainInMemory` committed versions before the latest stay loadable through their undo
// logs. `retain` (minBatchesToRetain) is about checkpoint files and does not apply.
import { versionNotRetained } from "./state_errors.ts";
import { checkCount, type Entry, StateMapProvider } from "./state_map_provider.ts";
import type { StateStoreOptions } from "./state_store.ts";

/** Without a checkpoint nothing re-runs an older batch than the last one. */
export const DEFAULT_MEMORY_RETAIN = 1;

export class MemoryStateStoreProvider extends StateMapProvider {
  readonly description = "MemoryStateStoreProvider";

  constructor(options: StateStoreOptions = {}) {
    super(checkCount(options.retainInMemory ?? DEFAULT_MEMORY_RETAIN, "spark.sql.streaming.maxBatchesToRetainInMemory", 0), options);
  }

  protected readVersion(version: number): Map<string, Entry> {
    if (version === 0) return new Map();
    throw versionNotRetained(version, this.description, this.oldestInMemory(), this.newestInMemory());
  }

  protected persist(): void {}

  protected persistAsync(): Promise<void> {
    return Promise.resolve();
  }

  maintenance(): void {}
}
