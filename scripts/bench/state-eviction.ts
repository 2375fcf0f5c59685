// Eviction cost with a large live state: an aggregation's state store (8 partitions) holds 1 M
// live groups spread over 1 000 event times; each batch the watermark passes the oldest time, so
// 1 000 groups expire and 1 000 new ones arrive at a later time (the state stays at 1 M). Two
// sides, each in its own process, alternating: "index" evicts through the store's event-time
// index (what the engine does, OperatorBatchState → evictUpTo); "scan" walks every entry and
// removes the expired ones (what Sluice did before state store v2). Figures: the median time
// one batch's eviction takes, and each side's peak RSS.
// Usage: bun scripts/bench/state-eviction.ts [liveKeys=1000000] [batches=30] [runs=3]
// Last line: one JSON object.
import { OperatorState } from "../../runtime/state/operator_state.ts";
import { LONG, STRING, StructField, StructType } from "../../runtime/types/data_type.ts";
import { alternate, median, medianOf, positional, reportSide, sideArg } from "./harness.ts";

const TIMES = 1000;
const PARTITIONS = 8;
const side = sideArg();

async function runSide(useIndex: boolean, liveKeys: number, batches: number): Promise<never> {
  const perTime = liveKeys / TIMES;
  const keySchema = new StructType([new StructField("t", LONG, false), new StructField("user", STRING, false)]);
  const valueSchema = new StructType([new StructField("sum", LONG, true)]);
  const state = new OperatorState(
    { operatorId: 0, numPartitions: PARTITIONS },
    [{ name: "default", keySchema, valueSchema, eventTimeOf: (k) => k[0] as number }],
    { kind: "hash", keyTypes: [LONG, STRING] },
    { options: {} },
  );
  const put = (b: ReturnType<typeof state.load>, t: number) => {
    for (let u = 0; u < perTime; u++) {
      const key = [t, `user-${u}`];
      b.storeFor(key).put(key, [u]);
    }
  };
  let version = 0;
  const first = state.load(version++);
  for (let t = 0; t < TIMES; t++) put(first, t);
  await first.commit();
  const evictMs: number[] = [];
  let evicted = 0;
  for (let i = 0; i < batches; i++) {
    const b = state.load(version++);
    put(b, TIMES + i);
    const watermark = i; // the oldest live time expires
    const start = performance.now();
    for (const store of b.storesNamed()) {
      if (useIndex) {
        evicted += store.evictUpTo(watermark).length;
      } else {
        for (const [key] of store.iterator()) {
          if ((key[0] as number) <= watermark) {
            store.remove(key);
            evicted++;
          }
        }
      }
    }
    evictMs.push(performance.now() - start);
    if (b.metrics().numRowsTotal !== liveKeys) throw new Error(`expected ${liveKeys} live keys, found ${b.metrics().numRowsTotal}`);
    await b.commit();
  }
  return reportSide({ evictMsMedian: Number(median(evictMs).toFixed(3)), evictedPerBatch: evicted / batches, liveKeys });
}

if (side !== undefined) {
  const [live, batches] = positional().map(Number);
  await runSide(side === "index", live!, batches!);
}

const [liveArg = "1000000", batchesArg = "30", runsArg = "3"] = positional();
const r = alternate(import.meta.path, ["index", "scan"], Number(runsArg), [liveArg, batchesArg]);
const index = medianOf(r.index!, "evictMsMedian"), scan = medianOf(r.scan!, "evictMsMedian");
console.log(JSON.stringify({
  bench: "state-eviction", liveKeys: Number(liveArg), partitions: PARTITIONS, expiredPerBatch: r.index![0]!.evictedPerBatch,
  index_evict_ms: index, scan_evict_ms: scan, speedup: Number((scan / index).toFixed(1)),
  index_peak_rss_mb: medianOf(r.index!, "peakRssMb"), scan_peak_rss_mb: medianOf(r.scan!, "peakRssMb"),
}));
process.exit(0);
