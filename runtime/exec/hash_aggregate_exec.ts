// HashAggregate: folds each chunk of rows into one group per key as the chunks arrive, so only
// the groups are held. `partial` (a streaming aggregation's first step, before the exchange) then
// emits one row per group, [key values…, aggregation buffers…], for the stateful operator to
// merge; `complete` (a batch query) emits the results.
import type { BoundAggregate } from "../expr/aggregate_def.ts";
import type { EvalContext } from "../expr/bound.ts";
import { compileFill, compileProjection } from "../expr/codegen.ts";
import type { Plan } from "../plan/plan.ts";
import type { Row } from "../plugin/contract.ts";
import { keyString } from "../state/key_string.ts";
import type { BatchContext } from "./batch_context.ts";
import { CHUNK_MAX_ROWS } from "./chunks.ts";
import { groupKeyOf } from "./group_key.ts";
import { NO_PARTITION, type Operator, type Output } from "./operator.ts";

type AggregateNode = Extract<Plan, { kind: "aggregate" }>;

export interface Group {
  key: unknown[];
  bufs: unknown[][];
}

/** Folds rows into groups by the aggregate's keys; per-row work writes into scratch arrays (the hot path). */
export class GroupFolder {
  private readonly fillKey: (row: Row, out: unknown[], ctx?: EvalContext) => void;
  private readonly fillArgs: ((row: Row, out: unknown[], ctx?: EvalContext) => void)[];
  private readonly keyScratch: unknown[];
  private readonly argScratch: unknown[][];
  private readonly aggs: readonly BoundAggregate[];
  private readonly keyOf: (values: readonly unknown[]) => string;

  constructor(node: AggregateNode) {
    this.aggs = node.aggregates;
    this.keyOf = groupKeyOf(node.groupings.map((g) => g.type));
    this.fillKey = compileFill(node.groupings);
    this.fillArgs = node.aggregates.map((a) => compileFill(a.args));
    this.keyScratch = new Array(node.groupings.length);
    this.argScratch = node.aggregates.map((a) => new Array(a.args.length));
  }

  /** The map key of a group's key values. */
  keyFor(values: readonly unknown[]): string {
    return this.keyOf(values);
  }

  newGroup(key: unknown[]): Group {
    return { key, bufs: this.aggs.map((a) => a.init()) };
  }

  fold(rows: readonly Row[], groups: Map<string, Group>, ctx: EvalContext): void {
    const aggs = this.aggs;
    const keyScratch = this.keyScratch, argScratch = this.argScratch;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      this.fillKey(row, keyScratch, ctx);
      const k = this.keyOf(keyScratch);
      let g = groups.get(k);
      if (g === undefined) {
        g = this.newGroup(keyScratch.slice());
        groups.set(k, g);
      }
      for (let a = 0; a < aggs.length; a++) {
        const args = argScratch[a]!;
        this.fillArgs[a]!(row, args, ctx);
        aggs[a]!.update(g.bufs[a]!, args);
      }
    }
  }
}

/** The final row of a group: its key and each aggregate's result, through the output expressions. */
export class GroupFinisher {
  private readonly finish: (row: unknown[], ctx?: EvalContext) => unknown[];
  constructor(private readonly node: AggregateNode) {
    this.finish = compileProjection(node.results);
  }
  row(g: Group, ctx: EvalContext): Row {
    const aggs = this.node.aggregates;
    const row: unknown[] = [...g.key];
    for (let a = 0; a < aggs.length; a++) row.push(aggs[a]!.evaluate(g.bufs[a]!));
    return this.finish(row, ctx);
  }
}

export class HashAggregateExec implements Operator {
  private readonly folder: GroupFolder;
  private readonly finisher?: GroupFinisher;
  private groups = new Map<string, Group>();
  /** A batch's input partitions (a local relation read in Spark's slices): each folded on its own. */
  private partitions: Map<string, Group>[] = [];

  constructor(private readonly node: AggregateNode, private readonly mode: "partial" | "complete", private readonly output: Output) {
    this.folder = new GroupFolder(node);
    if (mode === "complete") this.finisher = new GroupFinisher(node);
  }

  process(rows: Row[], ctx: BatchContext, _input: number, partition: number): void {
    if (partition === NO_PARTITION || this.mode !== "complete") this.folder.fold(rows, this.groups, ctx);
    else this.folder.fold(rows, this.partitions[partition] ??= new Map(), ctx);
  }

  finish(ctx: BatchContext): void {
    const groups = this.partitions.length === 0 ? this.groups : this.mergedPartitions();
    this.groups = new Map();
    this.partitions = [];
    // A global aggregation has its one group even without rows (count 0), as Spark's.
    if (this.mode === "complete" && groups.size === 0 && this.node.groupings.length === 0) groups.set(keyString([]), this.folder.newGroup([]));
    let chunk: Row[] = [];
    for (const g of groups.values()) {
      chunk.push(this.mode === "partial" ? [...g.key, ...g.bufs] : this.finisher!.row(g, ctx));
      if (chunk.length === CHUNK_MAX_ROWS) {
        this.output.process(chunk, ctx, NO_PARTITION);
        chunk = [];
      }
    }
    if (chunk.length > 0) this.output.process(chunk, ctx, NO_PARTITION);
    this.output.finish(ctx);
  }

  /**
   * Spark's partial aggregation per input partition, then the final one: each key's buffer starts
   * empty and merges the partitions' buffers in partition order (a global aggregation also merges
   * the empty buffer of a partition without rows), so doubles round as in Spark's answer.
   */
  private mergedPartitions(): Map<string, Group> {
    const aggs = this.node.aggregates;
    const global = this.node.groupings.length === 0;
    const merged = new Map<string, Group>();
    if (this.groups.size > 0) this.partitions.unshift(this.groups);
    for (let p = 0; p < this.partitions.length; p++) {
      let part = this.partitions[p];
      if (part === undefined || (global && part.size === 0)) {
        if (!global) continue;
        part = new Map([[this.folder.keyFor([]), this.folder.newGroup([])]]);
      }
      for (const [k, g] of part) {
        let m = merged.get(k);
        if (m === undefined) merged.set(k, (m = this.folder.newGroup(g.key)));
        for (let a = 0; a < aggs.length; a++) aggs[a]!.merge(m.bufs[a]!, g.bufs[a]!);
      }
    }
    return merged;
  }
}
