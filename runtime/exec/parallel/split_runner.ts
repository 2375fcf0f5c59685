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
import { errorFromWorker, execWorkerEntry, WorkerPool } from "./worker_pool.ts";

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
  private readonly ready: Promise<boolean>;

  private constructor(readonly fragment: PhysicalPlan, private readonly pool: WorkerPool, o: SplitRunnerOptions, recipe: NonNullable<ReturnType<typeof recipeOf>>) {
    this.ready = pool.broadcast({
      type: "prepare", query: this.query, recipe, conf: o.conf, outputMode: o.outputMode, shufflePartitions: o.shufflePartitions,
      fragmentText: physicalTree(fragment),
    }).then(() => true, (e) => {
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
    const entry = execWorkerEntry();
    if (entry === undefined) {
      o.log.info("This binary has no executor worker module (build it with scripts/build.ts): queries run on one thread.");
      return undefined;
    }
    return new SplitRunner(fragment, new WorkerPool(o.workers, entry, o.log), o, recipe);
  }

  get workers(): number {
    return this.pool.size;
  }

  /** Whether the workers have the fragment (false: it could not be set up there; run inline). */
  usable(): Promise<boolean> {
    return this.ready;
  }

  /** The fragment's results for `splits`, in split order, with up to `parallelism` splits in flight. */
  async *run(splits: readonly InputSplit[], batch: BatchFacts, parallelism: number): AsyncGenerator<FragmentResult> {
    const inFlight: Promise<FragmentResult>[] = [];
    let next = 0;
    const launch = () => {
      const split = splits[next++]!;
      const p = this.pool.run({ type: "run", query: this.query, split, batch }).then((r) => {
        if (!r.ok) throw errorFromWorker(r.error);
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

  utilisation(): number[] {
    return this.pool.utilisation();
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
