// DataFrame: an analyzed logical plan plus the session it belongs to. Transformations return new
// DataFrames (and fail at once on a bad column or expression, as Spark's do); actions run the plan.
import type { Expr } from "../expr/expr.ts";
import { parseExpression } from "../sql/parse_expression.ts";
import { userError } from "../errors.ts";
import { type BatchEnv, runBatchAsync, runBatchSync } from "../exec/run_batch.ts";
import * as build from "../plan/build.ts";
import { explainText, planQuery } from "../planner/mod.ts";
import { join, joinTypeOf, joinUsing } from "../plan/join.ts";
import { schemaOf } from "../plan/attribute.ts";
import type { Plan } from "../plan/plan.ts";
import { planIdOf } from "../plan/plan_ids.ts";
import { ExprResolver } from "../plan/resolve_expr.ts";
import type { Row as InternalRow } from "../plugin/contract.ts";
import type { StructType } from "../types/data_type.ts";
import { keywordArguments, requireColumn, requireColumnOrName, requireInt, requireStr, typeName } from "./arguments.ts";
import { Column, col, toColumn, type ColumnOrValue } from "./column.ts";
import { showString } from "./show_string.ts";
import { toPublicRow, type Row } from "./row.ts";
import type { SparkSession } from "./session.ts";
import { DataFrameWriter } from "./data_frame_writer.ts";
import { DataStreamWriter } from "./data_stream_writer.ts";
import { GroupedData } from "./grouped_data.ts";

type ColumnOrName = Column | string;

export class DataFrame {
  constructor(readonly sparkSession: SparkSession, readonly plan: Plan) {}

  private with(plan: Plan): DataFrame {
    return new DataFrame(this.sparkSession, plan);
  }

  /** The session's resolve context over this DataFrame (its own columns, df.col(), resolve to it). */
  private get ctx() {
    return { ...this.sparkSession.resolveContext(), inputPlans: [this.plan] };
  }

  // ---- shape ----
  get schema(): StructType {
    return schemaOf(this.plan.output);
  }
  get columns(): string[] {
    return this.plan.output.map((a) => a.name);
  }
  get dtypes(): [string, string][] {
    return this.plan.output.map((a) => [a.name, a.type.simpleString()]);
  }
  get isStreaming(): boolean {
    return this.plan.streaming;
  }
  printSchema(): void {
    this.sparkSession.stdout(this.schema.treeString());
  }
  /**
   * Prints the physical plan, as PySpark's explain(extended=None, mode=None): explain(true),
   * explain("extended") or explain({ mode: "extended" }) also print the parsed, analyzed and
   * optimized logical plans. Sluice prints the "simple" and "extended" modes; "codegen", "cost" and
   * "formatted" are refused (Sluice generates no Java code, keeps no plan statistics, and does not
   * print Spark's formatted outline).
   */
  explain(extended?: boolean | string | { extended?: boolean | string | null; mode?: string | null } | null, mode?: string | null): void {
    let ext: unknown = extended;
    let m: unknown = mode;
    if (typeof extended === "object" && extended !== null && mode === undefined) {
      ({ extended: ext, mode: m } = keywordArguments("explain", extended, ["extended", "mode"]));
    }
    ext ??= undefined;
    m ??= undefined;
    if (ext !== undefined && m !== undefined) {
      throw userError("CANNOT_SET_TOGETHER", "extended and mode should not be set together.", {
        hint: 'Give one: explain(true), explain("extended") or explain({ mode: "extended" }).',
      });
    }
    if (ext !== undefined && typeof ext !== "boolean" && typeof ext !== "string") {
      throw userError("NOT_BOOL_OR_STR", `Argument \`extended\` should be a bool or str, got ${typeName(ext)}.`);
    }
    if (m !== undefined && typeof m !== "string") {
      throw userError("NOT_STR", `Argument \`mode\` should be a str, got ${typeName(m)}.`);
    }
    const name = typeof ext === "boolean" ? (ext ? "extended" : "simple") : ((ext ?? m ?? "simple") as string);
    const explainMode = name.toLowerCase();
    if (!["simple", "extended", "codegen", "cost", "formatted"].includes(explainMode)) {
      // Spark's ExplainMode.fromString (an IllegalArgumentException without an error class).
      throw userError("ILLEGAL_ARGUMENT", `Unknown explain mode: ${name}. Accepted explain modes are 'simple', 'extended', 'codegen', 'cost', 'formatted'.`);
    }
    if (explainMode !== "simple" && explainMode !== "extended") {
      throw userError("UNSUPPORTED_EXPLAIN_MODE", `Sluice does not print the '${explainMode}' explain mode.`, {
        hint: "Beyond Spark: Sluice generates no Java code and keeps no plan statistics, and has no formatted outline; " +
          'explain() prints the physical plan, explain("extended") every phase.',
      });
    }
    const plans = planQuery(this.plan, this.sparkSession.planningContext());
    this.sparkSession.stdout(explainText(plans, explainMode === "extended") + "\n");
  }

  // ---- transformations ----
  /** select("a", "b"), select(col("a").plus(1)), select(["a", "b"]), select("*") */
  select(...cols: (ColumnOrName | ColumnOrName[])[]): DataFrame {
    const list = cols.flat().map((c) => toColumn(c).expr);
    return this.with(build.project(this.plan, list, this.ctx));
  }
  /** Expression strings are parsed (and analyzed) now, in the session's time zone, as Spark does. */
  private get parseOptions() {
    return { timeZone: this.sparkSession.timeZone };
  }
  selectExpr(...exprs: (string | string[])[]): DataFrame {
    return this.with(build.project(this.plan, exprs.flat().map((e) => parseExpression(e, this.parseOptions)), this.ctx));
  }
  filter(condition: Column | string): DataFrame {
    const checked = requireColumnOrName(condition, "condition");
    const e = typeof checked === "string" ? parseExpression(checked, this.parseOptions) : checked.expr;
    return this.with(build.filter(this.plan, e, this.ctx));
  }
  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }
  withColumn(name: string, column: Column): DataFrame {
    return this.withColumns({ [requireStr(name, "colName")]: requireColumn(column, "col") });
  }
  /** withColumns({ a: expr1, b: expr2 }): replaces existing columns in place, appends new ones. */
  withColumns(colsMap: Record<string, Column> | Map<string, Column>): DataFrame {
    const entries = (colsMap instanceof Map ? [...colsMap] : Object.entries(colsMap)).map(([n, c]): [string, Column] => [n, toColumn(c)]);
    const lower = (s: string) => s.toLowerCase();
    const list: Expr[] = this.plan.output.map((a) => {
      const hit = entries.find(([n]) => lower(n) === lower(a.name));
      return hit ? aliasOf(hit[1].expr, hit[0]) : refOf(a.name, a.qualifier);
    });
    for (const [n, c] of entries) if (!this.plan.output.some((a) => lower(a.name) === lower(n))) list.push(aliasOf(c.expr, n));
    return this.with(build.project(this.plan, list, this.ctx));
  }
  withColumnRenamed(existing: string, newName: string): DataFrame {
    return this.withColumnsRenamed({ [requireStr(existing, "existing")]: requireStr(newName, "new") });
  }
  /** toDF("a", "b"): every column renamed, in order (Spark's Dataset.toDF). */
  toDF(...cols: string[]): DataFrame {
    for (const c of cols) {
      if (typeof c !== "string") throw userError("NOT_LIST_OF_STR", `Argument \`cols\` should be a list[str], got ${typeName(c)}.`);
    }
    const output = this.plan.output;
    if (cols.length !== output.length) {
      // Spark's require() in Dataset.toDF (IllegalArgumentException).
      throw userError("ILLEGAL_ARGUMENT", "requirement failed: The number of columns doesn't match.\n" +
        `Old column names (${output.length}): ${output.map((a) => a.name).join(", ")}\n` +
        `New column names (${cols.length}): ${cols.join(", ")}`);
    }
    return this.with(build.project(this.plan, output.map((a, i) => aliasOf(refOf(a.name, a.qualifier), cols[i]!)), this.ctx));
  }
  /** df.transform(f, ...args) = f(df, ...args), which must return a DataFrame (PySpark's transform). */
  transform<A extends unknown[]>(func: (df: DataFrame, ...args: A) => DataFrame, ...args: A): DataFrame {
    const result = func(this, ...args);
    if (!(result instanceof DataFrame)) {
      // PySpark's assert message.
      throw userError("ASSERTION_ERROR", `Func returned an instance of type [${typeName(result)}], should have been DataFrame.`, {
        hint: "The function given to transform must return the DataFrame it builds.",
      });
    }
    return result;
  }
  withColumnsRenamed(renames: Record<string, string>): DataFrame {
    const lower = Object.fromEntries(Object.entries(renames).map(([k, v]) => [k.toLowerCase(), v]));
    if (!this.plan.output.some((a) => a.name.toLowerCase() in lower)) return this;
    const list = this.plan.output.map((a) => {
      const to = lower[a.name.toLowerCase()];
      return to === undefined ? refOf(a.name, a.qualifier) : aliasOf(refOf(a.name, a.qualifier), to);
    });
    return this.with(build.project(this.plan, list, this.ctx));
  }
  /** drop("a", "b") ignores names that do not exist, as Spark does. */
  drop(...cols: ColumnOrName[]): DataFrame {
    const names = new Set(cols.map((c) => (typeof c === "string" ? c : c.expr.kind === "column" ? c.expr.parts.join(".") : "")).map((s) => s.toLowerCase()));
    const keep = this.plan.output.filter((a) => !names.has(a.name.toLowerCase()));
    if (keep.length === this.plan.output.length) return this;
    return this.with(build.project(this.plan, keep.map((a) => refOf(a.name, a.qualifier)), this.ctx));
  }
  union(other: DataFrame): DataFrame {
    return this.with(build.union([this.plan, other.plan], false, false, this.ctx));
  }
  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }
  /**
   * join(other, on, how): `on` is a column name or list of names (USING: the columns once, first)
   * or a condition Column (or a list of them, ANDed); without `on`, a cartesian product. `how` is
   * one of PySpark's names: inner, left, right, full/outer, left_semi, left_anti, cross, …
   */
  join(other: DataFrame, on?: string | string[] | Column | Column[], how = "inner"): DataFrame {
    const type = joinTypeOf(how);
    const ctx = { ...this.ctx, inputPlans: [this.plan, other.plan] };
    if (on === undefined || (Array.isArray(on) && on.length === 0)) return this.with(join(this.plan, other.plan, type, undefined, this.ctx));
    const list = Array.isArray(on) ? on : [on];
    if (list.every((c) => typeof c === "string")) {
      return this.with(joinUsing(this.plan, other.plan, type, (list as string[]).map((name) => ({ name })), this.ctx));
    }
    const cond = (list as (Column | string)[]).map((c) => toColumn(c).expr)
      .reduce((a, b) => ({ kind: "binary", op: "and", left: a, right: b }) as Expr);
    return this.with(join(this.plan, other.plan, type, cond, ctx));
  }
  crossJoin(other: DataFrame): DataFrame {
    return this.with(join(this.plan, other.plan, "cross", undefined, this.ctx));
  }
  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    return this.with(build.union([this.plan, other.plan], true, allowMissingColumns, this.ctx));
  }
  /** orderBy("a", F.col("b").desc()) or orderBy(["a", "b"], { ascending: [true, false] }). */
  orderBy(...args: (ColumnOrName | ColumnOrName[] | { ascending: boolean | boolean[] })[]): DataFrame {
    const last = args[args.length - 1];
    const opts = last !== undefined && typeof last === "object" && !(last instanceof Column) && !Array.isArray(last) ? (args.pop() as { ascending: boolean | boolean[] }) : undefined;
    const cols = (args as (ColumnOrName | ColumnOrName[])[]).flat().map((c) => toColumn(c));
    const orders = cols.map((c, i) => {
      const asc = opts === undefined ? undefined : Array.isArray(opts.ascending) ? opts.ascending[i] : opts.ascending;
      return asc === undefined ? c.expr : (asc ? c.asc() : c.desc()).expr;
    });
    return this.with(build.sort(this.plan, orders, this.ctx));
  }
  sort(...args: (ColumnOrName | ColumnOrName[] | { ascending: boolean | boolean[] })[]): DataFrame {
    return this.orderBy(...args);
  }
  /** dropDuplicates() on all columns, or dropDuplicates(["a", "b"]). */
  dropDuplicates(subset?: string[] | string, ...more: string[]): DataFrame {
    const cols = subset === undefined ? undefined : [...(Array.isArray(subset) ? subset : [subset]), ...more];
    return this.with(build.dedup(this.plan, cols, false, this.ctx));
  }
  drop_duplicates(subset?: string[]): DataFrame {
    return this.dropDuplicates(subset);
  }
  distinct(): DataFrame {
    return this.dropDuplicates();
  }
  /** Streaming only: duplicates are dropped while their event time is within the watermark delay. */
  dropDuplicatesWithinWatermark(subset?: string[] | string, ...more: string[]): DataFrame {
    const cols = subset === undefined ? undefined : [...(Array.isArray(subset) ? subset : [subset]), ...more];
    return this.with(build.dedup(this.plan, cols, true, this.ctx));
  }
  limit(n: number): DataFrame {
    return this.with(build.limit(this.plan, requireInt(n, "num")));
  }
  withWatermark(eventTime: string, delayThreshold: string): DataFrame {
    requireStr(eventTime, "eventTime", 'The event-time column\'s name: withWatermark("timestamp", "10 minutes").', true);
    requireStr(delayThreshold, "delayThreshold", 'An interval string, as in PySpark: withWatermark("timestamp", "10 minutes") (not a number of seconds).', true);
    return this.with(build.withWatermark(this.plan, eventTime, delayThreshold, this.ctx));
  }
  /** groupBy("a", F.window("ts", "5 minutes")) -> GroupedData; groupBy() aggregates everything. */
  groupBy(...cols: (ColumnOrName | ColumnOrName[])[]): GroupedData {
    return new GroupedData(this, cols.flat().map((c) => toColumn(c).expr), (p) => this.with(p));
  }
  groupby(...cols: (ColumnOrName | ColumnOrName[])[]): GroupedData {
    return this.groupBy(...cols);
  }
  /** Aggregates the whole DataFrame: df.agg(F.max("x")). */
  agg(...exprs: (Column | Record<string, string>)[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }
  alias(name: string): DataFrame {
    return this.with(build.aliasPlan(this.plan, name));
  }
  /** df.col("a") / df["a"] in PySpark. */
  col(name: string): Column {
    const c = col(name);
    if (c.expr.kind !== "column" || c.expr.parts.length !== 1) return c;
    // Spark resolves df["k"] against df at once; the column then stays bound to df's attribute.
    new ExprResolver(this.plan.output, this.ctx).resolve(c.expr);
    return new Column(Object.freeze({ ...c.expr, planId: planIdOf(this.plan) }));
  }

  // ---- views ----
  createOrReplaceTempView(name: string): void {
    this.sparkSession.catalog.registerView(name, this, false, true);
  }
  createTempView(name: string): void {
    this.sparkSession.catalog.registerView(name, this, false, false);
  }
  createOrReplaceGlobalTempView(name: string): void {
    this.sparkSession.catalog.registerView(name, this, true, true);
  }

  // ---- streaming ----
  get writeStream(): DataStreamWriter {
    if (!this.isStreaming) {
      throw userError("WRITE_STREAM_NOT_ALLOWED", "'writeStream' can be called only on streaming Dataset/DataFrame.", { sqlState: "42601" });
    }
    return new DataStreamWriter(this);
  }

  /** The batch writer (df.write…save(path)); a streaming DataFrame is written with writeStream. */
  get write(): DataFrameWriter {
    if (this.isStreaming) {
      throw userError("CALL_ON_STREAMING_DATASET_UNSUPPORTED", "The method `write` can not be called on streaming Dataset/DataFrame.", {
        sqlState: "42KDE", hint: "Use df.writeStream…start() for a streaming DataFrame.",
      });
    }
    return new DataFrameWriter(this);
  }

  // ---- actions (batch only) ----
  private assertBatch(): void {
    if (this.isStreaming) {
      throw userError("UNSUPPORTED_OPERATION", "Queries with streaming sources must be executed with writeStream.start();", {
        sqlState: "0A000", hint: "Use df.writeStream…start() for streaming DataFrames, or spark.read for a batch read.",
      });
    }
  }
  private runSync(plan: Plan = this.plan): InternalRow[] {
    this.assertBatch();
    return runBatchSync(plan, this.batchEnv());
  }
  private runAsync(plan: Plan = this.plan): Promise<InternalRow[]> {
    this.assertBatch();
    return runBatchAsync(plan, this.batchEnv());
  }
  private batchEnv(): BatchEnv {
    const s = this.sparkSession;
    return { sources: s.sourceFactory, nowMs: () => s.clock.nowMs(), planning: s.planningContext() };
  }

  /** The result in the engine's internal representation (see types/data_type.ts). */
  collectRaw(): { schema: StructType; rows: InternalRow[] } {
    return { schema: this.schema, rows: this.runSync() };
  }
  /** collectRaw for DataFrames whose sources are asynchronous too. */
  async collectRawAsync(): Promise<{ schema: StructType; rows: InternalRow[] }> {
    return { schema: this.schema, rows: await this.runAsync() };
  }
  collect(): Row[] {
    const schema = this.schema;
    return this.runSync().map((r) => toPublicRow(schema, r));
  }
  async collectAsync(): Promise<Row[]> {
    const schema = this.schema;
    return (await this.runAsync()).map((r) => toPublicRow(schema, r));
  }
  count(): number {
    return this.runSync().length;
  }
  async countAsync(): Promise<number> {
    return (await this.runAsync()).length;
  }
  take(n: number): Row[] {
    return this.limit(requireInt(n, "num")).collect();
  }
  head(n?: number): Row | Row[] | null {
    if (n === undefined) return this.first();
    return this.take(n);
  }
  first(): Row | null {
    return this.take(1)[0] ?? null;
  }
  isEmpty(): boolean {
    return this.take(1).length === 0;
  }
  toArray(): Row[] {
    return this.collect();
  }
  /**
   * The text show() prints. truncate: true = 20 characters, false = no limit, or a number. As
   * PySpark's show(n=20, truncate=True, vertical=False), the arguments may also come as one
   * object of keyword arguments: show({ truncate: false }).
   */
  showString(n: number | ShowOptions = 20, truncate: boolean | number = true, vertical = false): string {
    const o = showArguments(n, truncate, vertical);
    const rows = this.runSync(build.limit(this.plan, Math.max(0, o.n) + 1));
    return this.format(rows, o.n, o.truncate, o.vertical);
  }
  show(n: number | ShowOptions = 20, truncate: boolean | number = true, vertical = false): void {
    // PySpark prints the text with print(), which adds a newline.
    this.sparkSession.stdout(this.showString(n, truncate, vertical) + "\n");
  }
  async showAsync(n: number | ShowOptions = 20, truncate: boolean | number = true, vertical = false): Promise<void> {
    const o = showArguments(n, truncate, vertical);
    const rows = await this.runAsync(build.limit(this.plan, Math.max(0, o.n) + 1));
    this.sparkSession.stdout(this.format(rows, o.n, o.truncate, o.vertical) + "\n");
  }
  private format(rows: InternalRow[], n: number, truncate: boolean | number, vertical: boolean): string {
    const t = truncate === true ? 20 : truncate === false ? 0 : truncate;
    return showString(this.schema, rows, n, t, this.sparkSession.timeZone, vertical);
  }

  toString(): string {
    return `DataFrame[${this.plan.output.map((a) => `${a.name}: ${a.type.simpleString()}`).join(", ")}]`;
  }
}

/** PySpark's show() keyword arguments. */
export interface ShowOptions {
  n?: number;
  truncate?: boolean | number;
  vertical?: boolean;
}

/** show()'s arguments, positional or as keywords, checked as PySpark checks them. */
function showArguments(n: number | ShowOptions, truncate: boolean | number, vertical: boolean): Required<ShowOptions> {
  const o = typeof n === "object" && n !== null ? keywordArguments("show", n, ["n", "truncate", "vertical"]) : { n, truncate, vertical };
  const args = { n: o.n ?? 20, truncate: o.truncate ?? true, vertical: o.vertical ?? false };
  if (typeof args.n !== "number" || !Number.isInteger(args.n)) {
    throw userError("NOT_INT", `Argument \`n\` should be an int, got ${typeName(args.n)}.`, { hint: "show(n) takes the number of rows: show(5), or show({ n: 5, truncate: false })." });
  }
  if (typeof args.vertical !== "boolean") throw userError("NOT_BOOL", `Argument \`vertical\` should be a bool, got ${typeName(args.vertical)}.`);
  if (typeof args.truncate !== "boolean" && !Number.isInteger(args.truncate)) {
    throw userError("NOT_BOOL", `Argument \`truncate\` should be a bool, got ${typeName(args.truncate)}.`);
  }
  return args as Required<ShowOptions>;
}

function refOf(name: string, qualifier?: string): Expr {
  return { kind: "column", parts: qualifier ? [qualifier, name] : [name] };
}

function aliasOf(e: Expr, name: string): Expr {
  return { kind: "alias", arg: e, names: [name] };
}

export type { ColumnOrValue };
