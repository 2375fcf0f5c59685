// UNION ALL: every input's chunks pass straight through; done when all inputs are. In a batch
// query an input's partitions (a local relation read in Spark's slices) follow the partitions of
// the inputs before it, as Spark's UnionRDD concatenates its children's partitions.
import type { Row } from "../plugin/contract.ts";
import type { BatchContext } from "./batch_context.ts";
import { InputsOpen, NO_PARTITION, type Operator, type Output } from "./operator.ts";

export class UnionExec implements Operator {
  private readonly inputs: InputsOpen;
  /** Per input, where its partitions start (batch queries); the first free index after them all. */
  private readonly base = new Map<number, number>();
  private next = 0;

  constructor(inputs: number, private readonly output: Output, private readonly concatPartitions = false) {
    this.inputs = new InputsOpen(inputs);
  }

  process(rows: Row[], ctx: BatchContext, input: number, partition: number): void {
    if (!this.concatPartitions || partition === NO_PARTITION) {
      this.output.process(rows, ctx, partition);
      return;
    }
    let b = this.base.get(input);
    if (b === undefined) this.base.set(input, (b = this.next));
    this.next = Math.max(this.next, b + partition + 1);
    this.output.process(rows, ctx, b + partition);
  }

  finish(ctx: BatchContext): void {
    if (this.inputs.done()) {
      this.base.clear();
      this.next = 0;
      this.output.finish(ctx);
    }
  }
}
