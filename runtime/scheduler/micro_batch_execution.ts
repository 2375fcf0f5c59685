// The micro-batch loop of one query (Spark's MicroBatchExecution): plan the query once it knows
// the checkpoint's settings, then per trigger ask each source for its latest offset, log the batch
// in offsets/N, stream the batch's rows through the physical plan chunk by chunk into the sink,
// commit the operators' state and the sink, log commits/N, report progress, advance the
// watermark, wait for the trigger.
import { propagatedWatermarks } from "../planner/watermark_propagation.ts";
import type { PhysicalPlan } from "../planner/physical_plan.ts";
import { Checkpoint, type OffsetSeq } from "../checkpoint/checkpoint.ts";
import { checkIntegrity } from "../checkpoint/integrity.ts";
import { stringifyExact } from "../json/exact_json.ts";
import { streamBatchContext } from "../exec/batch_context.ts";
import { buildExecutable, type Executable } from "../exec/executable.ts";
import { planQuery, type QueryPlan } from "../planner/mod.ts";
import { OperatorState } from "../state/operator_state.ts";
import { checkOperatorsMatchMetadata, type DeclaredOperator, resolveOperatorPartitions } from "../state/operator_metadata.ts";
import { checkStateSchema } from "../state/state_schema.ts";
import type { Clock, Logger, Offset, OutputMode, Row, SinkWriter, SourceReader } from "../plugin/contract.ts";
import { openSinkBatch } from "../plugin/sink_output.ts";
import { sourceChunks, sourceRows } from "../plugin/source_input.ts";
import { children, sourcesOf, type Plan } from "../plan/plan.ts";
import { isoTimestamp, type SourceProgress, type StreamingQueryProgress, type StreamingQueryStatus } from "./progress.ts";
import type { SourceFactory } from "./source_factory.ts";
import { isLowLatency, nextBatchTime, type Trigger } from "./trigger.ts";
import type { ExecutorSettings } from "./executor_settings.ts";
import { SplitRunner } from "../exec/parallel/split_runner.ts";
import { batchParallelism } from "../planner/batch_parallelism.ts";
import type { FragmentResult } from "../exec/executable.ts";

export interface ExecutionOptions {
  id: string;
  runId: string;
  name: string | null;
  plan: Plan;
  sink: SinkWriter;
  outputMode: OutputMode;
  trigger: Trigger;
  checkpoint?: Checkpoint;
  clock: Clock;
  log: Logger;
  sources: SourceFactory;
  /** Session conf pinned into offsets/N (Spark pins a few for restarts). */
  pinnedConf: Record<string, string>;
  /** spark.sql.shuffle.partitions: the state partitions of a query's first start (a restart keeps the checkpoint's). */
  shufflePartitions: number;
  /** What a source format accepts pushed into it (filters, columns). */
  pushdownOf(format: string): { readonly columns?: boolean; readonly filters?: boolean } | undefined;
  noDataBatches: boolean;
  watermarkPolicy: "min" | "max";
  pollingDelayMs: number;
  minBatchesToRetain: number;
  /** Deltas between state snapshots (spark.sql.streaming.stateStore.minDeltasForSnapshot). */
  snapshotInterval: number;
  onProgress(p: StreamingQueryProgress): void;
  /** How many completed batches to keep in recentProgress. */
  maxRecentProgress: number;
  /** Worker threads and split sizes; absent: every batch runs on the query's thread. */
  executor?: ExecutorSettings;
  /** The session's whole conf, for the plan built again on worker threads. */
  conf?: Readonly<Record<string, string>>;
}

type SourceNode = Extract<Plan, { kind: "source" }>;

const sameOffset = (a: Offset, b: Offset) => stringifyExact(a) === stringifyExact(b);

/** Batches in a row, each larger and slower than the one before, that make a query "falling behind". */
export const FALLING_BEHIND_BATCHES = 3;
/** At most one falling-behind warning per query in this many milliseconds. */
export const FALLING_BEHIND_WARNING_INTERVAL_MS = 60_000;

/** Whether a streaming plan keeps state (an aggregation, a dedup, a limit over a stream). */
function hasStatefulOperator(p: Plan): boolean {
  if (p.streaming && (p.kind === "aggregate" || p.kind === "dedup" || p.kind === "limit" || p.kind === "flatMapGroupsWithState")) return true;
  return children(p).some(hasStatefulOperator);
}
const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class MicroBatchExecution {
  status: StreamingQueryStatus = { message: "Initializing StreamExecution", isDataAvailable: false, isTriggerActive: false };
  /** Triggers started so far. */
  triggersStarted = 0;
  /** The number (1-based) of the last trigger that found no new data; processAllAvailable() waits on it. */
  lastIdleTrigger = 0;
  /** Id of the batch being (or last) run; -1 before the first. */
  currentBatchId = -1;
  private readonly o: ExecutionOptions;
  private sourceNodes: SourceNode[] = [];
  private staticNodes: SourceNode[] = [];
  /** Rows of each static source, read once when the query starts, keyed by sourceId. */
  private readonly staticRows = new Map<number, Row[]>();
  private readers: SourceReader[] = [];
  /** The query's plans and running operators, made when it starts (the checkpoint decides partitions). */
  plans?: QueryPlan;
  /** The running plan, for the watermarks Spark propagates past stream-stream joins. */
  private physical?: PhysicalPlan;
  private program: Executable = { eventTimeStats: [], statefulOperators: [] } as unknown as Executable;
  /** Runs the query's worker fragment on worker threads (undefined: the query runs on one thread). */
  private splitRunner?: SplitRunner;
  private committed: Offset[] = [];
  private watermarkMs = 0;
  /** The watermark the previous batch ran with: rows at or below it are late for this batch. */
  private prevBatchWatermarkMs = 0;
  private operatorWatermarks: number[] = [];
  private stopRequested = false;
  private readonly abort = new AbortController();
  private lastTriggerStartMs = -1;

  constructor(o: ExecutionOptions) {
    this.o = o;
  }

  /** The worker threads of this query (none when it runs on one thread) and how busy each has been. */
  executorWorkers(): { workers: number; utilisation: number[] } {
    const r = this.splitRunner;
    return r === undefined ? { workers: 0, utilisation: [] } : { workers: r.workers, utilisation: r.utilisation() };
  }

  get watermark(): number {
    return this.watermarkMs;
  }

  /** Asks the loop to end after the batch in progress (if any). */
  requestStop(): void {
    this.stopRequested = true;
    this.abort.abort();
  }

  /** Runs until the trigger says stop or requestStop() is called. Rejects with the batch's error. */
  async run(): Promise<void> {
    try {
      if (this.o.checkpoint) {
        // Before anything is read from or written to the checkpoint.
        const streaming = sourcesOf(this.o.plan).filter((n) => n.streaming).length;
        checkIntegrity(this.o.checkpoint, { stateful: hasStatefulOperator(this.o.plan), sources: streaming });
      }
      this.prepareState();
      this.plan();
      await this.openSources();
      // Worker threads start now, while the first batch is planned, if the source can feed them.
      if (this.sourceNodes.length === 1 && this.readers[0]?.planSplits) this.splitRunner?.warmUp();
      let batchId = this.recover();
      if (this.o.trigger.kind === "availableNow") await this.prepareAvailableNow();
      const pending = this.pendingBatch;
      if (pending) {
        // offsets/N was written but commits/N was not: run the same batch again, identically.
        await this.runBatch(batchId, pending, this.o.clock.nowMs());
        batchId++;
        this.pendingBatch = undefined;
      }
      await this.loop(batchId);
    } finally {
      this.status = { message: "Stopped", isDataAvailable: false, isTriggerActive: false };
      for (const op of this.program.statefulOperators) op.close();
      await Promise.allSettled(this.readers.map((r) => r.stop?.()));
      await this.splitRunner?.close();
    }
  }

  private pendingBatch?: OffsetSeq;
  private shufflePartitions = 0;
  /** The conf pinned into offsets/N: the checkpoint's where it has them, as Spark keeps them. */
  private pinned: Record<string, string> = {};
  private watermarkPolicy: "min" | "max" = "min";

  /**
   * Takes the confs Spark pins from the checkpoint's last offsets/N: the partition count and the
   * watermark policy a restarted query must keep.
   */
  private prepareState(): void {
    const cp = this.o.checkpoint;
    this.pinned = { ...this.o.pinnedConf };
    this.shufflePartitions = this.o.shufflePartitions;
    this.watermarkPolicy = this.o.watermarkPolicy;
    const latest = cp?.offsets.latest();
    if (cp && latest !== undefined) {
      const conf = cp.readOffsets(latest).conf;
      for (const key of ["spark.sql.shuffle.partitions", "spark.sql.streaming.multipleWatermarkPolicy"]) {
        const was = conf[key];
        if (was === undefined || was === this.pinned[key]) continue;
        this.o.log.warn(`Updating the value of conf '${key}' in current session from '${this.pinned[key]}' to '${was}'.`);
        this.pinned[key] = was;
      }
      const partitions = Number(this.pinned["spark.sql.shuffle.partitions"]);
      if (Number.isSafeInteger(partitions) && partitions > 0) this.shufflePartitions = partitions;
      this.watermarkPolicy = this.pinned["spark.sql.streaming.multipleWatermarkPolicy"]?.toLowerCase() === "max" ? "max" : "min";
    }
  }

  /**
   * Plans the query: each stateful operator's partitions come from its metadata in the checkpoint
   * (written now on a first start), and a checkpoint whose state was written by a query with other
   * stateful operators is refused. Then builds the running operators.
   */
  private plan(): void {
    const stateDir = this.o.checkpoint?.stateDir();
    if (stateDir !== undefined && this.firstBatchId() !== 0) {
      // A restart: the query's stateful operators must be those the state was written by (checked
      // before this plan writes metadata for operators the checkpoint does not have).
      const declared: DeclaredOperator[] = [];
      planQuery(this.o.plan, {
        outputMode: this.o.outputMode, shufflePartitions: this.shufflePartitions, pushdownOf: this.o.pushdownOf,
        partitionsOf: (op) => (declared.push(op), this.shufflePartitions),
      });
      checkOperatorsMatchMetadata(stateDir, declared);
    }
    const plans = planQuery(this.o.plan, {
      outputMode: this.o.outputMode,
      shufflePartitions: this.shufflePartitions,
      pushdownOf: this.o.pushdownOf,
      partitionsOf: stateDir === undefined ? undefined
        : (op) => resolveOperatorPartitions(stateDir, op, this.shufflePartitions, (m) => this.o.log.info(m)),
    });
    this.plans = plans;
    const options = { snapshotInterval: this.o.snapshotInterval, retain: this.o.minBatchesToRetain };
    this.physical = plans.physical;
    const ex = this.o.executor;
    this.splitRunner = ex === undefined || isLowLatency(this.o.trigger) ? undefined : SplitRunner.create({
      analyzed: this.o.plan, physical: plans.physical, conf: this.o.conf ?? {}, outputMode: this.o.outputMode,
      shufflePartitions: this.shufflePartitions, workers: ex.workers, log: this.o.log,
    });
    this.program = buildExecutable(plans.physical, (op) => new OperatorState(op.info, op.info.stores, op.info.partitioning, { stateDir, options }), this.splitRunner?.fragment);
    if (stateDir !== undefined) for (const op of this.program.statefulOperators) checkStateSchema(stateDir, op.operatorId, op.stateSchema());
    // Only streaming sources have offsets; a static side (a stream-static join) is read once.
    const all = sourcesOf(plans.optimized);
    this.sourceNodes = all.filter((n) => n.streaming);
    this.staticNodes = all.filter((n) => !n.streaming);
    this.committed = this.sourceNodes.map(() => null);
    this.operatorWatermarks = this.program.eventTimeStats.map(() => 0);
  }

  /** The id of the first batch this run runs: the checkpoint's next one, or its last again if uncommitted. */
  private firstBatchId(): number {
    const cp = this.o.checkpoint;
    const latest = cp?.offsets.latest();
    if (cp === undefined || latest === undefined) return 0;
    return cp.commits.has(latest) ? latest + 1 : latest;
  }

  private async openSources(): Promise<void> {
    const cp = this.o.checkpoint;
    this.readers = [];
    for (const node of this.staticNodes) {
      const reader = await this.o.sources.create(node, false);
      try {
        const end = await reader.latestOffset(null, {});
        this.staticRows.set(node.sourceId, end === null ? [] : await sourceRows(reader, null, end));
      } finally {
        await reader.stop?.();
      }
    }
    for (let i = 0; i < this.sourceNodes.length; i++) {
      this.readers.push(await this.o.sources.create(this.sourceNodes[i]!, true, cp?.sourceDir(i)));
    }
  }

  /** Reads the checkpoint; returns the id of the next batch to plan. */
  private recover(): number {
    const cp = this.o.checkpoint;
    if (!cp) return 0;
    const latest = cp.offsets.latest();
    if (latest === undefined) return 0;
    const seq = cp.readOffsets(latest);
    if (cp.commits.has(latest)) {
      this.committed = this.alignOffsets(seq.offsets);
      this.prevBatchWatermarkMs = seq.batchWatermarkMs;
      this.watermarkMs = cp.readCommit(latest).nextBatchWatermarkMs;
      // Spark decides on a no-data batch from the last batch run by this run; after a restart
      // there is none, so the recovered watermark alone never triggers one.
      this.lastRunWatermarkMs = this.watermarkMs;
      this.operatorWatermarks.fill(this.watermarkMs);
      return latest + 1;
    }
    // The last batch was planned but not committed: it must run again with the same offsets.
    if (latest > 0 && cp.offsets.has(latest - 1)) {
      const prev = cp.readOffsets(latest - 1);
      this.committed = this.alignOffsets(prev.offsets);
      this.prevBatchWatermarkMs = prev.batchWatermarkMs;
    }
    this.watermarkMs = seq.batchWatermarkMs;
    this.operatorWatermarks.fill(this.watermarkMs);
    this.pendingBatch = seq;
    return latest;
  }

  private alignOffsets(offsets: Offset[]): Offset[] {
    return this.sourceNodes.map((_, i) => offsets[i] ?? null);
  }

  private async prepareAvailableNow(): Promise<void> {
    this.availableNowEnd = [];
    for (let i = 0; i < this.readers.length; i++) {
      this.availableNowEnd.push(await this.readers[i]!.prepareForTriggerAvailableNow?.(this.committed[i]!) ?? null);
    }
  }

  /** Where an AvailableNow run stops, per source (null: not known): progress reports it as latestOffset. */
  private availableNowEnd?: Offset[];

  private async loop(firstBatchId: number): Promise<void> {
    let batchId = firstBatchId;
    const t = this.o.trigger;
    while (!this.stopRequested) {
      const triggerStart = this.o.clock.nowMs();
      this.status = { ...this.status, isTriggerActive: true };
      const ran = isLowLatency(t)
        ? await this.runRealTimeBatch(batchId, triggerStart, t.kind === "realTime" ? t.batchDurationMs : t.intervalMs)
        : await this.runTrigger(batchId, triggerStart);
      this.status = { ...this.status, isTriggerActive: false };
      if (ran) batchId++;
      if (t.kind === "once") return;
      if (t.kind === "availableNow" && !ran) return;
      if (this.stopRequested) return;
      // Real-time mode: the next long batch starts at once.
      if (isLowLatency(t)) continue;
      if (t.kind === "processingTime" && t.intervalMs > 0) {
        const elapsed = this.o.clock.nowMs() - triggerStart;
        if (elapsed > t.intervalMs) {
          this.o.log.warn(`Current batch is falling behind. The trigger interval is ${t.intervalMs} milliseconds, but spent ${elapsed} milliseconds`);
        }
        this.status = { ...this.status, message: "Waiting for next trigger" };
        await this.sleepUntil(nextBatchTime(triggerStart, t.intervalMs));
      } else if (!ran) {
        this.status = { ...this.status, message: "Waiting for data to arrive" };
        await this.sleepUntil(this.o.clock.nowMs() + this.o.pollingDelayMs);
      } else {
        await yieldToOthers();
      }
    }
  }

  private async sleepUntil(timeMs: number): Promise<void> {
    const ms = timeMs - this.o.clock.nowMs();
    if (ms <= 0) return yieldToOthers();
    try {
      await this.o.clock.sleep(ms, this.abort.signal);
    } catch {
      // Aborted by stop(): the loop checks stopRequested next.
    }
  }

  /** Plans and runs one batch if there is new data (or state to clean up). Returns whether it ran. */
  private async runTrigger(batchId: number, triggerStart: number): Promise<boolean> {
    const trigger = ++this.triggersStarted;
    this.status = { ...this.status, message: `Getting offsets from ${this.readers.map((r) => r.description).join(", ")}` };
    const t0 = this.o.clock.nowMs();
    const latest: Offset[] = [];
    // Trigger.Once reads everything available, ignoring maxFilesPerTrigger and the like (as Spark).
    const limit = this.o.trigger.kind === "once" ? { maxRows: Infinity, maxFiles: Infinity, maxBytes: Infinity } : {};
    for (let i = 0; i < this.readers.length; i++) latest.push(await this.readers[i]!.latestOffset(this.committed[i]!, limit));
    const latestOffsetMs = this.o.clock.nowMs() - t0;
    const hasNewData = latest.some((o, i) => o !== null && !sameOffset(o, this.committed[i]!));
    this.status = { ...this.status, isDataAvailable: hasNewData };
    const cleanUp = !hasNewData && this.needsNoDataBatch(batchId);
    if (!hasNewData && !cleanUp) {
      this.lastIdleTrigger = trigger;
      return false;
    }
    if (cleanUp) this.status = { ...this.status, message: "No new data but cleaning up state" };
    else this.status = { ...this.status, message: "Writing offsets to log" };
    const offsets = hasNewData ? latest : this.committed;
    const seq: OffsetSeq = { batchWatermarkMs: this.watermarkMs, batchTimestampMs: triggerStart, conf: this.pinned, offsets };
    const t1 = this.o.clock.nowMs();
    this.o.checkpoint?.writeOffsets(batchId, seq);
    const walCommitMs = this.o.clock.nowMs() - t1;
    await this.runBatch(batchId, seq, triggerStart, { latestOffset: latestOffsetMs, walCommit: walCommitMs });
    return true;
  }

  /**
   * One batch of real-time mode (or an epoch of continuous processing): the sources hand over
   * records as they arrive and each chunk goes through the plan into the sink at once, for
   * `durationMs` (or until the query stops). Then, as Spark's real-time mode, the batch's offsets
   * (where the sources got to) are logged in offsets/N, state and sink commit, commits/N follows.
   */
  private async runRealTimeBatch(batchId: number, triggerStart: number, durationMs: number): Promise<boolean> {
    const trigger = ++this.triggersStarted;
    const stop = new AbortController();
    const onStop = () => stop.abort();
    this.abort.signal.addEventListener("abort", onStop);
    if (this.abort.signal.aborted) stop.abort();
    this.o.clock.sleep(durationMs, stop.signal).then(() => stop.abort(), () => {});
    const seq: OffsetSeq = { batchWatermarkMs: this.watermarkMs, batchTimestampMs: triggerStart, conf: this.pinned, offsets: [...this.committed] };
    const realTime = { stop: stop.signal, ends: [...this.committed], rows: 0 };
    try {
      await this.runBatch(batchId, seq, triggerStart, {}, realTime);
    } finally {
      stop.abort();
      this.abort.signal.removeEventListener("abort", onStop);
    }
    // processAllAvailable() is done once a batch started after it read nothing: all that was
    // available before is processed and committed.
    if (realTime.rows === 0) this.lastIdleTrigger = trigger;
    return true;
  }

  /**
   * Spark's no-data batch: the watermark moved since the last batch ran and some operator can evict
   * state with it (so append-mode windows close without waiting for new input).
   */
  private needsNoDataBatch(batchId: number): boolean {
    if (!this.o.noDataBatches || this.o.trigger.kind === "once") return false;
    // Spark asks each stateful operator (shouldRunAnotherBatch): an aggregation evicts in append
    // and update mode only, deduplication in every mode.
    const complete = this.o.outputMode === "complete";
    // A processing-time timeout that is due (only once a batch has left state behind).
    const now = this.o.clock.nowMs();
    if (batchId > 0 && this.program.statefulOperators.some((op) => op.timeoutDue?.(now))) return true;
    if (!this.program.statefulOperators.some((op) => op.hasWatermark && (!complete || op.evictsInCompleteMode === true))) return false;
    return this.watermarkMs > this.lastRunWatermarkMs;
  }

  /** The watermark the most recent batch ran with. */
  private lastRunWatermarkMs = 0;

  private async runBatch(
    batchId: number, seq: OffsetSeq, triggerStart: number, durations: Record<string, number> = {},
    realTime?: { stop: AbortSignal; ends: Offset[]; rows: number },
  ): Promise<void> {
    const clock = this.o.clock;
    this.currentBatchId = batchId;
    if (this.status.message !== "No new data but cleaning up state") this.status = { ...this.status, message: "Processing new data", isDataAvailable: true };
    let end = this.alignOffsets(seq.offsets);
    const start = this.committed;

    // Each source's rows stream through the plan; time spent waiting on sources is getBatch.
    const perSource = this.readers.map(() => 0);
    let getBatchMs = 0;
    const sourceIndex = new Map(this.sourceNodes.map((n, i) => [n.sourceId, i]));
    const readers = this.readers;
    const stream = async (sourceId: number): Promise<Iterable<Row[]> | AsyncIterable<Row[]>> => {
      const i = sourceIndex.get(sourceId)!;
      if (realTime) {
        // Records as they arrive until the batch's time is up; the offset after the last chunk is the batch's end.
        const rt = realTime, reader = readers[i]!, from = start[i]!;
        return (async function* () {
          for await (const chunk of reader.readRealTime!(from, rt.stop)) {
            rt.ends[i] = chunk.end;
            rt.rows += chunk.rows.length;
            if (chunk.rows.length > 0) yield chunk.rows;
          }
        })();
      }
      const s = start[i]!, e = end[i]!;
      if (e === null || sameOffset(s, e)) return [];
      return sourceChunks(readers[i]!, s, e, (ms) => void (getBatchMs += ms));
    };
    const counted = (sourceId: number, rows: number) => void (perSource[sourceIndex.get(sourceId)!]! += rows);

    // A large batch of a source that cuts its input into splits runs its worker fragment on worker threads.
    let offloaded: { sourceId: number; results: AsyncIterable<FragmentResult> } | undefined;
    const runner = this.splitRunner, ex = this.o.executor;
    if (runner && ex && !realTime && this.sourceNodes.length === 1 && readers[0]!.planSplits) {
      const s = start[0]!, e = end[0]!;
      if (e !== null && !sameOffset(s, e)) {
        const t = clock.nowMs();
        const splits = await readers[0]!.planSplits(s, e, ex.sizing);
        getBatchMs += clock.nowMs() - t;
        const n = batchParallelism(splits, runner.workers, ex.minParallelBytes);
        if (n > 1 && await runner.usable()) {
          const facts = {
            batchId, batchTimestampMs: seq.batchTimestampMs, mode: this.o.outputMode,
            lateWatermarkMs: this.prevBatchWatermarkMs, evictionWatermarkMs: seq.batchWatermarkMs,
          };
          offloaded = { sourceId: this.sourceNodes[0]!.sourceId, results: runner.run(splits, facts, n) };
        }
      }
    }

    const tRun = clock.nowMs();
    for (const s of this.program.eventTimeStats) s.reset();
    const sink = await openSinkBatch(this.o.sink, batchId, this.o.outputMode);
    try {
      await this.program.run(streamBatchContext({
        batchId, batchTimestampMs: seq.batchTimestampMs, mode: this.o.outputMode,
        lateWatermarkMs: this.prevBatchWatermarkMs, evictionWatermarkMs: seq.batchWatermarkMs,
        perOperator: this.physical && propagatedWatermarks(this.physical, this.prevBatchWatermarkMs, seq.batchWatermarkMs),
      }), { static: this.staticRows, stream, counted, offloaded }, (rows) => sink.write(rows));
      if (realTime) {
        // Real-time mode logs the batch's offsets once it knows where the sources got to.
        end = this.alignOffsets(realTime.ends);
        const t = clock.nowMs();
        this.o.checkpoint?.writeOffsets(batchId, { ...seq, offsets: end });
        durations.walCommit = clock.nowMs() - t;
      }
      // The state of every operator and partition is written before the sink commits the batch, as
      // Spark's tasks commit their stores; a batch re-run after a crash starts from the version before.
      await Promise.all(this.program.statefulOperators.map((op) => op.commit()));
      await sink.commit();
    } catch (e) {
      await sink.abort().catch(() => {});
      throw e;
    }
    this.prevBatchWatermarkMs = seq.batchWatermarkMs;
    this.lastRunWatermarkMs = seq.batchWatermarkMs;
    const queryPlanningMs = 0;
    const addBatchMs = Math.max(0, clock.nowMs() - tRun - Math.round(getBatchMs));

    const tCommit = clock.nowMs();
    const eventTime = this.eventTimeProgress();
    this.advanceWatermark();
    this.o.checkpoint?.writeCommit(batchId, { nextBatchWatermarkMs: this.watermarkMs });
    for (let i = 0; i < this.readers.length; i++) if (end[i] !== null) await this.readers[i]!.commit?.(end[i]!);
    this.committed = end;
    this.o.checkpoint?.purge(batchId, this.o.minBatchesToRetain);
    const commitMs = clock.nowMs() - tCommit;

    const finished = clock.nowMs();
    const numInput = perSource.reduce((a, b) => a + b, 0);
    const triggerMs = finished - triggerStart;
    // Spark's ProgressReporter counts at least 1 ms of processing, so the rate is always finite.
    const processingSec = Math.max(1, triggerMs) / 1000;
    // Spark 4 (ProgressReporter.constructNewProgress): the first trigger counts as infinitely long
    // after the last one, so its input rate is 0, not NaN.
    const sinceLast = this.lastTriggerStartMs < 0 ? Infinity : (triggerStart - this.lastTriggerStartMs) / 1000;
    this.lastTriggerStartMs = triggerStart;
    this.noteFallingBehind(numInput, triggerMs, sinceLast);
    const sources: SourceProgress[] = this.readers.map((r, i) => ({
      description: r.description,
      startOffset: start[i] ?? null,
      endOffset: end[i] ?? null,
      latestOffset: this.availableNowEnd?.[i] ?? end[i] ?? null,
      numInputRows: perSource[i]!,
      inputRowsPerSecond: perSource[i]! / sinceLast,
      processedRowsPerSecond: perSource[i]! / processingSec,
      metrics: r.metrics?.(end[i]!) ?? {},
    }));
    this.o.onProgress({
      id: this.o.id,
      runId: this.o.runId,
      name: this.o.name,
      timestamp: isoTimestamp(triggerStart),
      batchId,
      batchDuration: triggerMs,
      numInputRows: numInput,
      inputRowsPerSecond: numInput / sinceLast,
      processedRowsPerSecond: numInput / processingSec,
      durationMs: {
        addBatch: addBatchMs, commitOffsets: commitMs, getBatch: Math.round(getBatchMs), latestOffset: durations.latestOffset ?? 0,
        queryPlanning: queryPlanningMs, triggerExecution: triggerMs, walCommit: durations.walCommit ?? 0,
      },
      eventTime,
      stateOperators: this.program.statefulOperators.map((op) => op.progress()),
      sources,
      sink: { description: this.o.sink.description, numOutputRows: sink.rows, metrics: this.o.sink.metrics?.() ?? {} },
      observedMetrics: {},
    });
  }

  /**
   * Beyond Spark: a query whose sources produce rows faster than it processes them (each batch
   * bigger and longer than the one before, FALLING_BEHIND_BATCHES in a row) is told so in a warning,
   * at most once per FALLING_BEHIND_WARNING_INTERVAL_MS. Its batches keep growing, but they flow
   * through in chunks, so its memory does not.
   */
  private noteFallingBehind(rows: number, triggerMs: number, sinceLastSec: number): void {
    const kind = this.o.trigger.kind;
    if (kind === "once" || kind === "availableNow" || isLowLatency(this.o.trigger)) return;
    const inputRate = rows / sinceLastSec, processedRate = rows / (Math.max(1, triggerMs) / 1000);
    const growing = Number.isFinite(inputRate) && rows > this.behind.lastRows && triggerMs > this.behind.lastTriggerMs && processedRate < inputRate;
    this.behind.streak = growing ? this.behind.streak + 1 : 0;
    this.behind.lastRows = rows;
    this.behind.lastTriggerMs = triggerMs;
    const now = this.o.clock.nowMs();
    if (this.behind.streak < FALLING_BEHIND_BATCHES || now - this.behind.warnedAtMs < FALLING_BEHIND_WARNING_INTERVAL_MS) return;
    this.behind.warnedAtMs = now;
    const name = this.o.name === null ? `[id = ${this.o.id}]` : `${this.o.name} [id = ${this.o.id}]`;
    this.o.log.warn(`Query ${name} is falling behind its sources: they produced ${Math.round(inputRate)} rows/s over the last ` +
      `${this.behind.streak} batches and it processed ${Math.round(processedRate)} rows/s, so each batch is larger than the one before ` +
      `(the last held ${rows} rows and took ${triggerMs} ms). Its memory stays bounded (rows flow through in chunks).`);
  }

  private readonly behind = { streak: 0, lastRows: 0, lastTriggerMs: 0, warnedAtMs: -Infinity };

  /** Spark's eventTime progress map: min/max/avg of this batch's event times, and the watermark in force. */
  private eventTimeProgress(): Record<string, string> {
    const stats = this.program.eventTimeStats;
    if (stats.length === 0) return {};
    const result: Record<string, string> = { watermark: isoTimestamp(this.watermarkMs) };
    const seen = stats.filter((s) => s.count > 0);
    if (seen.length === 0) return result;
    const max = Math.max(...seen.map((s) => s.max)), min = Math.min(...seen.map((s) => s.min));
    const sum = seen.reduce((a, s) => a + s.sum, 0), count = seen.reduce((a, s) => a + s.count, 0);
    return {
      avg: isoTimestamp(Math.floor(sum / count / 1000)),
      max: isoTimestamp(Math.floor(max / 1000)),
      min: isoTimestamp(Math.floor(min / 1000)),
      watermark: result.watermark!,
    };
  }

  /** WatermarkTracker: per-operator max(eventTime) - delay, combined by the policy, never moving back. */
  private advanceWatermark(): void {
    const stats = this.program.eventTimeStats;
    if (stats.length === 0) return;
    stats.forEach((s, i) => {
      if (s.count === 0) return;
      const candidate = Math.floor(s.max / 1000) - s.delayMs;
      if (candidate > this.operatorWatermarks[i]!) this.operatorWatermarks[i] = candidate;
    });
    const chosen = this.watermarkPolicy === "max" ? Math.max(...this.operatorWatermarks) : Math.min(...this.operatorWatermarks);
    if (chosen > this.watermarkMs) this.watermarkMs = chosen;
  }
}
