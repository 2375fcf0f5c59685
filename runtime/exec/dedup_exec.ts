// dropDuplicates and dropDuplicatesWithinWatermark (Spark's StreamingDeduplicateExec and
// StreamingDeduplicateWithinWatermarkExec): the first row of each key passes; keys live in the
// state store. Rows behind the previous batch's watermark are dropped as late. dropDuplicates
// evicts keys behind the watermark when the event-time column is one of the keys;
// dropDuplicatesWithinWatermark keeps a key until event time + delay has passed the watermark.
import type { Row } from "../plugin/contract.ts";
import type { Plan } from "../plan/plan.ts";
import { keyString } from "../state/key_string.ts";
import type { StateStoreProvider } from "../state/state_store.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import { emptyMetrics } from "./aggregate_exec.ts";
import type { BatchContext, StatefulOperator } from "./stateful_operator.ts";
import type { StateSchema } from "../state/state_schema.ts";
import { LONG, StructField, StructType } from "../types/data_type.ts";

type DedupNode = Extract<Plan, { kind: "dedup" }>;

export class DedupExec implements StatefulOperator {
  readonly operatorName: string;
  private provider?: StateStoreProvider;
  private metrics: StateOperatorProgress;

  constructor(readonly node: DedupNode, readonly operatorId: number, private readonly openProvider: (operatorId: number) => StateStoreProvider) {
    this.operatorName = node.withinWatermark ? "dedupeWithinWatermark" : "dedupe";
    this.metrics = emptyMetrics(this.operatorName);
  }

  get hasWatermark(): boolean {
    const et = this.node.eventTime;
    return et !== undefined && (this.node.withinWatermark || et.inKeys);
  }

  private keyOf(row: Row): unknown[] {
    return this.node.keys.map((k) => row[k]);
  }

  runBatch(rows: readonly Row[]): Row[] {
    const seen = new Set<string>();
    const out: Row[] = [];
    for (const row of rows) {
      const k = keyString(this.keyOf(row));
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(row);
    }
    return out;
  }

  runStream(rows: readonly Row[], ctx: BatchContext): Row[] {
    const t0 = performance.now();
    this.provider ??= this.openProvider(this.operatorId);
    const store = this.provider.load(ctx.batchId);
    const et = this.node.eventTime;
    const late = et ? ctx.lateWatermarkMs * 1000 : undefined;
    const out: Row[] = [];
    let dropped = 0, updated = 0;
    for (const row of rows) {
      if (late !== undefined) {
        const t = row[et!.slot] as number | null;
        if (t !== null && t <= late) {
          dropped++;
          continue;
        }
      }
      const key = this.keyOf(row);
      if (store.get(key) !== undefined) continue;
      const value = this.node.withinWatermark ? [(row[et!.slot] as number) + et!.delayMs * 1000] : [];
      store.put(key, value);
      updated++;
      out.push(row);
    }
    const updateMs = performance.now() - t0;
    const t1 = performance.now();
    let removed = 0;
    if (this.hasWatermark) {
      const evict = ctx.evictionWatermarkMs * 1000;
      const keySlot = et!.inKeys ? this.node.keys.indexOf(et!.slot) : -1;
      for (const [key, value] of store.iterator()) {
        const t = this.node.withinWatermark ? (value[0] as number) : (key[keySlot] as number | null);
        if (t !== null && t <= evict) {
          store.remove(key);
          removed++;
        }
      }
    }
    const removeMs = performance.now() - t1;
    const t2 = performance.now();
    store.commit();
    this.provider.maintenance();
    const m = store.metrics();
    this.metrics = {
      ...emptyMetrics(this.operatorName), numRowsTotal: m.numRowsTotal, numRowsUpdated: updated, allUpdatesTimeMs: Math.round(updateMs),
      numRowsRemoved: removed, allRemovalsTimeMs: Math.round(removeMs), commitTimeMs: Math.round(performance.now() - t2),
      memoryUsedBytes: m.memoryUsedBytes, numRowsDroppedByWatermark: dropped,
    };
    return out;
  }

  stateSchema(): StateSchema {
    const input = this.node.input.output;
    return {
      operatorName: this.operatorName,
      keySchema: new StructType(this.node.keys.map((k) => new StructField(input[k]!.name, input[k]!.type, input[k]!.nullable))),
      valueSchema: new StructType(this.node.withinWatermark ? [new StructField("expiresAtMicros", LONG, false)] : []),
    };
  }

  progress(): StateOperatorProgress {
    return this.metrics;
  }

  close(): void {
    this.provider?.close();
  }
}
