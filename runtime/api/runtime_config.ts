// spark.conf: string-valued settings with Spark's defaults. Values may be given as numbers or
// booleans, as PySpark allows; they are stored as Spark prints them.

/**
 * Spark's defaults for the settings the engine reads, except spark.sql.shuffle.partitions: Sluice's
 * default is SHUFFLE_PARTITIONS_DEFAULT (Spark's is 200). It is the number of partitions a stateful
 * operator's keys are hashed into, pinned in the checkpoint at the first start; every batch writes
 * one state file per partition, and a partition is the unit a worker owns.
 */
export const SHUFFLE_PARTITIONS_DEFAULT = 8;

export const CONF_DEFAULTS: Readonly<Record<string, string>> = {
  "spark.sql.session.timeZone": Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  "spark.sql.shuffle.partitions": String(SHUFFLE_PARTITIONS_DEFAULT),
  "spark.sql.ansi.enabled": "true",
  "spark.sql.caseSensitive": "false",
  "spark.sql.streaming.noDataMicroBatches.enabled": "true",
  "spark.sql.streaming.multipleWatermarkPolicy": "min",
  "spark.sql.streaming.minBatchesToRetain": "100",
  "spark.sql.streaming.stateStore.minDeltasForSnapshot": "10",
  "spark.sql.streaming.pollingDelay": "10ms",
  "spark.sql.streaming.numRecentProgressUpdates": "100",
  "spark.sql.streaming.fileSink.log.compactInterval": "10",
  "spark.sql.streaming.fileSource.log.compactInterval": "10",
  // Beyond Spark: how long any call into a source or sink plugin may take (plugin/plugin_call.ts).
  "sluice.plugin.callTimeoutMs": "300000",
};

export type ConfValue = string | number | boolean;

export class RuntimeConfig {
  private readonly values = new Map<string, string>();

  constructor(initial: Iterable<[string, string]> = []) {
    for (const [k, v] of initial) this.values.set(k, v);
  }

  /** The value set for `key`, else `defaultValue`, else Spark's default; undefined if none. */
  get(key: string, defaultValue?: ConfValue): string | undefined {
    return this.values.get(key) ?? (defaultValue === undefined ? CONF_DEFAULTS[key] : String(defaultValue));
  }

  set(key: string, value: ConfValue): void {
    this.values.set(key, String(value));
  }

  unset(key: string): void {
    this.values.delete(key);
  }

  isModifiable(_key: string): boolean {
    return true;
  }

  /** Every explicitly set value merged over the defaults. */
  getAll(): Record<string, string> {
    return { ...CONF_DEFAULTS, ...Object.fromEntries(this.values) };
  }

  getBoolean(key: string): boolean {
    return (this.get(key) ?? "false").toLowerCase() === "true";
  }

  getNumber(key: string): number {
    return Number(this.get(key));
  }
}
