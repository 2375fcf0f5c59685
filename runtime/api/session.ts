// SparkSession: configuration, readers, the catalog, plugins, the streaming query manager and the
// dry-run mode, all its own. `SparkSession.builder.appName("x").getOrCreate()` returns the default
// session, as PySpark does; `newSession()` gives an isolated one (own conf, temp views, plugins,
// queries and memory tables) sharing the application's SharedState, as Spark's shares the
// SparkContext. The default session and the active application are the only process-wide state,
// as in Spark (SparkSession.getDefaultSession, SparkContext.getOrCreate); besides them, only the
// list of built-in plugins.
import { userError } from "../errors.ts";
import { attributesOf } from "../plan/attribute.ts";
import type { Plan } from "../plan/plan.ts";
import type { ResolveContext } from "../plan/resolve_expr.ts";
import type { Clock, Logger, SourceReader } from "../plugin/contract.ts";
import { registerBuiltins } from "../plugin/builtins.ts";
import { loadPlugins } from "../plugin/loader.ts";
import { PluginRegistry, type RegisteredPlugin } from "../plugin/registry.ts";
import { validateOptions } from "../plugin/validate_options.ts";
import { platform } from "../platform/mod.ts";
import { systemClock } from "../platform/system_clock.ts";
import type { SourceFactory } from "../scheduler/source_factory.ts";
import type { OptimizerContext, PlanningContext } from "../planner/mod.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { StructType } from "../types/data_type.ts";
import { Catalog } from "./catalog.ts";
import { tablePlan } from "../catalog/table_plan.ts";
import { leveledLogger } from "./log_level.ts";
import { SparkContext, SPARK_VERSION } from "./spark_context.ts";
import { TableStore } from "../catalog/table_store.ts";
import { DataFrame } from "./data_frame.ts";
import { DataFrameReader, DataStreamReader } from "./data_stream_reader.ts";
import type { DryRun } from "./dry_run.ts";
import { SharedState } from "./shared_state.ts";
import { RuntimeConfig, type ConfValue } from "./runtime_config.ts";
import { StreamingQueryManager } from "./streaming_query_manager.ts";
import { inferRowsSchema } from "./infer_rows_schema.ts";
import { rowsFromUser } from "./rows_from_user.ts";
import { runSql, type SqlArgs } from "../sql/run_statement.ts";

/** Plugins available to a session: the built-ins, those its application was launched with, and whatever `load` adds. */
export class SessionPlugins {
  readonly registry = new PluginRegistry();
  constructor(launched: readonly RegisteredPlugin[] = []) {
    registerBuiltins(this.registry);
    for (const p of launched) this.registry.register(p.definition, p.origin);
  }
  /** Loads a plugin file or directory (dynamic import); its plugins can then be used by name. */
  async load(path: string): Promise<string[]> {
    const loaded = await loadPlugins(this.registry, path);
    return loaded.map((p) => p.definition.name);
  }
  list() {
    return this.registry.list();
  }
}

// Spark's default session (SparkSession.getDefaultSession): what builder.getOrCreate() returns
// while it lives and belongs to the active application.
let defaultSession: SparkSession | undefined;
// Every session not yet garbage-collected, so that tests/preload.ts can stop what a test left running.
const sessions = new Set<WeakRef<SparkSession>>();
const forgetSession = new FinalizationRegistry<WeakRef<SparkSession>>((ref) => sessions.delete(ref));

/**
 * Remote mode (runtime/connect/client/): set when the engine is loaded through runtime/mod.ts, so
 * that this file does not import the Spark Connect client (which imports this file).
 */
export interface RemoteSessions {
  getOrCreate(url: string, settings: Map<string, string>): unknown;
  create(url: string, settings: Map<string, string>): unknown;
}
let remoteSessions: RemoteSessions | undefined;
export function setRemoteSessions(r: RemoteSessions): void {
  remoteSessions = r;
}

export class SparkSessionBuilder {
  private readonly settings = new Map<string, string>();
  appName(name: string): this {
    return this.config("spark.app.name", name);
  }
  master(master: string): this {
    return this.config("spark.master", master);
  }
  config(key: string, value: ConfValue): this {
    this.settings.set(key, String(value));
    return this;
  }
  /**
   * remote("sc://host:15002"): sessions built by this builder run on that Spark Connect server
   * (as PySpark's builder.remote). SPARK_REMOTE and `sluice run --remote URL` do the same for
   * every builder.
   */
  remote(url: string): this {
    return this.config("spark.remote", url);
  }
  /** The Spark Connect URL this builder's sessions use, if any: remote(), --remote, SPARK_REMOTE. */
  private remoteUrl(): string | undefined {
    return this.settings.get("spark.remote") ?? SharedState.active().conf.get("spark.remote") ?? (platform.env("SPARK_REMOTE") || undefined);
  }
  private remoteSessions(): RemoteSessions {
    if (!remoteSessions) throw new Error("remote mode needs the engine loaded through its public entry (import … from \"sluice\")");
    return remoteSessions;
  }
  /**
   * The default session (created on first use) with this builder's settings applied. In remote mode
   * a Spark Connect session with the same API (runtime/connect/client/session.ts).
   */
  getOrCreate(): SparkSession {
    const url = this.remoteUrl();
    if (url !== undefined) return this.remoteSessions().getOrCreate(url, this.settings) as SparkSession;
    if (!defaultSession || defaultSession.sharedState !== SharedState.active()) defaultSession = new SparkSession();
    for (const [k, v] of this.settings) defaultSession.conf.set(k, v);
    return defaultSession;
  }
  /** A new isolated session with this builder's settings. */
  create(): SparkSession {
    const url = this.remoteUrl();
    if (url !== undefined) return this.remoteSessions().create(url, this.settings) as SparkSession;
    const s = new SparkSession();
    for (const [k, v] of this.settings) s.conf.set(k, v);
    return s;
  }
}

export class SparkSession {
  static get builder(): SparkSessionBuilder {
    return new SparkSessionBuilder();
  }
  static getActiveSession(): SparkSession | undefined {
    return defaultSession;
  }
  /** Every session of the process still reachable (for cleanup: tests/preload.ts stops their queries). */
  static liveSessions(): SparkSession[] {
    const live: SparkSession[] = [];
    for (const ref of sessions) {
      const s = ref.deref();
      if (s) live.push(s);
      else sessions.delete(ref);
    }
    return live;
  }

  readonly conf: RuntimeConfig;
  readonly catalog: Catalog;
  readonly plugins: SessionPlugins;
  readonly streams: StreamingQueryManager;
  /** Set in `sluice explain` / `validate`: queries are checked and planned, never started. */
  readonly dryRun: DryRun | undefined;
  /** The clock queries use; tests swap in a ManualClock. */
  clock: Clock = systemClock;
  /** Where show(), printSchema() and the console sink write. */
  stdout: (text: string) => void = (t) => platform.writeStdout(t);
  /** The engine's INFO/WARN lines on stderr, filtered by sparkContext.setLogLevel. */
  readonly log: Logger = leveledLogger((line) => platform.writeStderr(line));
  private sourceCounter = 0;

  /**
   * A session of `sharedState`'s application (by default the process's active one). `tables`: the
   * catalog tables to share (newSession() passes its own, as Spark's sessions share them).
   */
  constructor(readonly sharedState: SharedState = SharedState.active(), tables: TableStore = new TableStore()) {
    this.conf = new RuntimeConfig(sharedState.conf);
    this.catalog = new Catalog(tables, (t) => tablePlan(this, t), sharedState.globalTempViews);
    this.plugins = new SessionPlugins(sharedState.plugins);
    this.streams = new StreamingQueryManager(this);
    this.dryRun = sharedState.dryRun;
    const ref = new WeakRef(this);
    sessions.add(ref);
    forgetSession.register(this, ref);
  }

  get readStream(): DataStreamReader {
    return new DataStreamReader(this);
  }
  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }
  get timeZone(): string {
    return this.conf.get("spark.sql.session.timeZone") ?? "UTC";
  }
  get version(): string {
    return SPARK_VERSION;
  }
  /** PySpark's spark.sparkContext: appName, version, defaultParallelism, setLogLevel. */
  get sparkContext(): SparkContext {
    return new SparkContext(this.conf);
  }

  /**
   * A new session of the same application: its own conf (from the launch settings, not this
   * session's changes), temp views, plugins (built-ins and those launched with), queries and memory
   * tables; catalog tables and global temp views shared. As Spark's newSession().
   */
  newSession(): SparkSession {
    return new SparkSession(this.sharedState, this.catalog.store);
  }

  /**
   * A batch DataFrame from rows: arrays in schema order or objects keyed by column name, in the
   * engine's representation for each type (see types/data_type.ts), except that Date is accepted
   * for timestamps and dates and strings/numbers for decimals. Without a schema, or with column
   * names only, the types are inferred from every row as PySpark infers them (infer_rows_schema.ts).
   */
  createDataFrame(rows: readonly (readonly unknown[] | Record<string, unknown>)[], schema?: StructType | string | string[] | null): DataFrame {
    if (!(schema instanceof StructType) && typeof schema !== "string") {
      // Inferred as PySpark infers local data; names given rename the inferred columns in order.
      const { schema: st, rows: positional } = inferRowsSchema(rows, schema ?? undefined);
      const plan: Plan = Object.freeze({ kind: "local", rows: rowsFromUser(positional, st), output: attributesOf(st), streaming: false });
      return new DataFrame(this, plan);
    }
    const st = schema instanceof StructType ? schema : parseSchemaDDL(schema);
    const plan: Plan = Object.freeze({ kind: "local", rows: rowsFromUser(rows, st), output: attributesOf(st), streaming: false });
    return new DataFrame(this, plan);
  }

  /** spark.range(end) / range(start, end[, step]): one bigint column `id`. */
  range(start: number, end?: number, step = 1): DataFrame {
    const [lo, hi] = end === undefined ? [0, start] : [start, end];
    const rows: unknown[][] = [];
    for (let v = lo; step > 0 ? v < hi : v > hi; v += step) rows.push([v]);
    return this.createDataFrame(rows, "id BIGINT NOT NULL");
  }

  /**
   * Runs one Spark SQL statement. A query returns its DataFrame (streaming if any input is);
   * commands (CREATE TEMP VIEW, DROP VIEW, SET, SHOW TABLES) run at once; EXPLAIN returns the plan.
   * `args` binds parameter markers: `sql("… WHERE id = :id", { id: 7 })` or `sql("… = ?", [7])`.
   */
  sql(sqlQuery: string, args?: SqlArgs): DataFrame {
    return runSql(this, sqlQuery, args);
  }

  /** A temp view, memory-sink table or catalog table as a DataFrame. */
  table(name: string): DataFrame {
    const plan = this.catalog.lookup(name);
    if (!plan) {
      throw userError("TABLE_OR_VIEW_NOT_FOUND", `The table or view \`${name}\` cannot be found. Verify the spelling and correctness of the schema and catalog.
If you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.
To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.`, { sqlState: "42P01" });
    }
    return new DataFrame(this, plan);
  }

  /** Stops every active query of this session. */
  async stop(): Promise<void> {
    await Promise.all(this.streams.active.map((q) => q.stop()));
    if (defaultSession === this) defaultSession = undefined;
  }

  // ---- engine internals used by DataFrame and queries ----
  nextSourceId(): number {
    return this.sourceCounter++;
  }
  resolveContext(): ResolveContext {
    return {
      timeZone: this.timeZone,
      ansi: this.conf.getBoolean("spark.sql.ansi.enabled"),
      caseSensitive: this.conf.getBoolean("spark.sql.caseSensitive"),
      conf: (k) => this.conf.get(k),
    };
  }

  /** How this session's queries are planned: its partition count, and what each source format accepts pushed into it. */
  planningContext(): PlanningContext & OptimizerContext {
    return {
      shufflePartitions: this.conf.getNumber("spark.sql.shuffle.partitions"),
      defaultParallelism: this.sparkContext.defaultParallelism,
      pushdownOf: (format) => (this.plugins.registry.find("source", format)?.definition as { pushdown?: { columns?: boolean; filters?: boolean } } | undefined)?.pushdown,
    };
  }

  readonly sourceFactory: SourceFactory = {
    create: (node, streaming, metadataDir) => {
      const def = this.plugins.registry.source(node.source.format);
      const options = validateOptions(def, node.source.options, { engineOptions: ["path"] });
      return def.create(options, {
        userSchema: node.source.userSchema,
        requiredColumns: node.pushdown?.requiredColumns?.map((i) => node.output[i]!.name),
        filters: node.pushdown?.filters,
        streaming,
        metadataDir,
        clock: this.clock,
        log: this.log,
        conf: (k) => this.conf.get(k),
      }) as SourceReader | Promise<SourceReader>;
    },
  };
}
