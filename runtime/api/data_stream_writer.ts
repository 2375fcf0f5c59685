// df.writeStream: sink, output mode, trigger, checkpoint; start() checks everything Spark checks
// before any data is read, then runs the query's loop in the background.
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { Checkpoint } from "../checkpoint/checkpoint.ts";
import { userError } from "../errors.ts";
import { checkStreamingPlan } from "../plan/check_streaming.ts";
import type { OutputMode, Row as InternalRow, SinkWriter } from "../plugin/contract.ts";
import { validateOptions } from "../plugin/validate_options.ts";
import { checkOutputMode } from "../plugin/output_mode.ts";
import { noteQueryProgress, trackQuery } from "./query_tracker.ts";
import { isDryRun, planInsteadOfStart } from "./dry_run.ts";
import { sourcesOf } from "../plan/plan.ts";
import { planQuery } from "../planner/mod.ts";
import { MicroBatchExecution } from "../scheduler/micro_batch_execution.ts";
import { checkCount } from "../state/state_map_provider.ts";
import { isoTimestamp } from "../scheduler/progress.ts";
import { DEFAULT_TRIGGER, parseTrigger, type Trigger, type TriggerSpec } from "../scheduler/trigger.ts";
import { foreachBatchSink, foreachSink, type ForeachWriter } from "../plugin/builtins.ts";
import type { DataFrame } from "./data_frame.ts";
import type { OptionValue } from "./data_stream_reader.ts";
import type { Row } from "./row.ts";
import { StreamingQuery } from "./streaming_query.ts";

const MODES = ["append", "update", "complete"] as const;

export class DataStreamWriter {
  private formatName?: string;
  private mode: string = "append";
  private readonly opts: Record<string, string> = {};
  private name: string | null = null;
  private triggerValue: Trigger = DEFAULT_TRIGGER;
  private batchFn?: (df: DataFrame, batchId: number) => unknown;
  private rowWriter?: ForeachWriter | ((row: Row) => void | Promise<void>);
  private partitionCols: string[] = [];

  constructor(private readonly df: DataFrame) {}

  format(source: string): this {
    this.formatName = source;
    return this;
  }
  /** "append" (default), "update" or "complete", case-insensitive. */
  outputMode(mode: string): this {
    this.mode = mode;
    return this;
  }
  option(key: string, value: OptionValue | null): this {
    if (value === null || value === undefined) delete this.opts[key];
    else this.opts[key] = String(value);
    return this;
  }
  options(opts: Record<string, OptionValue | null>): this {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this;
  }
  queryName(name: string): this {
    this.name = name;
    return this;
  }
  trigger(spec: TriggerSpec): this {
    this.triggerValue = parseTrigger(spec);
    return this;
  }
  partitionBy(...cols: string[]): this {
    this.partitionCols = cols.flat();
    return this;
  }
  foreachBatch(fn: (df: DataFrame, batchId: number) => unknown): this {
    this.batchFn = fn;
    this.formatName = "foreachBatch";
    return this;
  }
  foreach(writer: ForeachWriter | ((row: Row) => void | Promise<void>)): this {
    this.rowWriter = writer;
    this.formatName = "foreach";
    return this;
  }

  /** Starts the query. Throws at once (before reading any data) if the query cannot run. */
  start(path?: string): StreamingQuery {
    const session = this.df.sparkSession;
    const plan = this.df.plan;
    if (path !== undefined) this.opts.path = path;
    if (this.partitionCols.length) this.opts.partitionBy = JSON.stringify(this.partitionCols);

    const mode = this.mode.toLowerCase() as OutputMode;
    if (!MODES.includes(mode)) {
      throw userError("STREAMING_OUTPUT_MODE.INVALID", `Invalid streaming output mode: ${this.mode}. Accepted output modes are 'Append', 'Complete', 'Update'.`, { sqlState: "42KDE" });
    }
    checkStreamingPlan(plan, mode);

    const schema = this.df.schema;
    const format = this.formatName ?? session.conf.get("spark.sql.sources.default") ?? "parquet";
    const isCallback = format === "foreachBatch" || format === "foreach";
    const def = isCallback ? undefined : session.plugins.registry.sink(format);
    const validated = def ? validateOptions(def, this.opts, { engineOptions: ["path", "checkpointLocation", "partitionBy"] }) : {};
    if (def) checkOutputMode(def, mode);
    const checkpointDir = this.checkpointLocation(def?.requiresCheckpoint ?? false);
    const shufflePartitions = checkCount(session.conf.getNumber("spark.sql.shuffle.partitions"), "spark.sql.shuffle.partitions", 1);
    // `sluice explain` / `sluice validate`: every check above ran; record the plan, touch nothing.
    if (isDryRun()) {
      const plans = () => planQuery(plan, { ...session.planningContext(), outputMode: mode });
      return planInsteadOfStart(session, { name: this.name, plan, plans, sink: format, outputMode: mode, trigger: this.triggerValue, checkpointLocation: checkpointDir });
    }
    const checkpoint = checkpointDir ? new Checkpoint(checkpointDir) : undefined;
    const runId = randomUUID();
    const id = checkpoint ? checkpoint.queryId(randomUUID()) : randomUUID();
    session.streams.checkNameFree(this.name, id);

    let sinkPromise: SinkWriter | Promise<SinkWriter>;
    if (format === "foreachBatch") {
      sinkPromise = foreachBatchSink(this.batchFn!, (rows: InternalRow[]) => session.createDataFrame(rows, schema));
    } else if (format === "foreach") {
      sinkPromise = foreachSink(this.rowWriter!, schema);
    } else {
      sinkPromise = def!.create(validated, {
        schema, queryId: id, queryName: this.name ?? undefined, metadataDir: checkpointDir ? join(checkpointDir, "sink") : undefined,
        clock: session.clock, log: session.log, conf: (k) => session.conf.get(k), stdout: (t) => session.stdout(t), session,
      });
    }

    const conf = session.conf;
    let execution!: MicroBatchExecution;
    const query = new StreamingQuery(
      {
        id, runId, name: this.name, plan, maxRecentProgress: conf.getNumber("spark.sql.streaming.numRecentProgressUpdates"),
        plans: () => execution.plans ?? planQuery(plan, { ...session.planningContext(), outputMode: mode }),
      },
      () => execution,
      (q) => session.streams.ended(q),
    );
    const startSink = async () => {
      const sink = await sinkPromise;
      execution = new MicroBatchExecution({
        id, runId, name: this.name, plan, sink, outputMode: mode, trigger: this.triggerValue, checkpoint,
        clock: session.clock, log: session.log, sources: session.sourceFactory,
        pinnedConf: pinnedConf(conf.getAll()),
        shufflePartitions,
        pushdownOf: session.planningContext().pushdownOf,
        noDataBatches: conf.getBoolean("spark.sql.streaming.noDataMicroBatches.enabled"),
        watermarkPolicy: (conf.get("spark.sql.streaming.multipleWatermarkPolicy") ?? "min").toLowerCase() === "max" ? "max" : "min",
        pollingDelayMs: 10,
        minBatchesToRetain: conf.getNumber("spark.sql.streaming.minBatchesToRetain"),
        snapshotInterval: conf.getNumber("spark.sql.streaming.stateStore.minDeltasForSnapshot"),
        maxRecentProgress: conf.getNumber("spark.sql.streaming.numRecentProgressUpdates"),
        onProgress: (p) => {
          query.recordProgress(p);
          session.streams.progressMade(p);
          noteQueryProgress(query, p);
        },
      });
      if (query.stopRequested) execution.requestStop();
      try {
        await execution.run();
      } finally {
        await sink.stop?.();
      }
    };
    // The execution exists before start() returns, so status and stop() work at once.
    execution = notStartedExecution();
    session.streams.register(query, isoTimestamp(session.clock.nowMs()));
    // A restart (admin API) starts the same definition again: this writer's settings as they are now.
    const definition = this.copy(checkpointDir);
    trackQuery(query, {
      sources: sourcesOf(plan).map((n) => n.source.format), sink: format, outputMode: mode, trigger: this.triggerValue,
      startedAt: isoTimestamp(session.clock.nowMs()), checkpointLocation: checkpointDir ?? null,
    }, () => definition.copy(checkpointDir).start());
    Promise.resolve().then(async () => {
      try {
        await startSink();
        query.finish(null);
      } catch (e) {
        query.finish(e);
      }
    });
    return query;
  }

  /** A writer with this one's settings, writing to `checkpointDir` when given (the resolved location). */
  private copy(checkpointDir: string | undefined): DataStreamWriter {
    const w = new DataStreamWriter(this.df);
    w.formatName = this.formatName;
    w.mode = this.mode;
    Object.assign(w.opts, this.opts);
    w.name = this.name;
    w.triggerValue = this.triggerValue;
    w.batchFn = this.batchFn;
    w.rowWriter = this.rowWriter;
    w.partitionCols = [...this.partitionCols];
    if (checkpointDir !== undefined) {
      for (const k of Object.keys(w.opts)) if (k.toLowerCase() === "checkpointlocation") delete w.opts[k];
      w.opts.checkpointLocation = checkpointDir;
    }
    return w;
  }

  /** The checkpoint directory: the option, else spark.sql.streaming.checkpointLocation/<name or id>. */
  private checkpointLocation(required: boolean): string | undefined {
    const conf = this.df.sparkSession.conf;
    const given = Object.entries(this.opts).find(([k]) => k.toLowerCase() === "checkpointlocation")?.[1];
    if (given) return resolve(given);
    const root = conf.get("spark.sql.streaming.checkpointLocation");
    if (root) return resolve(root, this.name ?? randomUUID());
    if (required) {
      throw userError("_LEGACY_ERROR_TEMP_1298",
        `checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).`,
        { hint: 'Add .option("checkpointLocation", "/path/to/dir") to the writer.' });
    }
    return undefined;
  }

  /** Writes a streaming DataFrame into a memory table (Spark's toTable for the memory catalog). */
  toTable(name: string): StreamingQuery {
    return this.format("memory").queryName(name).start();
  }
}

/** The confs Spark pins into offsets/N so a restarted query keeps behaving the same. */
function pinnedConf(all: Record<string, string>): Record<string, string> {
  const keys = [
    "spark.sql.streaming.multipleWatermarkPolicy", "spark.sql.shuffle.partitions",
    "spark.sql.streaming.noDataMicroBatches.enabled", "spark.sql.session.timeZone",
  ];
  return Object.fromEntries(keys.filter((k) => all[k] !== undefined).map((k) => [k, all[k]!]));
}

/** The query's execution until its sink exists, so status and stop() work from the first moment. */
function notStartedExecution(): MicroBatchExecution {
  return {
    status: { message: "Initializing StreamExecution", isDataAvailable: false, isTriggerActive: false },
    triggersStarted: 0,
    lastIdleTrigger: 0,
    requestStop() {},
  } as unknown as MicroBatchExecution;
}
