// Runs a streaming query's worker fragment (planner/worker_fragment.ts) on worker threads: the
// fragment is prepared on every worker once (the plan travels as a recipe and each worker checks
// that it plans the same fragment), then each large batch's input splits are read and run by the
// workers, at most one split per worker at a time, and their results handed back in split order,
// so the operators above see the same rows in the same order whatever the number of workers.
import type { Plan } from "../../plan/plan.ts";
import type { InputSplit, Logger, OutputMode } from "../../plugin/contract.ts";
import { physicalTree } from "../../planner/explain.ts";
import type { PhysicalPlan } from "../../planner/physical_plan.ts";
import { workerFragment } from "../../planner/worker_fragment.ts";
import type { FragmentResult } from "../executable.ts";
import type { BatchFacts } from "./messages.ts";
import { recipeOf } from "./plan_recipe.ts";
import { errorFromWorker, sharedWorkerPool, type WorkerPool } from "./worker_pool.ts";

let queries = 0;

export interface SplitRunnerOptions {
  readonly analyzed: Plan;
  readonly physical: PhysicalPlan;
  readonly conf: Readonly<Record<string, string>>;
  readonly outputMode: OutputMode;
  readonly shufflePartitions: number;
  readonly workers: number;
  readonly log: Logger;
}

export class SplitRunner {
  private readonly query = `q${++queries}`;
  private ready?: Promise<boolean>;
  private readonly prepare: () => Promise<boolean>;
  private readonly created = performance.now();
  private readonly busyMs: number[];
  private readonly log: Logger;

  private constructor(readonly fragment: PhysicalPlan, private readonly pool: WorkerPool, readonly workers: number, o: SplitRunnerOptions, recipe: NonNullable<ReturnType<typeof recipeOf>>) {
    this.busyMs = new Array(workers).fill(0);
    this.log = o.log;
    this.prepare = () => pool.broadcast(workers, {
      type: "prepare", query: this.query, recipe, conf: o.conf, outputMode: o.outputMode, shufflePartitions: o.shufflePartitions,
      fragmentText: physicalTree(fragment),
    }, o.log).then(() => true, (e) => {
      o.log.warn(`This query runs on one thread: its plan could not be set up on worker threads (${(e as Error).message.split("\n")[0]}).`);
      return false;
    });
  }

  /** A runner for the query, or undefined when it runs on one thread (one worker, or a plan workers cannot run). */
  static create(o: SplitRunnerOptions): SplitRunner | undefined {
    if (o.workers <= 1) return undefined;
    const fragment = workerFragment(o.physical);
    if (fragment === undefined) return undefined;
    const recipe = recipeOf(o.analyzed);
    if (recipe === undefined) return undefined;
    const pool = sharedWorkerPool();
    if (pool === undefined) {
      o.log.info("This binary has no executor worker module (build it with scripts/build.ts): queries run on one thread.");
      return undefined;
    }
    return new SplitRunner(fragment, pool, o.workers, o, recipe);
  }

  /**
   * Starts the workers and sets the fragment up on them, once (the query calls it when its source
   * can cut batches into splits: a query that never uses workers never starts them).
   */
  warmUp(): void {
    this.ready ??= this.prepare();
  }

  /** Whether the workers have the fragment (false: it could not be set up there; run inline). */
  usable(): Promise<boolean> {
    this.warmUp();
    return this.ready!;
  }

  /** The fragment's results for `splits`, in split order, with up to `parallelism` splits in flight. */
  async *run(splits: readonly InputSplit[], batch: BatchFacts, parallelism: number): AsyncGenerator<FragmentResult> {
    const inFlight: Promise<FragmentResult>[] = [];
    let next = 0;
    const launch = () => {
      const split = splits[next++]!;
      const p = this.pool.run(this.workers, { type: "run", query: this.query, split, batch }, this.log).then(({ reply: r, worker }) => {
        if (!r.ok) throw errorFromWorker(r.error);
        this.busyMs[worker]! += r.busyMs ?? 0;
        return { rows: r.rows!, inputRows: r.inputRows!, stats: r.stats! };
      });
      // A failure is thrown where its split's turn comes; later ones must not go unhandled.
      p.catch(() => {});
      inFlight.push(p);
    };
    while (next < splits.length && inFlight.length < parallelism) launch();
    while (inFlight.length > 0) {
      const r = await inFlight.shift()!;
      if (next < splits.length) launch();
      yield r;
    }
  }

  /** Each worker's share of the time since this query set them up that it spent running the query's splits (0..1). */
  utilisation(): number[] {
    const elapsed = Math.max(1, performance.now() - this.created);
    return this.busyMs.map((ms) => Math.min(1, ms / elapsed));
  }

  /** The workers forget the query (its fragment and source reader). */
  async close(): Promise<void> {
    if (this.ready === undefined || !(await this.ready)) return;
    await this.pool.broadcast(this.workers, { type: "forget", query: this.query }, this.log).catch(() => {});
  }
}
