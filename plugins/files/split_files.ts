// Cuts a batch's files into the splits worker threads read, as Spark's FilePartition does:
// maxSplitBytes = min(maxPartitionBytes, max(openCostInBytes, bytesPerCore)), files sorted by size
// (largest first) and packed into splits of at most maxSplitBytes, each file counting its size plus
// the cost of opening it. A splitable file (line-delimited, uncompressed) larger than maxSplitBytes
// is first cut into byte ranges of maxSplitBytes, read as Hadoop reads a split of lines.
import type { SplitSizing } from "sluice/plugin-sdk";

export interface SizedFile {
  readonly path: string;
  readonly timestamp: number;
  readonly size: number;
  /** Whether the format can read a byte range of it (FileFormat.splitable). */
  readonly splitable?: boolean;
}

/** A file of a split: whole, or the byte range [start, start + length). */
export interface SplitFile {
  readonly path: string;
  readonly timestamp: number;
  readonly start?: number;
  readonly length?: number;
}

export interface FileSplit {
  readonly [key: string]: unknown;
  readonly bytes: number;
  readonly files: SplitFile[];
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
  // Spark's PartitionedFileUtil.splitFiles: a splitable file in pieces of maxSplitBytes.
  const pieces: { file: SplitFile; size: number }[] = [];
  for (const f of files) {
    if (f.splitable !== true || f.size <= max) {
      pieces.push({ file: { path: f.path, timestamp: f.timestamp }, size: f.size });
      continue;
    }
    const step = Math.max(1, Math.floor(max));
    for (let start = 0; start < f.size; start += step) {
      const length = Math.min(step, f.size - start);
      pieces.push({ file: { path: f.path, timestamp: f.timestamp, start, length }, size: length });
    }
  }
  const sorted = pieces.map((p, i) => ({ p, i })).sort((a, b) => b.p.size - a.p.size || a.i - b.i).map((x) => x.p);
  const out: FileSplit[] = [];
  let current: SplitFile[] = [];
  let size = 0, bytes = 0;
  const close = () => {
    if (current.length > 0) out.push({ bytes, files: current });
    current = [];
    size = 0;
    bytes = 0;
  };
  for (const p of sorted) {
    if (size + p.size > max) close();
    size += p.size + sizing.openCostInBytes;
    bytes += p.size;
    current.push(p.file);
  }
  close();
  return out;
}
