// The one way a streaming query starts. DataStreamWriter.start() builds a QueryDefinition from what
// the user chained and calls startQuery; so do the CLI's pipelines (through the writer), and so will
// anything that starts a query from data (a Spark Connect server, the admin API's restart): the
// definition is plain data plus the session, and every started query keeps the one it came from,
// its checkpoint resolved (`query.definition`), so starting it again resumes where it stopped.
//
// Everything Spark checks at start() happens here, before any data is read: output mode, the
// unsupported operations, sink options, the checkpoint location, the query name and id. In a
// session with a dry run (`sluice explain` / `validate`) the query is then planned, not started.
import { executorSettings } from "../scheduler/executor_settings.ts";
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import type { DataFrame } from "../api/data_frame.ts";
import { planInsteadOfStart } from "../api/dry_run.ts";
import type { Row } from "../api/row.ts";
import type { SparkSession } from "../api/session.ts";
import { StreamingQuery } from "../api/streaming_query.ts";
import { Checkpoint } from "../checkpoint/checkpoint.ts";
import { userError } from "../errors.ts";
import { schemaOf } from "../plan/attribute.ts";
import { checkStreamingPlan } from "../plan/check_streaming.ts";
import { sourcesOf, type Plan } from "../plan/plan.ts";
import { foreachBatchSink, foreachSink, type ForeachWriter } from "../plugin/builtins.ts";
import type { OutputMode, Row as InternalRow, SinkDefinition, SinkWriter } from "../plugin/contract.ts";
import { planQuery } from "../planner/mod.ts";
import { checkOutputMode } from "../plugin/output_mode.ts";
import { validateOptions } from "../plugin/validate_options.ts";
import { warnNoEffectOptions } from "../plugin/no_effect_options.ts";
import { MicroBatchExecution } from "../scheduler/micro_batch_execution.ts";
import { isoTimestamp } from "../scheduler/progress.ts";
import { DEFAULT_TRIGGER, isLowLatency, type Trigger } from "../scheduler/trigger.ts";
import { checkLowLatencyQuery } from "./low_latency_checks.ts";
import { checkCount } from "../state/state_map_provider.ts";

/** Where a query writes: a sink plugin by format name, or user code (foreachBatch / foreach). */
export type SinkSpec =
  /** `format` undefined takes spark.sql.sources.default (parquet), as Spark does. */
  | { readonly kind: "format"; readonly format?: string }
  | { readonly kind: "foreachBatch"; readonly fn: (df: DataFrame, batchId: number) => unknown }
  | { readonly kind: "foreach"; readonly writer: ForeachWriter | ((row: Row) => void | Promise<void>) };

/** Everything a streaming query is. */
export interface QueryDefinition {
  /** The session the query belongs to: its conf, plugins, clock, query manager and dry-run mode. */
  readonly session: SparkSession;
  /** The streaming DataFrame's logical plan (analyzed, as DataFrame.plan). */
  readonly plan: Plan;
  readonly sink: SinkSpec;
  /** The writer's options as the user set them (strings): the sink's, `path` and `checkpointLocation`. */
  readonly options?: Readonly<Record<string, string>>;
  /** writeStream.partitionBy(...) columns, for file sinks. */
  readonly partitionBy?: readonly string[];
  /** "append", "update" or "complete", in any case; default append. */
  readonly outputMode?: string;
  /** Default: the next batch as soon as the previous one ends (processingTime 0). */
  readonly trigger?: Trigger;
  /** queryName(...); null or absent for none. */
  readonly name?: string | null;
  /**
   * The checkpoint directory. Absent: the sink option checkpointLocation, else
   * spark.sql.streaming.checkpointLocation/<name or a new id>, else none (refused for sinks that need one).
   */
  readonly checkpointLocation?: string;
}

const MODES = ["append", "update", "complete"] as const;

/** Checks and starts the query (or, in a dry run, plans it). Throws at once if it cannot run. */
export function startQuery(definition: QueryDefinition): StreamingQuery {
  const { session, plan, sink: spec } = definition;
  const name = definition.name ?? null;
  const trigger = definition.trigger ?? DEFAULT_TRIGGER;
  const givenMode = definition.outputMode ?? "append";
  const mode = givenMode.toLowerCase() as OutputMode;
  if (!MODES.includes(mode)) {
    throw userError("STREAMING_OUTPUT_MODE.INVALID", `Invalid streaming output mode: ${givenMode}. Accepted output modes are 'Append', 'Complete', 'Update'.`, { sqlState: "42KDE" });
  }
  checkStreamingPlan(plan, mode);

  const schema = schemaOf(plan.output);
  const format = spec.kind === "format" ? spec.format ?? session.conf.get("spark.sql.sources.default") ?? "parquet" : spec.kind;
  const options: Record<string, string> = { ...definition.options };
  if (definition.partitionBy?.length) options.partitionBy = JSON.stringify(definition.partitionBy);
  const def: SinkDefinition<any> | undefined = spec.kind === "format" ? session.plugins.registry.sink(format) : undefined;
  const plans = () => planQuery(plan, { ...session.planningContext(), outputMode: mode });
  if (isLowLatency(trigger)) {
    checkLowLatencyQuery({
      trigger, mode, plan, physical: () => plans().physical,
      sourceSupports: (f) => (session.plugins.registry.find("source", f)?.definition as { realTime?: boolean } | undefined)?.realTime === true,
      sink: spec.kind === "format" ? { kind: "format", format, realTime: def?.realTime === true } : { kind: spec.kind },
      conf: (k) => session.conf.get(k), log: session.log,
    });
  }
  const validated = def ? validateOptions(def, options, { engineOptions: ["path", "checkpointLocation", "partitionBy"] }) : {};
  if (def) warnNoEffectOptions(def, options, session.log);
  if (def) checkOutputMode(def, mode);
  // Real-time mode and continuous processing checkpoint their progress: a checkpoint is required.
  const checkpointDir = checkpointLocation(definition, options, (def?.requiresCheckpoint ?? false) || isLowLatency(trigger));
  const shufflePartitions = checkCount(session.conf.getNumber("spark.sql.shuffle.partitions"), "spark.sql.shuffle.partitions", 1);
  // `sluice explain` / `sluice validate`: every check above ran; record the plan, touch nothing.
  if (session.dryRun) {
    return planInsteadOfStart(session.dryRun, session, { name, plan, plans, sink: format, outputMode: mode, trigger, checkpointLocation: checkpointDir,
      print: (text) => session.stdout(text) });
  }
  const checkpoint = checkpointDir ? new Checkpoint(checkpointDir) : undefined;
  const runId = randomUUID();
  const id = checkpoint ? checkpoint.queryId(randomUUID()) : randomUUID();
  session.streams.checkNameFree(name, id);

  let sinkPromise: SinkWriter | Promise<SinkWriter>;
  if (spec.kind === "foreachBatch") {
    sinkPromise = foreachBatchSink(spec.fn, (rows: InternalRow[]) => session.createDataFrame(rows, schema));
  } else if (spec.kind === "foreach") {
    sinkPromise = foreachSink(spec.writer, schema);
  } else {
    sinkPromise = def!.create(validated, {
      schema, queryId: id, queryName: name ?? undefined, metadataDir: checkpointDir ? join(checkpointDir, "sink") : undefined,
      clock: session.clock, log: session.log, conf: (k) => session.conf.get(k), stdout: (t) => session.stdout(t), session,
    });
  }

  // Kept by the query: a checkpoint chosen here (spark.sql.streaming.checkpointLocation/<new id>)
  // must be the one a restart resumes from.
  const kept: QueryDefinition = { ...definition, checkpointLocation: checkpointDir };
  const conf = session.conf;
  let execution!: MicroBatchExecution;
  const query = new StreamingQuery(
    {
      id, runId, name, plan, maxRecentProgress: conf.getNumber("spark.sql.streaming.numRecentProgressUpdates"), definition: kept,
      plans: () => execution.plans ?? plans(),
      print: (text) => session.stdout(text),
    },
    () => execution,
    (q) => session.streams.ended(q),
  );
  const startSink = async () => {
    const sink = await sinkPromise;
    execution = new MicroBatchExecution({
      id, runId, name, plan, sink, outputMode: mode, trigger, checkpoint,
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
      executor: executorSettings((k) => conf.get(k)),
      conf: conf.getAll(),
      onProgress: (p) => {
        query.recordProgress(p);
        session.streams.progressMade(query, p);
      },
    });
    if (query.stopRequested) execution.requestStop();
    try {
      await execution.run();
    } finally {
      await sink.stop?.();
    }
  };
  // The execution exists before startQuery returns, so status and stop() work at once.
  execution = notStartedExecution();
  const startedAt = isoTimestamp(session.clock.nowMs());
  session.streams.register(query, startedAt, {
    sources: sourcesOf(plan).map((n) => n.source.format), sink: format, outputMode: mode, trigger, startedAt,
    checkpointLocation: checkpointDir ?? null,
  }, () => startQuery(kept));
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

/** The checkpoint directory: given, else the option, else spark.sql.streaming.checkpointLocation/<name or id>. */
function checkpointLocation(q: QueryDefinition, options: Record<string, string>, required: boolean): string | undefined {
  if (q.checkpointLocation !== undefined) return resolve(q.checkpointLocation);
  const given = Object.entries(options).find(([k]) => k.toLowerCase() === "checkpointlocation")?.[1];
  if (given) return resolve(given);
  const root = q.session.conf.get("spark.sql.streaming.checkpointLocation");
  if (root) return resolve(root, q.name ?? randomUUID());
  if (required) {
    throw userError("_LEGACY_ERROR_TEMP_1298",
      `checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).`,
      { hint: 'Add .option("checkpointLocation", "/path/to/dir") to the writer.' });
  }
  return undefined;
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
    executorWorkers: () => ({ workers: 0, utilisation: [] }),
  } as unknown as MicroBatchExecution;
}
