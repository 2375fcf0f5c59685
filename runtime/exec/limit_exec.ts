// A streaming LIMIT in append mode (Spark's StreamingGlobalLimitExec): the number of rows
// already emitted is kept in the state store, so the limit holds across batches and restarts.
import type { Row } from "../plugin/contract.ts";
import type { StateStoreProvider } from "../state/state_store.ts";
import type { StateOperatorProgress } from "../scheduler/progress.ts";
import { emptyMetrics } from "./aggregate_exec.ts";
import type { BatchContext, StatefulOperator } from "./stateful_operator.ts";
import type { StateSchema } from "../state/state_schema.ts";
import { LONG, StructField, StructType } from "../types/data_type.ts";

export class StreamingLimitExec implements StatefulOperator {
  readonly operatorName = "globalLimit";
  readonly hasWatermark = false;
  private provider?: StateStoreProvider;
  private metrics = emptyMetrics("globalLimit");

  constructor(readonly limit: number, readonly operatorId: number, private readonly openProvider: (operatorId: number) => StateStoreProvider) {}

  run(rows: readonly Row[], ctx: BatchContext): Row[] {
    if (ctx.mode === "complete") return rows.slice(0, this.limit);
    this.provider ??= this.openProvider(this.operatorId);
    const store = this.provider.load(ctx.batchId);
    const emitted = (store.get([])?.[0] as number | undefined) ?? 0;
    const out = rows.slice(0, Math.max(0, this.limit - emitted));
    store.put([], [emitted + out.length]);
    const t = performance.now();
    store.commit();
    this.provider.maintenance();
    this.metrics = { ...emptyMetrics(this.operatorName), numRowsTotal: 1, numRowsUpdated: 1, commitTimeMs: Math.round(performance.now() - t), memoryUsedBytes: store.metrics().memoryUsedBytes };
    return out;
  }

  stateSchema(): StateSchema {
    return { operatorName: this.operatorName, keySchema: new StructType([]), valueSchema: new StructType([new StructField("count", LONG, false)]) };
  }

  progress(): StateOperatorProgress {
    return this.metrics;
  }

  close(): void {
    this.provider?.close();
  }
}
