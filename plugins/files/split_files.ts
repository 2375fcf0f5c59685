// Cuts a batch's files into the splits worker threads read, as Spark's FilePartition does:
// maxSplitBytes = min(maxPartitionBytes, max(openCostInBytes, bytesPerCore)), files sorted by size
// (largest first) and packed into splits of at most maxSplitBytes, each file counting its size plus
// the cost of opening it. A file is not cut into byte ranges here: a split holds whole files.
import type { SplitSizing } from "sluice/plugin-sdk";

export interface SizedFile {
  readonly path: string;
  readonly timestamp: number;
  readonly size: number;
}

export interface FileSplit {
  readonly [key: string]: unknown;
  readonly bytes: number;
  readonly files: { path: string; timestamp: number }[];
}

/** Spark's FilePartition.maxSplitBytes. */
export function maxSplitBytes(files: readonly SizedFile[], sizing: SplitSizing): number {
  let total = 0;
  for (const f of files) total += f.size + sizing.openCostInBytes;
  const bytesPerCore = total / Math.max(1, sizing.minPartitionNum);
  return Math.min(sizing.maxPartitionBytes, Math.max(sizing.openCostInBytes, bytesPerCore));
}

/** Spark's FilePartition.getFilePartitions over whole files (largest first, stable for equal sizes). */
export function splitFiles(files: readonly SizedFile[], sizing: SplitSizing): FileSplit[] {
  const max = maxSplitBytes(files, sizing);
  const sorted = files.map((f, i) => ({ f, i })).sort((a, b) => b.f.size - a.f.size || a.i - b.i).map((x) => x.f);
  const out: FileSplit[] = [];
  let current: { path: string; timestamp: number }[] = [];
  let size = 0, bytes = 0;
  const close = () => {
    if (current.length > 0) out.push({ bytes, files: current });
    current = [];
    size = 0;
    bytes = 0;
  };
  for (const f of sorted) {
    if (size + f.size > max) close();
    size += f.size + sizing.openCostInBytes;
    bytes += f.size;
    current.push({ path: f.path, timestamp: f.timestamp });
  }
  close();
  return out;
}
