// Builds the running operators of a physical plan and drives a batch through them: every scan
// (a plan's leaves) delivers its rows chunk by chunk — static inputs first, so a join's built side
// is ready before a stream probes it — and the output reaches the sink in chunks between source
// chunks. Only state and about one chunk per operator are held, whatever the batch's size.
import { assertNever, type Plan, type SubqueryHolder } from "../plan/plan.ts";
import type { Row } from "../plugin/contract.ts";
import { type PhysicalPlan, physicalChildren } from "../planner/physical_plan.ts";
import { keyString } from "../state/key_string.ts";
import type { BatchContext } from "./batch_context.ts";
import { chunksOf } from "./chunks.ts";
import { CollectExec } from "./collect_exec.ts";
import { DeduplicateExec, StreamingDeduplicateExec } from "./dedup_exec.ts";
import { ExchangeExec } from "./exchange_exec.ts";
import { HashAggregateExec } from "./hash_aggregate_exec.ts";
import { JoinExec } from "./join_exec.ts";
import { FlatMapGroupsWithStateExec, MapGroupsExec } from "./groups_with_state_exec.ts";
import { StreamingSymmetricHashJoinExec } from "./stream_join_exec.ts";
import { GlobalLimitExec, StreamingGlobalLimitExec } from "./limit_exec.ts";
import { inputOf, NO_PARTITION, type Operator, type Output } from "./operator.ts";
import { EventTimeStats, PipelineExec } from "./pipeline_exec.ts";
import { SessionWindowExec, SessionWindowStateStoreSaveExec } from "./session_window_exec.ts";
import { setOpRunner } from "./set_op_exec.ts";
import { sorter } from "./sort_exec.ts";
import { StateStoreSaveExec } from "./state_store_save_exec.ts";
import type { StatefulOperator, StateOpener } from "./stateful_operator.ts";
import { UnionExec } from "./union_exec.ts";
import { windowRunner } from "./window_exec.ts";

export { EventTimeStats } from "./pipeline_exec.ts";

/** What a batch reads: each static source's rows, and each streaming source's chunks for this batch. */
export interface BatchInputs {
  readonly static: ReadonlyMap<number, readonly Row[]>;
  /** A streaming source's chunks: synchronous once a whole-array source was read, asynchronous from a chunked one. */
  stream(sourceId: number): Promise<Iterable<Row[]> | AsyncIterable<Row[]>>;
  /** Told how many rows of a streaming source went in. */
  counted?(sourceId: number, rows: number): void;
  /**
   * The worker fragment's output for this batch, computed on worker threads split by split (in
   * split order): it enters the plan where the fragment's output goes, instead of the source's
   * rows going through the fragment here.
   */
  offloaded?: { readonly sourceId: number; readonly results: AsyncIterable<FragmentResult> };
}

/** What a worker thread made of one input split: the fragment's output rows and its input's figures. */
export interface FragmentResult {
  readonly rows: Row[];
  readonly inputRows: number;
  /** One per withWatermark node inside the fragment, in plan order. */
  readonly stats: readonly { max: number; min: number; sum: number; count: number }[];
}

/** A leaf of the plan: a scan of a source, or rows at hand (local rows, a memory table). */
interface Leaf {
  readonly sourceId?: number;
  readonly streaming: boolean;
  readonly rows?: () => readonly Row[];
  /** Rows read in this many partitions (Spark's parallelize slices), each chunk tagged with its partition. */
  readonly slices?: number;
  readonly out: Output;
}

/** A leaf's given rows into its output: in one piece, or in Spark's ParallelCollectionRDD slices. */
function emitRows(leaf: Leaf, rows: readonly Row[], ctx: BatchContext): void {
  const n = leaf.slices ?? 1;
  if (n <= 1) {
    for (const chunk of chunksOf(rows as Row[])) leaf.out.process(chunk, ctx, NO_PARTITION);
    return;
  }
  for (let i = 0; i < n; i++) {
    const slice = rows.slice(Math.floor((i * rows.length) / n), Math.floor(((i + 1) * rows.length) / n)) as Row[];
    for (const chunk of chunksOf(slice)) leaf.out.process(chunk, ctx, i);
  }
}

export interface Executable {
  /** One entry per withWatermark node, in plan order. */
  readonly eventTimeStats: readonly EventTimeStats[];
  /** The stateful operators, by operator id (their state lives in state/<operatorId>). */
  readonly statefulOperators: readonly StatefulOperator[];
  /** Runs a batch whose inputs are all at hand; returns its rows (batch queries, subqueries). */
  runSync(ctx: BatchContext, inputs: ReadonlyMap<number, readonly Row[]>): Row[];
  /** Runs one batch, handing the output to `write` chunk by chunk (awaited between source chunks). */
  run(ctx: BatchContext, inputs: BatchInputs, write: (rows: Row[]) => void | Promise<void>): Promise<void>;
}

const noState: StateOpener = () => {
  throw new Error("a batch query keeps no state");
};

/** Collects what the plan emits until the driver takes it. */
class Collected implements Output {
  chunks: Row[][] = [];
  finished = false;
  process(rows: Row[]): void {
    if (rows.length > 0) this.chunks.push(rows);
  }
  finish(): void {
    this.finished = true;
  }
  take(): Row[][] {
    const c = this.chunks;
    this.chunks = [];
    return c;
  }
}

interface Building {
  /** The worker fragment's root, and, once built, where its rows go and its watermark nodes' stats. */
  fragmentRoot?: PhysicalPlan;
  fragment?: { out: Output; stats: EventTimeStats[] };
  leaves: Leaf[];
  stats: EventTimeStats[];
  stateful: StatefulOperator[];
  subqueries: { holder: SubqueryHolder; exec: Executable }[];
  openState: StateOpener;
}

/** `fragment`: a subtree (workerFragment) whose output may come from worker threads instead (BatchInputs.offloaded). */
export function buildExecutable(plan: PhysicalPlan, openState: StateOpener = noState, fragment?: PhysicalPlan): Executable {
  const b: Building = { leaves: [], stats: [], stateful: [], subqueries: [], openState, fragmentRoot: fragment };
  const root = new Collected();
  build(plan, root, b);
  b.stateful.sort((x, y) => x.operatorId - y.operatorId);
  // Static leaves first: the built side of a stream-static join is complete before the stream arrives.
  const leaves = [...b.leaves.filter((l) => !l.streaming), ...b.leaves.filter((l) => l.streaming)];

  const startBatch = (ctx: BatchContext, inputs: ReadonlyMap<number, readonly Row[]>) => {
    for (const { holder, exec } of b.subqueries) {
      // Run once per distinct outer values per batch, as batch plans of their own.
      const cache = new Map<string, readonly Row[]>();
      holder.evaluate = (outer) => {
        const k = keyString(outer);
        let rows = cache.get(k);
        if (rows === undefined) {
          rows = exec.runSync({ ...ctx, streaming: false }, inputs);
          cache.set(k, rows);
        }
        return rows;
      };
    }
  };

  return {
    eventTimeStats: b.stats,
    statefulOperators: b.stateful,
    runSync(ctx, inputs) {
      startBatch(ctx, inputs);
      for (const leaf of leaves) {
        emitRows(leaf, leaf.rows ? leaf.rows() : inputs.get(leaf.sourceId!) ?? [], ctx);
        leaf.out.finish(ctx);
      }
      return root.take().flat();
    },
    async run(ctx, inputs, write) {
      startBatch(ctx, inputs.static);
      // The output goes to the sink between input chunks; a sink that writes synchronously costs no await.
      const drain = async () => {
        for (const chunk of root.take()) {
          const r = write(chunk);
          if (r instanceof Promise) await r;
        }
      };
      const take = async (leaf: Leaf, chunk: Row[]) => {
        inputs.counted?.(leaf.sourceId!, chunk.length);
        leaf.out.process(chunk, ctx, NO_PARTITION);
        if (root.chunks.length > 0) await drain();
      };
      for (const leaf of leaves) {
        if (leaf.rows) {
          emitRows(leaf, leaf.rows(), ctx);
        } else if (!leaf.streaming) {
          for (const chunk of chunksOf((inputs.static.get(leaf.sourceId!) ?? []) as Row[])) leaf.out.process(chunk, ctx, NO_PARTITION);
        } else if (inputs.offloaded !== undefined && inputs.offloaded.sourceId === leaf.sourceId && b.fragment !== undefined) {
          // The fragment ran on worker threads: its output goes on from where the fragment ends.
          const frag = b.fragment;
          for await (const r of inputs.offloaded.results) {
            inputs.counted?.(leaf.sourceId!, r.inputRows);
            r.stats.forEach((s, i) => {
              const into = frag.stats[i]!;
              if (s.max > into.max) into.max = s.max;
              if (s.min < into.min) into.min = s.min;
              into.sum += s.sum;
              into.count += s.count;
            });
            for (const chunk of chunksOf(r.rows)) {
              frag.out.process(chunk, ctx, NO_PARTITION);
              if (root.chunks.length > 0) await drain();
            }
          }
          frag.out.finish(ctx);
          await drain();
          continue;
        } else {
          const chunks = await inputs.stream(leaf.sourceId!);
          if (Symbol.asyncIterator in chunks) for await (const chunk of chunks) await take(leaf, chunk);
          else for (const chunk of chunks) await take(leaf, chunk);
        }
        leaf.out.finish(ctx);
        await drain();
      }
    },
  };
}

/** Builds the operators of `p`, sending its rows to `out`. */
function build(p: PhysicalPlan, out: Output, b: Building): void {
  if (p === b.fragmentRoot) {
    const from = b.stats.length;
    b.fragmentRoot = undefined;
    buildNode(p, out, b);
    b.fragment = { out, stats: b.stats.slice(from) };
    return;
  }
  buildNode(p, out, b);
}

function buildNode(p: PhysicalPlan, out: Output, b: Building): void {
  const into = (op: Operator) => physicalChildren(p).forEach((child, i) => build(child, inputOf(op, i), b));
  const stateful = <T extends Operator & StatefulOperator>(op: T) => {
    b.stateful.push(op);
    into(op);
  };
  switch (p.kind) {
    case "scan":
      b.leaves.push({ sourceId: p.node.sourceId, streaming: p.node.streaming, out });
      return;
    case "localScan":
      b.leaves.push({ streaming: false, rows: () => p.node.rows, slices: p.slices, out });
      return;
    case "tableScan":
      b.leaves.push({ streaming: false, rows: () => p.node.rowsOf(), out });
      return;
    case "pipeline":
      return build(p.input, inputOf(new PipelineExec(p.ops, width(p.input), b.stats, out)), b);
    case "project":
    case "filter":
    case "generate":
    case "eventTimeWatermark":
      // Not collapsed into a pipeline (the rule was not run): a pipeline of one.
      return build(p.input, inputOf(new PipelineExec([p.node], width(p.input), b.stats, out)), b);
    case "hashAggregate":
      return into(p.node.session && p.mode === "complete" ? new SessionWindowExec(p.node, out) : new HashAggregateExec(p.node, p.mode, out));
    case "exchange":
      return into(new ExchangeExec(p.partitioning, out));
    case "stateStoreSave":
      return stateful(new StateStoreSaveExec(p.node, p.state, p.partialInput, b.openState, out));
    case "sessionWindowStateStoreSave":
      return stateful(new SessionWindowStateStoreSaveExec(p.node, p.state, b.openState, out));
    case "streamingDeduplicate":
      return stateful(new StreamingDeduplicateExec(p.node, p.state, b.openState, out));
    case "streamingGlobalLimit":
      return stateful(new StreamingGlobalLimitExec(p.limit, p.state, b.openState, out));
    case "flatMapGroupsWithState":
      return stateful(new FlatMapGroupsWithStateExec(p.node, p.state, b.openState, out));
    case "mapGroups":
      return into(new MapGroupsExec(p.node, out));
    case "deduplicate":
      return into(new DeduplicateExec(p.node, out));
    case "globalLimit":
      return into(new GlobalLimitExec(p.limit, out));
    case "sort": {
      const sort = sorter(p.node.orders);
      return into(new CollectExec(1, ([rows], ctx) => sort(rows!, ctx), out));
    }
    case "union":
      return into(new UnionExec(p.inputs.length, out, !p.node.streaming));
    case "join":
      return into(new JoinExec(p.node, out));
    case "streamingSymmetricHashJoin":
      return stateful(new StreamingSymmetricHashJoinExec(p.node, p.state, p.predicates, b.openState, out));
    case "window": {
      const run = windowRunner(p.node);
      return into(new CollectExec(1, ([rows], ctx) => run(rows!, ctx), out));
    }
    case "offset":
      return into(new CollectExec(1, ([rows]) => rows!.slice(p.offset), out));
    case "setOp": {
      const run = setOpRunner(p.node.op, p.node.all);
      return into(new CollectExec(2, ([l, r]) => run(l!, r!), out));
    }
    case "subqueries": {
      p.node.subqueries.forEach((holder, i) => b.subqueries.push({ holder, exec: buildExecutable(p.plans[i]!) }));
      return build(p.input, out, b);
    }
    default:
      return assertNever(p);
  }
}

/** The width of the rows a physical node produces. */
function width(p: PhysicalPlan): number {
  return outputOf(p).length;
}

function outputOf(p: PhysicalPlan): Plan["output"] {
  switch (p.kind) {
    case "scan":
    case "localScan":
    case "tableScan":
    case "project":
    case "filter":
    case "generate":
    case "eventTimeWatermark":
    case "sort":
    case "union":
    case "join":
    case "streamingSymmetricHashJoin":
    case "window":
    case "setOp":
    case "deduplicate":
    case "streamingDeduplicate":
    case "subqueries":
      return p.node.output;
    case "pipeline":
      return p.ops[p.ops.length - 1]!.output;
    case "hashAggregate":
      // A partial aggregate's rows are [keys…, buffers…]; nothing reads them by column.
      return p.node.output;
    case "stateStoreSave":
    case "sessionWindowStateStoreSave":
    case "flatMapGroupsWithState":
    case "mapGroups":
      return p.node.output;
    case "exchange":
    case "globalLimit":
    case "streamingGlobalLimit":
    case "offset":
      return outputOf(p.input);
    default:
      return assertNever(p);
  }
}
