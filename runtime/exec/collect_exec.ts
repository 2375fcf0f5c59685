// Operators that need all of their input before they can emit anything (Sort, Window, INTERSECT
// / EXCEPT, OFFSET): the chunks are gathered, and the operator runs once every input finished.
import type { Row } from "../plugin/contract.ts";
import type { BatchContext } from "./batch_context.ts";
import { chunksOf } from "./chunks.ts";
import { InputsOpen, NO_PARTITION, type Operator, type Output } from "./operator.ts";

export class CollectExec implements Operator {
  private rows: Row[][];
  private readonly inputs: InputsOpen;

  constructor(private readonly inputCount: number, private readonly run: (inputs: Row[][], ctx: BatchContext) => Row[], private readonly output: Output) {
    this.rows = Array.from({ length: inputCount }, () => []);
    this.inputs = new InputsOpen(inputCount);
  }

  process(rows: Row[], _ctx: BatchContext, input: number): void {
    const into = this.rows[input]!;
    for (const r of rows) into.push(r);
  }

  finish(ctx: BatchContext): void {
    if (!this.inputs.done()) return;
    const all = this.rows;
    this.rows = Array.from({ length: this.inputCount }, () => []);
    for (const chunk of chunksOf(this.run(all, ctx))) this.output.process(chunk, ctx, NO_PARTITION);
    this.output.finish(ctx);
  }
}
