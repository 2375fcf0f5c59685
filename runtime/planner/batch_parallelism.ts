// How many worker threads a batch uses (the planner's per-batch rule): a batch whose splits are
// few or small runs inline on the query's thread, where it pays no thread hand-off, so small
// batches keep their latency; a large one is spread over at most one worker per split.

/** Below this many input bytes a batch runs inline (beyond Spark: sluice.executor.minParallelBytes). */
export const MIN_PARALLEL_BYTES_DEFAULT = 8 * 1024 * 1024;

/** The number of worker threads for a batch of `splits`: 1 means inline, on the query's thread. */
export function batchParallelism(splits: readonly { readonly bytes: number }[], workers: number, minParallelBytes: number): number {
  if (workers <= 1 || splits.length < 2) return 1;
  let bytes = 0;
  for (const s of splits) bytes += s.bytes;
  if (bytes < minParallelBytes) return 1;
  return Math.min(workers, splits.length);
}
