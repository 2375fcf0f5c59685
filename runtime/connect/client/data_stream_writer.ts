// df.writeStream of a remote DataFrame: a WriteStreamOperationStart command. TypeScript
// foreachBatch/foreach and Sluice plugin sinks cannot run on the server: start() refuses them by name.
import { userError } from "../../errors.ts";
import type { OptionValue } from "../../api/data_stream_reader.ts";
import type { WriterKeywords } from "../../api/data_stream_writer.ts";
import { callArguments, optionText, pathText } from "../../api/keyword_arguments.ts";
import type { Row } from "../../api/row.ts";
import type { TriggerSpec } from "../../scheduler/trigger.ts";
import { parseTrigger } from "../../scheduler/trigger.ts";
import type { ConnectDataFrame } from "./data_frame.ts";
import { ConnectStreamingQuery } from "./streaming_query.ts";
import { rememberRemoteQuery } from "./remote_queries.ts";
import { callbackRefused, pluginRefused, SPARK_FORMATS } from "./remote_unsupported.ts";

export class ConnectDataStreamWriter {
  private formatName?: string;
  private mode = "append";
  private readonly opts: Record<string, string> = {};
  private name: string | null = null;
  private triggerSpec?: TriggerSpec;
  private partitionCols: string[] = [];
  private callback?: "foreachBatch" | "foreach";

  constructor(private readonly df: ConnectDataFrame) {}

  format(source: string): this {
    this.formatName = source;
    return this;
  }
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
    parseTrigger(spec);
    this.triggerSpec = spec;
    return this;
  }
  partitionBy(...cols: string[]): this {
    this.partitionCols = cols.flat();
    return this;
  }
  foreachBatch(_fn: (df: ConnectDataFrame, batchId: number) => unknown): this {
    this.callback = "foreachBatch";
    return this;
  }
  foreach(_writer: unknown | ((row: Row) => void | Promise<void>)): this {
    this.callback = "foreach";
    return this;
  }

  /**
   * PySpark's start(path=None, format=None, outputMode=None, partitionBy=None, queryName=None,
   * **options), as the embedded writer takes it: keywords last, `start(path, { checkpointLocation: cp })`.
   */
  start(path?: string | WriterKeywords | null, ...args: (string | string[] | WriterKeywords | null | undefined)[]): ConnectStreamingQuery {
    const { named, options } = callArguments("DataStreamWriter.start", [path, ...args]);
    this.applyKeywords(named, options);
    return this.startWith(named.path === undefined ? undefined : { case: "path", value: pathText("start", named.path) });
  }
  /** PySpark's toTable(tableName, format, outputMode, partitionBy, queryName, **options), keywords last. */
  toTable(tableName: string, ...args: (string | string[] | WriterKeywords | null | undefined)[]): ConnectStreamingQuery {
    const { named, options } = callArguments("DataStreamWriter.toTable", [tableName, ...args]);
    this.applyKeywords(named, options);
    return this.startWith({ case: "tableName", value: String(named.tableName) });
  }

  private applyKeywords(named: Record<string, unknown>, options: Record<string, unknown>): void {
    if (named.format !== undefined) this.format(String(named.format));
    if (named.outputMode !== undefined) this.outputMode(String(named.outputMode));
    if (named.partitionBy !== undefined) this.partitionBy(...(Array.isArray(named.partitionBy) ? named.partitionBy : [named.partitionBy]).map(String));
    if (named.queryName !== undefined) this.queryName(String(named.queryName));
    for (const [k, v] of Object.entries(options)) this.option(k, optionText(k, v));
  }

  private startWith(sinkDestination: { case: "path" | "tableName"; value: string } | undefined): ConnectStreamingQuery {
    if (this.callback) throw callbackRefused(this.callback);
    const format = this.formatName;
    const session = this.df.sparkSession;
    if (format !== undefined && !SPARK_FORMATS.has(format.toLowerCase()) && session.isSluicePlugin("sink", format)) {
      throw pluginRefused("sink", format);
    }
    const responses = session.client.commandSync({
      commandType: {
        case: "writeStreamOperationStart",
        value: {
          input: this.df.relation,
          format: format ?? "",
          options: { ...this.opts },
          partitioningColumnNames: this.partitionCols,
          trigger: triggerOf(this.triggerSpec),
          outputMode: this.mode,
          queryName: this.name ?? "",
          sinkDestination: sinkDestination ?? { case: undefined },
        },
      },
    });
    for (const r of responses) {
      if (r.responseType.case !== "writeStreamOperationStartResult") continue;
      const res = r.responseType.value;
      session.streams.queryStarted(res.queryStartedEventJson);
      const query = new ConnectStreamingQuery(session, res.queryId?.id ?? "", res.queryId?.runId ?? "", res.name || null);
      rememberRemoteQuery(query);
      return query;
    }
    throw userError("INTERNAL_ERROR", "The Spark Connect server did not answer the query's start.", { kind: "external" });
  }
}

function triggerOf(spec: TriggerSpec | undefined) {
  if (spec === undefined) return { case: undefined };
  if (spec.availableNow) return { case: "availableNow" as const, value: true };
  if (spec.once) return { case: "once" as const, value: true };
  if (spec.continuous !== undefined) {
    return { case: "continuousCheckpointInterval" as const, value: typeof spec.continuous === "number" ? `${spec.continuous} milliseconds` : spec.continuous };
  }
  const p = spec.processingTime!;
  return { case: "processingTimeInterval" as const, value: typeof p === "number" ? `${p} milliseconds` : p };
}
