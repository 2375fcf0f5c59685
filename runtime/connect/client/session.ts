// The SparkSession of remote mode (builder.remote("sc://…"), SPARK_REMOTE, `sluice run --remote`):
// the same methods as the embedded SparkSession (api/session.ts), each sent to a Spark Connect
// server, as PySpark keeps a classic and a Connect SparkSession behind one API.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { platform } from "../../platform/mod.ts";
import type { Logger } from "../../plugin/contract.ts";
import { SessionPlugins } from "../../api/session.ts";
import { inferRowsSchema } from "../../api/infer_rows_schema.ts";
import { SharedState } from "../../api/shared_state.ts";
import type { ConfValue } from "../../api/runtime_config.ts";
import { rowsFromUser } from "../../api/rows_from_user.ts";
import type { SqlArgs } from "../../sql/run_statement.ts";
import { parseSchemaDDL } from "../../types/ddl.ts";
import { StructType } from "../../types/data_type.ts";
import { literalExpr } from "../../api/column.ts";
import type { AnalyzePlanRequestSchema, AnalyzePlanResponse } from "../gen/spark/connect/base_pb.ts";
import { RelationSchema } from "../gen/spark/connect/relations_pb.ts";
import { arrowFromRows } from "../arrow_rows.ts";
import { toProtoExpr } from "../expression_proto.ts";
import { ConnectCatalog } from "./catalog.ts";
import { ConnectDataFrame } from "./data_frame.ts";
import { ConnectDataFrameReader, ConnectDataStreamReader } from "./data_stream_reader.ts";
import { ConnectRuntimeConfig } from "./runtime_config.ts";
import { SparkConnectClient } from "./spark_connect_client.ts";
import { ConnectStreamingQueryManager } from "./streaming_query_manager.ts";

type RelType = MessageInitShape<typeof RelationSchema>["relType"];
type AnalyzeInit = MessageInitShape<typeof AnalyzePlanRequestSchema>["analyze"];

/** Settings PySpark's Connect builder does not send to the server (they only choose it). */
const CLIENT_ONLY = new Set(["spark.remote", "spark.master", "spark.app.name"]);

export class ConnectSparkSession {
  readonly client: SparkConnectClient;
  readonly conf: ConnectRuntimeConfig;
  readonly streams: ConnectStreamingQueryManager;
  readonly catalog: ConnectCatalog;
  /** Sluice's plugins (built-ins and the application's): only to name the ones a remote query cannot use. */
  private readonly plugins = new SessionPlugins(SharedState.active().plugins);
  private nextPlanId = 0n;
  /** Where show(), printSchema() and explain() write. */
  stdout: (text: string) => void = (t) => platform.writeStdout(t);
  readonly log: Logger = {
    info: (m) => platform.writeStderr(`INFO ${m}\n`),
    warn: (m) => platform.writeStderr(`WARN ${m}\n`),
  };

  constructor(readonly url: string, settings: Iterable<[string, string]> = []) {
    this.client = new SparkConnectClient(url);
    this.conf = new ConnectRuntimeConfig(this.client);
    this.streams = new ConnectStreamingQueryManager(this);
    this.catalog = new ConnectCatalog(this);
    const pairs = [...settings].filter(([k]) => !CLIENT_ONLY.has(k));
    if (pairs.length > 0) this.client.configSync({ opType: { case: "set", value: { pairs: pairs.map(([key, value]) => ({ key, value })) } } });
  }

  /** The address of the Spark Connect server this session runs on. */
  get isRemote(): true {
    return true;
  }
  get readStream(): ConnectDataStreamReader {
    return new ConnectDataStreamReader(this);
  }
  get read(): ConnectDataFrameReader {
    return new ConnectDataFrameReader(this);
  }
  get timeZone(): string {
    return this.conf.get("spark.sql.session.timeZone") ?? "UTC";
  }
  /** The server's Spark version. */
  get version(): string {
    const r = this.analyze({ case: "sparkVersion", value: {} });
    return r.result.case === "sparkVersion" ? r.result.value.version : "";
  }

  /** A new session on the same server, with its own conf, views and queries. */
  newSession(): ConnectSparkSession {
    return new ConnectSparkSession(this.url.replace(/;session_id=[^;]*/, ""));
  }

  createDataFrame(rows: readonly (readonly unknown[] | Record<string, unknown>)[], schema?: StructType | string | string[] | null): ConnectDataFrame {
    let st: StructType;
    let positional: readonly (readonly unknown[] | Record<string, unknown>)[] = rows;
    if (schema instanceof StructType) st = schema;
    else if (typeof schema === "string") st = parseSchemaDDL(schema);
    // Inferred on the client as PySpark's Connect client infers local data (the embedded rules).
    else ({ schema: st, rows: positional } = inferRowsSchema(rows, schema ?? undefined));
    const data = arrowFromRows(rowsFromUser(positional, st), st);
    return this.dataFrameOf({ case: "localRelation", value: { data, schema: st.fields.map((f) => `\`${f.name.replaceAll("`", "``")}\` ${f.dataType.sql()}${f.nullable ? "" : " NOT NULL"}`).join(", ") } });
  }
  range(start: number, end?: number, step = 1): ConnectDataFrame {
    const [lo, hi] = end === undefined ? [0, start] : [start, end];
    return this.dataFrameOf({ case: "range", value: { start: BigInt(lo), end: BigInt(hi), step: BigInt(step) } });
  }
  /**
   * Runs one SQL statement on the server. Commands (CREATE VIEW, SET, …) run at once, as PySpark's
   * Connect client runs them; a query gives its DataFrame.
   */
  sql(sqlQuery: string, args?: SqlArgs): ConnectDataFrame {
    const sql = {
      query: sqlQuery,
      namedArguments: args && !Array.isArray(args) ? Object.fromEntries(Object.entries(args).map(([k, v]) => [k, toProtoExpr(literalExpr(v))])) : {},
      posArguments: Array.isArray(args) ? args.map((v) => toProtoExpr(literalExpr(v))) : [],
    };
    const responses = this.client.commandSync({ commandType: { case: "sqlCommand", value: { input: create(RelationSchema, { relType: { case: "sql", value: sql } }) } } });
    for (const r of responses) {
      if (r.responseType.case === "sqlCommandResult" && r.responseType.value.relation) {
        return new ConnectDataFrame(this, r.responseType.value.relation);
      }
    }
    return this.dataFrameOf({ case: "sql", value: sql });
  }
  table(name: string): ConnectDataFrame {
    return this.read.table(name);
  }
  /** Releases the session on the server: its queries stop there, as when a PySpark client stops. */
  async stop(): Promise<void> {
    await this.client.close();
    if (defaultRemote === this) defaultRemote = undefined;
  }

  // ---- used by the remote DataFrame classes ----
  dataFrameOf(relType: RelType): ConnectDataFrame {
    return new ConnectDataFrame(this, create(RelationSchema, { common: { planId: this.nextPlanId++ }, relType }));
  }
  analyze(analyze: AnalyzeInit): AnalyzePlanResponse {
    return this.client.analyzeSync(analyze);
  }
  isSluicePlugin(kind: "source" | "sink", name: string): boolean {
    return this.plugins.registry.find(kind, name) !== undefined;
  }
}

let defaultRemote: ConnectSparkSession | undefined;

/** builder.remote(url).getOrCreate(): the process's remote session for `url` (created on first use). */
export function getOrCreateRemote(url: string, settings: Map<string, string>): ConnectSparkSession {
  if (!defaultRemote || defaultRemote.url !== url) defaultRemote = new ConnectSparkSession(url, settings);
  else for (const [k, v] of settings) if (!CLIENT_ONLY.has(k)) defaultRemote.conf.set(k, v as ConfValue);
  return defaultRemote;
}
