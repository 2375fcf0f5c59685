// The contract of a running physical operator. A batch flows through the operators in chunks:
// each operator gets its inputs' chunks with process(), then finish() when an input has delivered
// everything, and passes its own rows on to its output as it goes. Row-at-a-time operators emit
// while they process; aggregations and sorts emit when their input finishes; stateful operators
// then also evict what the watermark passed (their onWatermark) and have their state committed by
// the scheduler once the batch's output is written. Everything here is synchronous: asynchrony
// (sources, sinks, state files) stays at the edges, in the driver.
import type { Row } from "../plugin/contract.ts";
import type { BatchContext } from "./batch_context.ts";

/** Rows of no state partition (before any exchange). */
export const NO_PARTITION = -1;

/** Where an operator sends its rows: the next operator's input, or the batch's output. */
export interface Output {
  /** A chunk of rows, of state partition `partition` (NO_PARTITION before an exchange). */
  process(rows: Row[], ctx: BatchContext, partition: number): void;
  /** No more rows this batch. */
  finish(ctx: BatchContext): void;
}

export interface Operator {
  /** A chunk of rows from input `input` (0 for an operator with one input). */
  process(rows: Row[], ctx: BatchContext, input: number, partition: number): void;
  /** Input `input` has delivered all its rows for this batch. */
  finish(ctx: BatchContext, input: number): void;
}

/** The output that feeds input `input` of `op`. */
export function inputOf(op: Operator, input = 0): Output {
  return {
    process: (rows, ctx, partition) => op.process(rows, ctx, input, partition),
    finish: (ctx) => op.finish(ctx, input),
  };
}

/** Counts the inputs still delivering rows in a batch: done() is true when the last one finished. */
export class InputsOpen {
  private open: number;
  constructor(private readonly inputs: number) {
    this.open = inputs;
  }
  done(): boolean {
    if (--this.open > 0) return false;
    this.open = this.inputs; // ready for the next batch
    return true;
  }
}
