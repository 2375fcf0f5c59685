// Exchange: says which state partition each row belongs to, so the stateful operator above finds
// its state without hashing again. hashpartitioning(keys, n) places a row where Spark's would
// (pmod(murmur3(keys), n)); SinglePartition puts every row in partition 0. Within one thread the
// rows stay where they are; workers will own partitions.
import type { EvalContext } from "../expr/bound.ts";
import { compileFill } from "../expr/codegen.ts";
import type { Row } from "../plugin/contract.ts";
import type { Partitioning } from "../planner/physical_plan.ts";
import { partitionOf } from "../state/partitioner.ts";
import type { DataType } from "../types/data_type.ts";
import type { BatchContext } from "./batch_context.ts";
import type { Operator, Output } from "./operator.ts";

export class ExchangeExec implements Operator {
  private readonly fillKey?: (row: Row, out: unknown[], ctx?: EvalContext) => void;
  private readonly types: readonly DataType[] = [];
  private readonly scratch: unknown[] = [];
  private readonly n: number;

  constructor(partitioning: Partitioning, private readonly output: Output) {
    if (partitioning.kind === "hash") {
      this.fillKey = compileFill(partitioning.keys);
      this.types = partitioning.keys.map((k) => k.type);
      this.scratch = new Array(partitioning.keys.length);
      this.n = partitioning.numPartitions;
    } else {
      this.n = 1;
    }
  }

  process(rows: Row[], ctx: BatchContext): void {
    if (this.fillKey === undefined || this.n === 1) {
      this.output.process(rows, ctx, 0);
      return;
    }
    const parts: Row[][] = Array.from({ length: this.n }, () => []);
    for (const row of rows) {
      this.fillKey(row, this.scratch, ctx);
      parts[partitionOf(this.scratch, this.types, this.n)]!.push(row);
    }
    for (let p = 0; p < this.n; p++) if (parts[p]!.length > 0) this.output.process(parts[p]!, ctx, p);
  }

  finish(ctx: BatchContext): void {
    this.output.finish(ctx);
  }
}
