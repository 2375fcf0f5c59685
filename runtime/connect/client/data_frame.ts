// The DataFrame of a remote session: the same methods as the embedded DataFrame (api/data_frame.ts),
// building a Spark Connect Relation instead of an analyzed plan, as PySpark's Connect DataFrame
// does. Transformations are lazy (the server analyzes them when an action, schema or start() sends
// the plan); actions send the plan and read the Arrow result.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { userError } from "../../errors.ts";
import type { Expr } from "../../expr/expr.ts";
import { Column, col, toColumn } from "../../api/column.ts";
import { toPublicRow, type Row } from "../../api/row.ts";
import type { StructType } from "../../types/data_type.ts";
import { AnalyzePlanRequest_Explain_ExplainMode } from "../gen/spark/connect/base_pb.ts";
import { type Relation, RelationSchema, Join_JoinType, SetOperation_SetOpType, Aggregate_GroupType } from "../gen/spark/connect/relations_pb.ts";
import { structFromProto } from "../data_type_proto.ts";
import { sortOrderOf, sqlExpression, toProtoExpr } from "../expression_proto.ts";
import type { ConnectSparkSession } from "./session.ts";
import { ConnectDataFrameWriter } from "./data_frame_writer.ts";
import { ConnectDataStreamWriter } from "./data_stream_writer.ts";
import { ConnectGroupedData } from "./grouped_data.ts";

type ColumnOrName = Column | string;
type RelType = MessageInitShape<typeof RelationSchema>["relType"];

const JOIN_TYPES: Record<string, Join_JoinType> = {
  inner: Join_JoinType.INNER, cross: Join_JoinType.CROSS,
  outer: Join_JoinType.FULL_OUTER, full: Join_JoinType.FULL_OUTER, fullouter: Join_JoinType.FULL_OUTER, full_outer: Join_JoinType.FULL_OUTER,
  left: Join_JoinType.LEFT_OUTER, leftouter: Join_JoinType.LEFT_OUTER, left_outer: Join_JoinType.LEFT_OUTER,
  right: Join_JoinType.RIGHT_OUTER, rightouter: Join_JoinType.RIGHT_OUTER, right_outer: Join_JoinType.RIGHT_OUTER,
  semi: Join_JoinType.LEFT_SEMI, leftsemi: Join_JoinType.LEFT_SEMI, left_semi: Join_JoinType.LEFT_SEMI,
  anti: Join_JoinType.LEFT_ANTI, leftanti: Join_JoinType.LEFT_ANTI, left_anti: Join_JoinType.LEFT_ANTI,
};

function joinTypeOf(how: string): Join_JoinType {
  const t = JOIN_TYPES[how.toLowerCase()];
  if (t === undefined) {
    throw userError("UNSUPPORTED_JOIN_TYPE",
      `Unsupported join type '${how}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.`,
      { sqlState: "0A000" });
  }
  return t;
}

export class ConnectDataFrame {
  private cachedSchema?: StructType;

  constructor(readonly sparkSession: ConnectSparkSession, readonly relation: Relation) {}

  /** A new DataFrame over `relType`, with a fresh plan id (as PySpark numbers its plans). */
  private with(relType: RelType): ConnectDataFrame {
    return this.sparkSession.dataFrameOf(relType);
  }
  private get client() {
    return this.sparkSession.client;
  }
  private plan() {
    return { opType: { case: "root" as const, value: this.relation } };
  }

  // ---- shape ----
  get schema(): StructType {
    if (!this.cachedSchema) {
      const r = this.sparkSession.analyze({ case: "schema", value: { plan: this.plan() } });
      this.cachedSchema = structFromProto(r.result.case === "schema" ? r.result.value.schema : undefined);
    }
    return this.cachedSchema;
  }
  get columns(): string[] {
    return this.schema.fields.map((f) => f.name);
  }
  get dtypes(): [string, string][] {
    return this.schema.fields.map((f) => [f.name, f.dataType.simpleString()]);
  }
  get isStreaming(): boolean {
    const r = this.sparkSession.analyze({ case: "isStreaming", value: { plan: this.plan() } });
    return r.result.case === "isStreaming" && r.result.value.isStreaming;
  }
  printSchema(): void {
    const r = this.sparkSession.analyze({ case: "treeString", value: { plan: this.plan() } });
    this.sparkSession.stdout(r.result.case === "treeString" ? r.result.value.treeString : "");
  }
  /** Spark's explain output, computed by the server (AnalyzePlan). */
  explain(extended: boolean | string = false): void {
    this.sparkSession.stdout(this.explainString(extended) + "\n");
  }
  explainString(extended: boolean | string = false): string {
    const mode = extended === true || extended === "extended" ? AnalyzePlanRequest_Explain_ExplainMode.EXTENDED
      : extended === "formatted" ? AnalyzePlanRequest_Explain_ExplainMode.FORMATTED
      : extended === "codegen" ? AnalyzePlanRequest_Explain_ExplainMode.CODEGEN
      : extended === "cost" ? AnalyzePlanRequest_Explain_ExplainMode.COST
      : AnalyzePlanRequest_Explain_ExplainMode.SIMPLE;
    const r = this.sparkSession.analyze({ case: "explain", value: { plan: this.plan(), explainMode: mode } });
    return r.result.case === "explain" ? r.result.value.explainString.replace(/\n$/, "") : "";
  }

  // ---- transformations ----
  select(...cols: (ColumnOrName | ColumnOrName[])[]): ConnectDataFrame {
    const list = cols.flat().map((c) => toProtoExpr(toColumn(c).expr));
    return this.with({ case: "project", value: { input: this.relation, expressions: list } });
  }
  selectExpr(...exprs: (string | string[])[]): ConnectDataFrame {
    return this.with({ case: "project", value: { input: this.relation, expressions: exprs.flat().map(sqlExpression) } });
  }
  filter(condition: Column | string): ConnectDataFrame {
    const c = typeof condition === "string" ? sqlExpression(condition) : toProtoExpr(condition.expr);
    return this.with({ case: "filter", value: { input: this.relation, condition: c } });
  }
  where(condition: Column | string): ConnectDataFrame {
    return this.filter(condition);
  }
  withColumn(name: string, column: Column): ConnectDataFrame {
    return this.withColumns({ [name]: column });
  }
  withColumns(colsMap: Record<string, Column> | Map<string, Column>): ConnectDataFrame {
    const entries = colsMap instanceof Map ? [...colsMap] : Object.entries(colsMap);
    const aliases = entries.map(([n, c]) => ({ expr: toProtoExpr(c.expr), name: [n] }));
    return this.with({ case: "withColumns", value: { input: this.relation, aliases } });
  }
  withColumnRenamed(existing: string, newName: string): ConnectDataFrame {
    return this.withColumnsRenamed({ [existing]: newName });
  }
  withColumnsRenamed(renames: Record<string, string>): ConnectDataFrame {
    return this.with({
      case: "withColumnsRenamed",
      value: { input: this.relation, renames: Object.entries(renames).map(([colName, newColName]) => ({ colName, newColName })) },
    });
  }
  drop(...cols: ColumnOrName[]): ConnectDataFrame {
    const names = cols.filter((c): c is string => typeof c === "string");
    const columns = cols.filter((c): c is Column => typeof c !== "string").map((c) => toProtoExpr(c.expr));
    return this.with({ case: "drop", value: { input: this.relation, columnNames: names, columns } });
  }
  private setOp(other: ConnectDataFrame, byName: boolean, allowMissingColumns: boolean): ConnectDataFrame {
    return this.with({
      case: "setOp",
      value: { leftInput: this.relation, rightInput: other.relation, setOpType: SetOperation_SetOpType.UNION, isAll: true, byName, allowMissingColumns },
    });
  }
  union(other: ConnectDataFrame): ConnectDataFrame {
    return this.setOp(other, false, false);
  }
  unionAll(other: ConnectDataFrame): ConnectDataFrame {
    return this.union(other);
  }
  unionByName(other: ConnectDataFrame, allowMissingColumns = false): ConnectDataFrame {
    return this.setOp(other, true, allowMissingColumns);
  }
  join(other: ConnectDataFrame, on?: string | string[] | Column | Column[], how = "inner"): ConnectDataFrame {
    const joinType = joinTypeOf(how);
    const list = on === undefined ? [] : Array.isArray(on) ? on : [on];
    if (list.length > 0 && list.every((c) => typeof c === "string")) {
      return this.with({ case: "join", value: { left: this.relation, right: other.relation, joinType, usingColumns: list as string[] } });
    }
    const cond = list.length === 0 ? undefined
      : (list as (Column | string)[]).map((c) => toColumn(c).expr).reduce((a, b) => ({ kind: "binary", op: "and", left: a, right: b }) as Expr);
    return this.with({
      case: "join",
      value: { left: this.relation, right: other.relation, joinType, joinCondition: cond && toProtoExpr(cond) },
    });
  }
  crossJoin(other: ConnectDataFrame): ConnectDataFrame {
    return this.with({ case: "join", value: { left: this.relation, right: other.relation, joinType: Join_JoinType.CROSS } });
  }
  orderBy(...args: (ColumnOrName | ColumnOrName[] | { ascending: boolean | boolean[] })[]): ConnectDataFrame {
    const last = args[args.length - 1];
    const opts = last !== undefined && typeof last === "object" && !(last instanceof Column) && !Array.isArray(last) ? (args.pop() as { ascending: boolean | boolean[] }) : undefined;
    const cols = (args as (ColumnOrName | ColumnOrName[])[]).flat().map((c) => toColumn(c));
    const order = cols.map((c, i) => {
      const asc = opts === undefined ? undefined : Array.isArray(opts.ascending) ? opts.ascending[i] : opts.ascending;
      return sortOrderOf((asc === undefined ? c : asc ? c.asc() : c.desc()).expr);
    });
    return this.with({ case: "sort", value: { input: this.relation, order, isGlobal: true } });
  }
  sort(...args: (ColumnOrName | ColumnOrName[] | { ascending: boolean | boolean[] })[]): ConnectDataFrame {
    return this.orderBy(...args);
  }
  private dedup(subset: string[] | string | undefined, more: string[], withinWatermark: boolean): ConnectDataFrame {
    const cols = subset === undefined ? undefined : [...(Array.isArray(subset) ? subset : [subset]), ...more];
    return this.with({
      case: "deduplicate",
      value: { input: this.relation, columnNames: cols ?? [], allColumnsAsKeys: cols === undefined, withinWatermark },
    });
  }
  dropDuplicates(subset?: string[] | string, ...more: string[]): ConnectDataFrame {
    return this.dedup(subset, more, false);
  }
  drop_duplicates(subset?: string[]): ConnectDataFrame {
    return this.dropDuplicates(subset);
  }
  distinct(): ConnectDataFrame {
    return this.dropDuplicates();
  }
  dropDuplicatesWithinWatermark(subset?: string[] | string, ...more: string[]): ConnectDataFrame {
    return this.dedup(subset, more, true);
  }
  limit(n: number): ConnectDataFrame {
    return this.with({ case: "limit", value: { input: this.relation, limit: n } });
  }
  withWatermark(eventTime: string, delayThreshold: string): ConnectDataFrame {
    return this.with({ case: "withWatermark", value: { input: this.relation, eventTime, delayThreshold } });
  }
  groupBy(...cols: (ColumnOrName | ColumnOrName[])[]): ConnectGroupedData {
    return new ConnectGroupedData(this, cols.flat().map((c) => toColumn(c).expr));
  }
  groupby(...cols: (ColumnOrName | ColumnOrName[])[]): ConnectGroupedData {
    return this.groupBy(...cols);
  }
  agg(...exprs: (Column | Record<string, string>)[]): ConnectDataFrame {
    return this.groupBy().agg(...exprs);
  }
  /** The aggregate relation GroupedData builds. */
  aggregate(groupings: readonly Expr[], aggregates: readonly Expr[]): ConnectDataFrame {
    return this.with({
      case: "aggregate",
      value: {
        input: this.relation, groupType: Aggregate_GroupType.GROUPBY,
        groupingExpressions: groupings.map((g) => toProtoExpr(g)), aggregateExpressions: aggregates.map((a) => toProtoExpr(a)),
      },
    });
  }
  alias(name: string): ConnectDataFrame {
    return this.with({ case: "subqueryAlias", value: { input: this.relation, alias: name } });
  }
  /** df["k"]: the column of this DataFrame, sent with its relation's plan id as PySpark sends it. */
  col(name: string): Column {
    const c = col(name);
    const planId = this.relation.common?.planId;
    if (c.expr.kind !== "column" || c.expr.parts.length !== 1 || planId === undefined) return c;
    return new Column(Object.freeze({ ...c.expr, planId: Number(planId) }));
  }

  // ---- views ----
  private createView(name: string, global: boolean, replace: boolean): void {
    this.client.commandSync({ commandType: { case: "createDataframeView", value: { input: this.relation, name, isGlobal: global, replace } } });
  }
  createOrReplaceTempView(name: string): void {
    this.createView(name, false, true);
  }
  createTempView(name: string): void {
    this.createView(name, false, false);
  }
  createOrReplaceGlobalTempView(name: string): void {
    this.createView(name, true, true);
  }

  // ---- writing ----
  get write(): ConnectDataFrameWriter {
    return new ConnectDataFrameWriter(this);
  }
  get writeStream(): ConnectDataStreamWriter {
    return new ConnectDataStreamWriter(this);
  }

  // ---- actions ----
  /** The result in the engine's internal representation (see types/data_type.ts). */
  collectRaw(): { schema: StructType; rows: unknown[][] } {
    const r = this.client.collectSync(this.relation);
    return { schema: r.schema ?? this.schema, rows: r.rows };
  }
  collect(): Row[] {
    const { schema, rows } = this.collectRaw();
    return rows.map((r) => toPublicRow(schema, r));
  }
  async collectAsync(): Promise<Row[]> {
    const r = await this.client.collect(this.relation);
    const schema = r.schema ?? this.schema;
    return r.rows.map((x) => toPublicRow(schema, x));
  }
  count(): number {
    const { rows } = this.groupBy().count().collectRaw();
    return Number(rows[0]?.[0] ?? 0);
  }
  async countAsync(): Promise<number> {
    const r = await this.client.collect(this.groupBy().count().relation);
    return Number(r.rows[0]?.[0] ?? 0);
  }
  take(n: number): Row[] {
    return this.limit(n).collect();
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
  private showRelation(n: number, truncate: boolean | number, vertical: boolean): Relation {
    const t = truncate === true ? 20 : truncate === false ? 0 : truncate;
    return this.with({ case: "showString", value: { input: this.relation, numRows: n, truncate: t, vertical } }).relation;
  }
  /** The text show() prints, formatted by the server (Spark's own showString). */
  showString(n = 20, truncate: boolean | number = true, vertical = false): string {
    const { rows } = this.client.collectSync(this.showRelation(n, truncate, vertical));
    return String(rows[0]?.[0] ?? "");
  }
  show(n = 20, truncate: boolean | number = true, vertical = false): void {
    this.sparkSession.stdout(this.showString(n, truncate, vertical) + "\n");
  }
  async showAsync(n = 20, truncate: boolean | number = true, vertical = false): Promise<void> {
    const { rows } = await this.client.collect(this.showRelation(n, truncate, vertical));
    this.sparkSession.stdout(String(rows[0]?.[0] ?? "") + "\n");
  }

  toString(): string {
    return `DataFrame[${this.schema.fields.map((f) => `${f.name}: ${f.dataType.simpleString()}`).join(", ")}]`;
  }
}

