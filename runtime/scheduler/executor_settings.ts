// The settings of a query's executor: how many worker threads (sluice.executor.workers, beyond
// Spark), from what batch size they are used (sluice.executor.minParallelBytes, beyond Spark), and
// how input is cut into splits (Spark's spark.sql.files.maxPartitionBytes, openCostInBytes and
// minPartitionNum).
import { availableParallelism } from "node:os";
import { userError } from "../errors.ts";
import type { SplitSizing } from "../plugin/contract.ts";
import { MIN_PARALLEL_BYTES_DEFAULT } from "../planner/batch_parallelism.ts";

export const WORKERS_KEY = "sluice.executor.workers";
export const MIN_PARALLEL_BYTES_KEY = "sluice.executor.minParallelBytes";

export interface ExecutorSettings {
  /** Worker threads a query may use; 1 runs everything on the query's thread. */
  readonly workers: number;
  readonly minParallelBytes: number;
  readonly sizing: SplitSizing;
}

/** The machine's cores: the default of sluice.executor.workers and of Spark's local[*] parallelism. */
export function availableCores(): number {
  return Math.max(1, availableParallelism());
}

function invalid(key: string, value: string, hint: string) {
  return userError("INVALID_CONF_VALUE", `The value '${value}' in the config "${key}" is invalid.`, { sqlState: "22022", hint });
}

const UNITS: Record<string, number> = { b: 1, k: 2 ** 10, kb: 2 ** 10, m: 2 ** 20, mb: 2 ** 20, g: 2 ** 30, gb: 2 ** 30, t: 2 ** 40, tb: 2 ** 40, p: 2 ** 50, pb: 2 ** 50 };

/** Spark's JavaUtils.byteStringAsBytes: "128MB", "4m", "4194304" (bytes when no unit). */
export function byteStringAsBytes(key: string, text: string): number {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m?.[2]?.toLowerCase() || "b";
  if (!m || UNITS[unit] === undefined) throw invalid(key, text, 'Give a size in bytes, optionally with a unit: "134217728", "128m", "128MB", "1g".');
  return Number(m[1]) * UNITS[unit]!;
}

function positiveInt(key: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw invalid(key, text, `Set ${key} to a whole number of at least 1.`);
  return n;
}

/** The executor settings from a session's conf (`get` returns the value set, else undefined or its default). */
export function executorSettings(get: (key: string) => string | undefined): ExecutorSettings {
  const cores = availableCores();
  const workers = positiveInt(WORKERS_KEY, get(WORKERS_KEY) ?? String(cores));
  const minPartitionNum = get("spark.sql.files.minPartitionNum");
  return {
    workers,
    minParallelBytes: byteStringAsBytes(MIN_PARALLEL_BYTES_KEY, get(MIN_PARALLEL_BYTES_KEY) ?? String(MIN_PARALLEL_BYTES_DEFAULT)),
    sizing: {
      maxPartitionBytes: byteStringAsBytes("spark.sql.files.maxPartitionBytes", get("spark.sql.files.maxPartitionBytes") ?? "128MB"),
      openCostInBytes: byteStringAsBytes("spark.sql.files.openCostInBytes", get("spark.sql.files.openCostInBytes") ?? "4194304"),
      // Spark's default is its default parallelism: the cores of local[*], not the workers, so a
      // batch is cut the same way whatever the number of workers.
      minPartitionNum: minPartitionNum === undefined ? cores : positiveInt("spark.sql.files.minPartitionNum", minPartitionNum),
    },
  };
}
