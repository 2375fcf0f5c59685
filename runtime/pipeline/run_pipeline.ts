// Starts a declarative pipeline: every source becomes a temp view (readStream, or read for a
// static one, with its watermark), every view a SQL temp view, every query spark.sql() written to
// its sink. Before anything starts, each plugin's options are checked by the plugin's own schema and
// every query is analyzed, so one run reports every problem, each at its JSON path.
import type { TriggerSpec } from "../scheduler/trigger.ts";
import { SparkSession } from "../api/session.ts";
import type { DataFrame } from "../api/data_frame.ts";
import type { StreamingQuery } from "../api/streaming_query.ts";
import { SluiceError, userError } from "../errors.ts";
import { checkOptions, formatProblem } from "../plugin/validate_options.ts";
import { closeNames } from "../plugin/close_names.ts";
import { loadPipeline, pipelineError } from "./load_pipeline.ts";
import type { PipelineSpec } from "./pipeline_schema.ts";

export interface PipelineEnv {
  env(name: string): string | undefined;
}

/** Reads, checks and starts the pipeline in `file`; resolves once its queries are started (or, with afterQueries, ended and reported). */
export async function runPipelineFile(file: string, io: PipelineEnv): Promise<StreamingQuery[]> {
  return startPipeline(loadPipeline(file, io.env), file);
}

const str = (v: string | number | boolean) => String(v);
const strings = (o: Record<string, string | number | boolean> | undefined) =>
  Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, str(v)]));

/** Checks each plugin's options with its own schema; the problems are named by JSON path. */
function checkPlugins(spark: SparkSession, spec: PipelineSpec, file: string): void {
  const problems: string[] = [];
  const registry = spark.plugins.registry;
  const names = (kind: "source" | "sink") => registry.list().filter((p) => p.definition.kind === kind).map((p) => p.definition.name);
  const check = (kind: "source" | "sink", format: string, options: Record<string, string | number | boolean> | undefined, at: string) => {
    const found = registry.find(kind, format);
    if (!found) {
      const close = closeNames(format, names(kind));
      problems.push(`${at}/format: no ${kind} named '${format}'${close.length ? `; did you mean ${close.map((c) => `'${c}'`).join(" or ")}?` : ` (${kind}s: ${names(kind).join(", ")})`}`);
      return;
    }
    const engineOptions = kind === "source" ? ["path"] : ["path", "checkpointLocation", "partitionBy"];
    for (const p of checkOptions(found.definition, strings(options), { engineOptions }).problems) {
      problems.push(`${at}/options/${p.option}: ${formatProblem(p).replace(/^option '[^']*': /, "")}`);
    }
  };
  for (const [name, s] of Object.entries(spec.sources ?? {})) check("source", s.format, s.options, `/sources/${name}`);
  for (const [name, q] of Object.entries(spec.queries)) check("sink", q.sink.format, q.sink.options, `/queries/${name}/sink`);
  if (problems.length > 0) throw pipelineError(file, problems);
}

/** Runs `f`; a SluiceError gets the JSON path where the failing part was written, in its hint. */
function at<T>(path: string, file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof SluiceError)) throw e;
    const hint = [`At ${path} in ${file}.`, e.hint].filter(Boolean).join(" ");
    throw new SluiceError(e.code, e.bareMessage, { hint, kind: e.kind, position: e.position, sqlState: e.sqlState });
  }
}

export async function startPipeline(spec: PipelineSpec, file: string): Promise<StreamingQuery[]> {
  let builder = SparkSession.builder;
  if (spec.name !== undefined) builder = builder.appName(spec.name);
  for (const [k, v] of Object.entries(spec.conf ?? {})) builder = builder.config(k, str(v));
  const spark = builder.getOrCreate();
  checkPlugins(spark, spec, file);

  for (const [name, s] of Object.entries(spec.sources ?? {})) {
    if (s.stream === false) {
      // A static source is read where a query uses it (an afterQueries query may read what the
      // streaming queries wrote), as a table looked up by name.
      spark.catalog.registerTable(name, () => at(`/sources/${name}`, file, () => {
        let r = spark.read.format(s.format).options(strings(s.options));
        if (s.schema !== undefined) r = r.schema(s.schema);
        return r.load().plan;
      }));
      continue;
    }
    const df = at(`/sources/${name}`, file, () => {
      let r = spark.readStream.format(s.format).options(strings(s.options));
      if (s.schema !== undefined) r = r.schema(s.schema);
      let loaded: DataFrame = r.load();
      if (s.watermark) loaded = loaded.withWatermark(s.watermark.column, s.watermark.delay);
      return loaded;
    });
    df.createOrReplaceTempView(name);
  }
  for (const [name, sql] of Object.entries(spec.views ?? {})) {
    at(`/views/${name}`, file, () => spark.sql(sql)).createOrReplaceTempView(name);
  }
  // Analyze every query before starting any, so a mistake in the last one starts nothing.
  const frames = Object.entries(spec.queries).map(([name, q]) => {
    const df = at(`/queries/${name}/sql`, file, () => spark.sql(q.sql));
    if (!df.isStreaming) {
      throw userError("PIPELINE_QUERY_NOT_STREAMING", `${file}: /queries/${name}/sql reads no stream, so it cannot run as a streaming query.`, {
        hint: "Read a source with \"stream\": true (the default), or run batch SQL in afterQueries.",
      });
    }
    return { name, q, df };
  });
  const started = frames.map(({ name, q, df }) => at(`/queries/${name}`, file, () => {
    const w = df.writeStream.queryName(name).format(q.sink.format).options(strings(q.sink.options)).outputMode(q.outputMode ?? "append");
    // A number in a pipeline file is milliseconds; trigger() takes PySpark's interval strings.
    if (q.trigger) {
      const spec: Record<string, unknown> = { ...q.trigger };
      for (const k of ["processingTime", "continuous", "realTime"]) if (typeof spec[k] === "number") spec[k] = `${spec[k]} milliseconds`;
      w.trigger(spec as TriggerSpec);
    }
    if (q.checkpointLocation !== undefined) w.option("checkpointLocation", q.checkpointLocation);
    return w.start();
  }));
  if (spec.afterQueries && spec.afterQueries.length > 0 && !spark.dryRun) {
    for (const q of started) await q.awaitTermination();
    spec.afterQueries.forEach((a, i) => {
      const df = at(`/afterQueries/${i}/sql`, file, () => spark.sql(a.sql));
      if (a.title !== undefined) spark.stdout(`${a.title}\n`);
      df.show(a.show ?? 20, a.truncate ?? true);
    });
  }
  return started;
}
