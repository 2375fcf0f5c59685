// The facts of one batch, made by the scheduler (or a batch action) and passed down to every
// operator and into generated code: nothing of a batch lives on the session, so two queries of one
// session, or two sessions in one process, run batches side by side without seeing each other's.
import type { EvalContext } from "../expr/bound.ts";
import type { OutputMode } from "../plugin/contract.ts";

/** One stateful operator's watermarks for a batch (Spark's per-operator eventTimeWatermark*). */
export interface OperatorWatermarks {
  /** Rows with event time at or below this are late and dropped (the previous batch's watermark), ms. */
  readonly lateMs: number;
  /** State with event time at or below this is evicted (this batch's watermark), ms. */
  readonly evictionMs: number;
}

export interface BatchContext extends EvalContext {
  readonly batchId: number;
  /** The batch's timestamp (offsets/N batchTimestampMs), ms since the epoch. */
  readonly batchTimestampMs: number;
  /** False for a batch query (DataFrame actions): operators keep no state. */
  readonly streaming: boolean;
  readonly mode: OutputMode;
  /** The watermarks of stateful operator `operatorId` in this batch. */
  watermarks(operatorId: number): OperatorWatermarks;
}

const NO_WATERMARKS: OperatorWatermarks = { lateMs: 0, evictionMs: 0 };

/** A streaming batch where every operator has the query's watermarks (Spark's single-watermark propagation). */
export function streamBatchContext(o: {
  batchId: number; batchTimestampMs: number; mode: OutputMode; lateWatermarkMs: number; evictionWatermarkMs: number;
  perOperator?: ReadonlyMap<number, OperatorWatermarks>;
}): BatchContext {
  const global: OperatorWatermarks = { lateMs: o.lateWatermarkMs, evictionMs: o.evictionWatermarkMs };
  return {
    batchId: o.batchId, batchTimestampMs: o.batchTimestampMs, batchTimestampMicros: o.batchTimestampMs * 1000, partitionIndex: 0,
    scratch: new Map(), streaming: true, mode: o.mode,
    watermarks: (id) => o.perOperator?.get(id) ?? global,
  };
}

/** The context of a batch query run at `nowMs` (current_timestamp() is then). */
export function batchQueryContext(nowMs: number): BatchContext {
  return {
    batchId: 0, batchTimestampMs: nowMs, batchTimestampMicros: nowMs * 1000, partitionIndex: 0, scratch: new Map(),
    streaming: false, mode: "append", watermarks: () => NO_WATERMARKS,
  };
}
