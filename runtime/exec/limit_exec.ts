// A streaming LIMIT in append mode (Spark's StreamingGlobalLimitExec): the number of rows
// already emitted is kept in the state store, so the limit holds across batches and restarts.
import type { Row } from "../plugin/contract.ts";
import type { StatePartitioning, StoreSpec } from "../state/operator_state.ts";
import { DEFAULT_STORE_NAME } from "../state/state_store_id.ts";
import { emptyMetrics, withCommit } from "./aggregate_exec.ts";
import { OperatorStateHandle } from "./operator_state_handle.ts";
import type { BatchContext, StatefulOperator, StateOpener } from "./stateful_operator.ts";
import type { StateSchema } from "../state/state_schema.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import { LONG, StructField, StructType } from "../types/data_type.ts";

export class StreamingLimitExec implements StatefulOperator {
  readonly operatorName = "globalLimit";
  readonly hasWatermark = false;
  private readonly state: OperatorStateHandle;
  private metrics = emptyMetrics("globalLimit");
  readonly stores: readonly StoreSpec[];
  // One count for the whole stream: Spark's StreamingGlobalLimitExec runs in a single partition.
  readonly partitioning: StatePartitioning = { kind: "single" };

  constructor(readonly limit: number, readonly operatorId: number, opener: StateOpener) {
    const schema = this.stateSchema();
    this.stores = [{ name: DEFAULT_STORE_NAME, keySchema: schema.keySchema, valueSchema: schema.valueSchema }];
    this.state = new OperatorStateHandle(this, opener);
  }

  run(rows: readonly Row[], ctx: BatchContext): Row[] {
    if (ctx.mode === "complete") return rows.slice(0, this.limit);
    const store = this.state.load(ctx.batchId).store(0);
    const emitted = (store.get([])?.[0] as number | undefined) ?? 0;
    const out = rows.slice(0, Math.max(0, this.limit - emitted));
    store.put([], [emitted + out.length]);
    this.metrics = { ...emptyMetrics(this.operatorName), numRowsUpdated: 1 };
    return out;
  }

  async commit(): Promise<void> {
    const done = await this.state.commit();
    if (done) this.metrics = withCommit(this.metrics, done);
  }

  stateSchema(): StateSchema {
    return { operatorName: this.operatorName, keySchema: new StructType([]), valueSchema: new StructType([new StructField("count", LONG, false)]) };
  }

  progress(): StateOperatorProgress {
    return this.metrics;
  }

  close(): void {
    this.state.close();
  }
}
