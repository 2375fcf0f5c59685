// StreamingQuery: the handle start() returns. The loop itself lives in scheduler/.
import type { QueryDefinition } from "../engine/start_query.ts";
import { SluiceError } from "../errors.ts";
import { platform } from "../platform/mod.ts";
import { timeoutSeconds } from "./arguments.ts";
import type { Plan } from "../plan/plan.ts";
import { explainText, type QueryPlan } from "../planner/mod.ts";
import type { MicroBatchExecution } from "../scheduler/micro_batch_execution.ts";
import { progressToJSON, type StreamingQueryProgress, type StreamingQueryStatus } from "../scheduler/progress.ts";

export class StreamingQuery {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  /** What the query was started from (absent for a query planned in a dry run): startQuery(definition) starts it again. */
  readonly definition: QueryDefinition | undefined;
  private readonly progress: StreamingQueryProgress[] = [];
  private error: Error | null = null;
  private active = true;
  private stopping?: Promise<void>;
  /** Set by stop(); the runner checks it when the loop is created after stop() was called. */
  stopRequested = false;
  /** Resolves when the query has ended, whatever the reason. */
  readonly ended: Promise<void>;
  private resolveEnded!: () => void;
  private readonly progressWaiters = new Set<() => void>();

  constructor(
    init: {
      id: string; runId: string; name: string | null; plan: Plan; maxRecentProgress: number;
      /** The query's plans: those it runs once started, else as it would be planned. */
      plans: () => QueryPlan;
      definition?: QueryDefinition;
      /** Where explain() prints (the session's stdout). */
      print?: (text: string) => void;
    },
    private readonly execution: () => MicroBatchExecution,
    private readonly onEnd: (q: StreamingQuery) => void,
  ) {
    this.id = init.id;
    this.runId = init.runId;
    this.name = init.name;
    this.definition = init.definition;
    this.plan = init.plan;
    this.plans = init.plans;
    this.print = init.print ?? ((text) => platform.writeStdout(text));
    this.maxRecentProgress = init.maxRecentProgress;
    this.ended = new Promise((r) => (this.resolveEnded = r));
  }
  private readonly plan: Plan;
  private readonly plans: () => QueryPlan;
  private readonly print: (text: string) => void;
  private readonly maxRecentProgress: number;

  get isActive(): boolean {
    return this.active;
  }
  get status(): StreamingQueryStatus {
    return { ...this.execution().status };
  }
  /** The most recent progress, in Spark's JSON form; null before the first batch. */
  get lastProgress(): Record<string, unknown> | null {
    const p = this.progress[this.progress.length - 1];
    return p ? progressToJSON(p) : null;
  }
  get recentProgress(): Record<string, unknown>[] {
    return this.progress.map(progressToJSON);
  }
  /** The error that stopped the query, or null. */
  exception(): Error | null {
    return this.error;
  }

  /**
   * Waits for the query to end, as PySpark's awaitTermination(timeout=None): `timeout` in seconds
   * (a number, or `{ timeout: seconds }`). With a timeout, resolves to whether it ended in time.
   * Rejects with the query's error if it failed (Spark's StreamingQueryException).
   */
  async awaitTermination(timeout?: number | { timeout?: number } | null): Promise<boolean> {
    const seconds = timeoutSeconds("awaitTermination", timeout, false);
    if (seconds === undefined) {
      await this.ended;
    } else {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = await Promise.race([
        this.ended.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), Math.floor(seconds * 1000)))),
      ]);
      clearTimeout(timer);
      if (timedOut) return false;
    }
    if (this.error) throw this.error;
    return true;
  }

  /**
   * Waits until every row available in the sources when called has been processed (for tests).
   * Rejects if the query fails or stops first.
   */
  async processAllAvailable(): Promise<void> {
    // As in Spark: done once a trigger started after this call finds no new data.
    const exec = this.execution();
    const mark = exec.triggersStarted;
    while (this.active && this.execution().lastIdleTrigger <= mark) {
      await new Promise<void>((resolve) => {
        this.progressWaiters.add(resolve);
        setTimeout(resolve, 10);
      });
    }
    if (this.error) throw this.error;
  }

  /** Stops the query: the running batch finishes (or is abandoned) and the sources are released. */
  stop(): Promise<void> {
    if (!this.stopping) {
      this.stopRequested = true;
      this.execution().requestStop();
      this.stopping = this.ended;
    }
    return this.stopping;
  }

  /**
   * Prints the plan the query runs, as PySpark's StreamingQuery.explain(extended=False): the
   * physical plan, with `extended` every phase. explainString() gives the text instead.
   */
  explain(extended = false): void {
    this.print(this.explainString(extended) + "\n");
  }
  /** The text explain() prints (Sluice's; Spark's Scala API calls it explainInternal). */
  /**
   * Beyond Spark: the worker threads this query's batches may run on (0: it runs on one thread)
   * and each one's share of the time since they started that it spent running input splits.
   */
  executorWorkers(): { workers: number; utilisation: number[] } {
    return this.execution().executorWorkers();
  }

  explainString(extended = false): string {
    return explainText(this.plans(), extended);
  }

  toString(): string {
    return `<StreamingQuery ${this.name ?? ""} [id = ${this.id}, runId = ${this.runId}]>`;
  }

  // ---- called by the query's runner ----
  recordProgress(p: StreamingQueryProgress): void {
    this.progress.push(p);
    if (this.progress.length > this.maxRecentProgress) this.progress.shift();
    for (const w of this.progressWaiters) w();
    this.progressWaiters.clear();
  }
  finish(error: unknown): void {
    if (error) this.error = asQueryError(error, this);
    this.active = false;
    for (const w of this.progressWaiters) w();
    this.progressWaiters.clear();
    this.onEnd(this);
    this.resolveEnded();
  }
}

/** Wraps a batch failure as Spark's StreamingQueryException, keeping the cause's code. */
function asQueryError(error: unknown, q: StreamingQuery): Error {
  if (error instanceof SluiceError) return error;
  const e = error instanceof Error ? error : new Error(String(error));
  // A plain exception Spark also throws for a query it cannot run (an UnsupportedOperation of its
  // planner) is the user's to fix, not a bug: it says so with `kind: "user"` and a hint.
  const user = (e as { kind?: unknown }).kind === "user";
  return new SluiceError("STREAM_FAILED", `Query ${q.name ?? ""} [id = ${q.id}, runId = ${q.runId}] terminated with exception: ${e.message}`, {
    kind: user ? "user" : "internal", sqlState: "XXKST", cause: e, hint: user ? (e as { hint?: string }).hint : undefined,
  });
}
