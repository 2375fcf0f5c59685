// UNION ALL: every input's chunks pass straight through; done when all inputs are.
import type { Row } from "../plugin/contract.ts";
import type { BatchContext } from "./batch_context.ts";
import { InputsOpen, type Operator, type Output } from "./operator.ts";

export class UnionExec implements Operator {
  private readonly inputs: InputsOpen;

  constructor(inputs: number, private readonly output: Output) {
    this.inputs = new InputsOpen(inputs);
  }

  process(rows: Row[], ctx: BatchContext, _input: number, partition: number): void {
    this.output.process(rows, ctx, partition);
  }

  finish(ctx: BatchContext): void {
    if (this.inputs.done()) this.output.finish(ctx);
  }
}
