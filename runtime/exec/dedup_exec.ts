// dropDuplicates and dropDuplicatesWithinWatermark (Spark's StreamingDeduplicateExec and
// StreamingDeduplicateWithinWatermarkExec): the first row of each key passes; keys live in the
// state store. Rows behind the previous batch's watermark are dropped as late. dropDuplicates
// evicts keys behind the watermark when the event-time column is one of the keys;
// dropDuplicatesWithinWatermark keeps a key until event time + delay has passed the watermark.
import type { Row } from "../plugin/contract.ts";
import type { Plan } from "../plan/plan.ts";
import { keyString } from "../state/key_string.ts";
import type { StatePartitioning, StoreSpec } from "../state/operator_state.ts";
import { DEFAULT_STORE_NAME } from "../state/state_store_id.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import { emptyMetrics, withCommit } from "./aggregate_exec.ts";
import { OperatorStateHandle } from "./operator_state_handle.ts";
import type { BatchContext, StatefulOperator, StateOpener } from "./stateful_operator.ts";
import type { StateSchema } from "../state/state_schema.ts";
import { LONG, StructField, StructType } from "../types/data_type.ts";

type DedupNode = Extract<Plan, { kind: "dedup" }>;

export class DedupExec implements StatefulOperator {
  readonly operatorName: string;
  private readonly state: OperatorStateHandle;
  private metrics: StateOperatorProgress;
  readonly stores: readonly StoreSpec[];
  readonly partitioning: StatePartitioning;

  constructor(readonly node: DedupNode, readonly operatorId: number, opener: StateOpener) {
    this.operatorName = node.withinWatermark ? "dedupeWithinWatermark" : "dedupe";
    this.metrics = emptyMetrics(this.operatorName);
    const schema = this.stateSchema();
    const et = node.eventTime;
    // The event time a key expires at: its expiry (within watermark) or its event-time key column.
    const keySlot = et?.inKeys ? node.keys.indexOf(et.slot) : -1;
    const eventTimeOf = !this.hasWatermark ? undefined
      : node.withinWatermark ? (_k: readonly unknown[], v: readonly unknown[]) => v[0] as number
      : (k: readonly unknown[]) => k[keySlot] as number | null;
    this.stores = [{ name: DEFAULT_STORE_NAME, keySchema: schema.keySchema, valueSchema: schema.valueSchema, eventTimeOf }];
    this.partitioning = node.keys.length === 0 ? { kind: "single" } : { kind: "hash", keyTypes: schema.keySchema.fields.map((f) => f.dataType) };
    this.state = new OperatorStateHandle(this, opener);
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
    const state = this.state.load(ctx.batchId);
    const et = this.node.eventTime;
    const watermarks = ctx.watermarks(this.operatorId);
    const late = et ? watermarks.lateMs * 1000 : undefined;
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
      const store = state.storeFor(key);
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
      const evict = watermarks.evictionMs * 1000;
      for (const store of state.storesNamed()) removed += store.evictUpTo(evict).length;
    }
    this.metrics = {
      ...emptyMetrics(this.operatorName), numRowsUpdated: updated, allUpdatesTimeMs: Math.round(updateMs),
      numRowsRemoved: removed, allRemovalsTimeMs: Math.round(performance.now() - t1), numRowsDroppedByWatermark: dropped,
    };
    return out;
  }

  async commit(): Promise<void> {
    const done = await this.state.commit();
    if (done) this.metrics = withCommit(this.metrics, done);
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
    this.state.close();
  }
}
