// The table commands of spark.sql: CREATE [OR REPLACE] TABLE … [AS query], INSERT INTO /
// INSERT OVERWRITE, DROP TABLE, TRUNCATE TABLE, over the session catalog (runtime/catalog/). They
// run at once, as Spark's commands do. INSERT follows Spark's ANSI store assignment: the query's
// columns are matched to the table's by position (or by the column list / BY NAME), each must
// cast safely (INCOMPATIBLE_DATA_FOR_TABLE), and values that do not fit fail the insert.
import { isAbsolute, resolve } from "node:path";
import { rmSync, mkdirSync } from "node:fs";
import { DataFrame } from "../api/data_frame.ts";
import type { SparkSession } from "../api/session.ts";
import { type CatalogTable, qualifiedTableName, tableNotFound } from "../catalog/catalog_table.ts";
import { checkFormatSchema, TABLE_FORMATS } from "../catalog/format_writers.ts";
import { hasData, removeTableData, writeTableRows } from "../catalog/table_files.ts";
import { tableFrame } from "../catalog/table_plan.ts";
import { databaseOf } from "../catalog/table_store.ts";
import { quoteIdent, SluiceError, userError } from "../errors.ts";
import { canAnsiStoreAssign } from "../expr/coercion.ts";
import { castFunction } from "../expr/cast.ts";
import { sqlType } from "../expr/expr_errors.ts";
import type { Expr } from "../expr/expr.ts";
import type { Plan } from "../plan/plan.ts";
import type { Row } from "../plugin/contract.ts";
import { type DataType, NULL, StructField, StructType } from "../types/data_type.ts";
import type { Binder } from "./binder.ts";
import type { Statement } from "./statement_ast.ts";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

function warehouseDir(spark: SparkSession): string {
  const dir = spark.conf.get("spark.sql.warehouse.dir") ?? "spark-warehouse";
  return resolve(dir.replace(/^file:(\/\/)?/, ""));
}

function providerOf(spark: SparkSession, given: string | undefined): string {
  const p = (given ?? spark.conf.get("spark.sql.sources.default") ?? "parquet").toLowerCase();
  if (!(TABLE_FORMATS as readonly string[]).includes(p)) {
    throw userError("DATA_SOURCE_NOT_FOUND",
      `Failed to find the data source: ${given ?? p}. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.`,
      { sqlState: "42K02", hint: `Sluice's catalog tables are stored as ${TABLE_FORMATS.join(", ")}.` });
  }
  return p;
}

/** The schema with the partition columns moved last, in PARTITIONED BY order (as Spark stores it). */
function withPartitionsLast(schema: StructType, partitionBy: readonly string[], table: string): StructType {
  const parts = partitionBy.map((p) => {
    const f = schema.fields.find((x) => x.name.toLowerCase() === p.toLowerCase());
    if (!f) {
      throw userError("COLUMN_NOT_DEFINED_IN_TABLE",
        `PARTITION column ${quoteIdent(p)} is not defined in table ${qualifiedTableName("default", table)}, defined table columns are: ${schema.fields.map((x) => quoteIdent(x.name)).join(", ")}.`,
        { sqlState: "42703" });
    }
    return f;
  });
  const data = schema.fields.filter((f) => !parts.includes(f));
  if (data.length === 0) {
    throw userError("ALL_PARTITION_COLUMNS_NOT_ALLOWED", "Cannot use all columns for partition columns.", { sqlState: "KD005" });
  }
  return new StructType([...data, ...parts]);
}

function checkDuplicateColumns(schema: StructType): void {
  const seen = new Set<string>();
  for (const f of schema.fields) {
    const k = f.name.toLowerCase();
    if (seen.has(k)) throw userError("COLUMN_ALREADY_EXISTS", `The column ${quoteIdent(f.name)} already exists. Choose another name or rename the existing column.`, { sqlState: "42711" });
    seen.add(k);
  }
}

export function createTable(spark: SparkSession, s: Of<"createTable">, binder: Binder): void {
  const { database, name } = databaseOf(s.name);
  const store = spark.catalog.store;
  const existing = store.get(name, database);
  if (existing && s.ifNotExists) return;
  if (existing && !s.replace) throw userError("TABLE_OR_VIEW_ALREADY_EXISTS", tableExistsMessage(database, name), { sqlState: "42P07", position: s.origin });
  if (s.query && s.columns) {
    throw userError("_LEGACY_ERROR_TEMP_0035", "Operation not allowed: Schema may not be specified in a Create Table As Select (CTAS) statement.", { position: s.origin });
  }
  const provider = providerOf(spark, s.provider);
  const managed = s.location === undefined;
  const location = managed ? resolve(warehouseDir(spark), name.toLowerCase()) : isAbsolute(s.location!) ? s.location! : resolve(s.location!);
  let plan: Plan | undefined;
  let schema: StructType;
  const columnComments: Record<string, string> = {};
  if (s.query) {
    plan = binder.bindTopQuery(s.query);
    if (plan.streaming) throw userError("CALL_ON_STREAMING_DATASET_UNSUPPORTED", "The method `saveAsTable` can not be called on streaming Dataset/DataFrame.", { sqlState: "42KDE" });
    schema = new StructType(plan.output.map((a) => new StructField(a.name, a.type.kind === "null" ? NULL : a.type, true)));
  } else if (s.columns && s.columns.length > 0) {
    schema = new StructType(s.columns.map((c) => new StructField(c.name, c.type, c.nullable)));
    for (const c of s.columns) if (c.comment !== undefined) columnComments[c.name] = c.comment;
  } else if (!managed) {
    schema = tableFrame(spark, { provider, location, options: s.options } as CatalogTable).schema;
  } else {
    throw userError("UNABLE_TO_INFER_SCHEMA", `Unable to infer schema for ${provider.charAt(0).toUpperCase() + provider.slice(1)}. It must be specified manually.`, { sqlState: "42KD9", position: s.origin });
  }
  checkDuplicateColumns(schema);
  if (schema.fields.some((f) => f.dataType.kind === "null")) {
    const f = schema.fields.find((x) => x.dataType.kind === "null")!;
    throw userError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", `The ${provider} datasource doesn't support the column ${quoteIdent(f.name)} of the type "VOID".`, { sqlState: "0A000" });
  }
  schema = withPartitionsLast(schema, s.partitionBy, name);
  checkFormatSchema(provider, new StructType(schema.fields.filter((f) => !s.partitionBy.some((p) => p.toLowerCase() === f.name.toLowerCase()))));
  if (existing && s.replace) dropTableData(existing);
  if (managed && hasData(location)) {
    throw userError("LOCATION_ALREADY_EXISTS",
      `Cannot name the managed table as ${qualifiedTableName(database, name)}, as its associated location '${"file:" + location}' already exists. Please pick a different table name, or remove the existing location first.`,
      { sqlState: "42710", position: s.origin });
  }
  const table: CatalogTable = {
    name, database, provider, schema, partitionColumns: s.partitionBy.map((p) => schema.fields.find((f) => f.name.toLowerCase() === p.toLowerCase())!.name),
    location, managed: managed && !s.external, options: s.options, comment: s.comment, properties: s.properties, columnComments,
  };
  mkdirSync(location, { recursive: true });
  if (plan) {
    const rows = new DataFrame(spark, plan).collectRaw().rows as Row[];
    const ordered = reorder(rows, plan.output.map((a) => a.name), table.schema);
    writeTableRows(table, ordered, true, spark.timeZone);
  }
  store.create(table, true);
}

/**
 * DataStreamWriter.toTable's table: the catalog table `tableName`, which must be stored as
 * `format` (spark.sql.sources.default when not given), or a new managed one of the stream's
 * columns (nullable) and `partitionBy`, as Spark's toTable creates it before starting.
 */
export function streamingTargetTable(spark: SparkSession, tableName: string, format: string | undefined, schema: StructType, partitionBy: readonly string[]): CatalogTable {
  if (spark.catalog.isTempView(tableName)) {
    throw userError("_LEGACY_ERROR_TEMP_1190", `Temporary view ${tableName} doesn't support streaming write.`);
  }
  const { database, name } = databaseOf(tableName.split("."));
  const store = spark.catalog.store;
  const existing = store.get(name, database);
  const source = (format ?? spark.conf.get("spark.sql.sources.default") ?? "parquet").toLowerCase();
  if (existing) {
    if (source !== existing.provider) {
      throw userError("_LEGACY_ERROR_TEMP_1192", `The input source(${source}) is different from the table ${tableName}'s data source provider(${existing.provider}).`);
    }
    return existing;
  }
  const provider = providerOf(spark, source);
  const columns = withPartitionsLast(new StructType(schema.fields.map((f) => new StructField(f.name, f.dataType, true))), partitionBy, name);
  checkDuplicateColumns(columns);
  checkFormatSchema(provider, new StructType(columns.fields.filter((f) => !partitionBy.some((p) => p.toLowerCase() === f.name.toLowerCase()))));
  const location = resolve(warehouseDir(spark), name.toLowerCase());
  if (hasData(location)) {
    throw userError("LOCATION_ALREADY_EXISTS",
      `Cannot name the managed table as ${qualifiedTableName(database, name)}, as its associated location '${"file:" + location}' already exists. Please pick a different table name, or remove the existing location first.`,
      { sqlState: "42710" });
  }
  const table: CatalogTable = {
    name, database, provider, schema: columns,
    partitionColumns: partitionBy.map((p) => columns.fields.find((f) => f.name.toLowerCase() === p.toLowerCase())!.name),
    location, managed: true, options: {}, properties: {}, columnComments: {},
  };
  mkdirSync(location, { recursive: true });
  store.create(table);
  return table;
}

function tableExistsMessage(database: string, name: string): string {
  return `Cannot create table or view ${quoteIdent(database)}.${quoteIdent(name)} because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.`;
}

/** Rows of the query output (columns `names`) in the table's column order (partition columns moved). */
function reorder(rows: readonly Row[], names: readonly string[], schema: StructType): Row[] {
  const idx = schema.fields.map((f) => names.findIndex((n) => n.toLowerCase() === f.name.toLowerCase()));
  if (idx.every((i, k) => i === k)) return rows as Row[];
  return rows.map((r) => idx.map((i) => r[i]));
}

function dropTableData(t: CatalogTable): void {
  if (t.managed) rmSync(t.location, { recursive: true, force: true });
}

/** DROP TABLE: a temp view of the name goes first (as Spark's DROP TABLE drops it too), then the table. */
export function dropTable(spark: SparkSession, s: Of<"dropView">): void {
  if (s.name.length === 1 && spark.catalog.isTempView(s.name[0]!)) {
    spark.catalog.dropTempView(s.name[0]!);
    return;
  }
  const { database, name } = databaseOf(s.name);
  const t = spark.catalog.store.drop(name, database);
  if (t) {
    dropTableData(t);
    return;
  }
  if (!s.ifExists) throw tableNotFound(s.name).at(s.origin);
}

export function truncateTable(spark: SparkSession, s: Of<"truncateTable">): void {
  const t = spark.catalog.catalogTable(s.name);
  if (!t) throw tableNotFound(s.name).at(s.origin);
  if (!t.managed) {
    throw userError("_LEGACY_ERROR_TEMP_1266", `Operation not allowed: TRUNCATE TABLE on external tables: ${qualifiedTableName(t.database, t.name)}.`, { position: s.origin });
  }
  removeTableData(t);
}

export function insertInto(spark: SparkSession, s: Of<"insert">, binder: Binder): void {
  if (s.name.length === 1 && spark.catalog.isTempView(s.name[0]!)) {
    throw userError("UNSUPPORTED_INSERT.RDD_BASED", "Can't insert into the target. An RDD-based table is not allowed.", { sqlState: "42809", position: s.origin });
  }
  const t = spark.catalog.catalogTable(s.name);
  if (!t) throw tableNotFound(s.name).at(s.origin);
  const fullName = qualifiedTableName(t.database, t.name);
  const fields = t.schema.fields;
  const fieldIndex = (n: string) => fields.findIndex((f) => f.name.toLowerCase() === n.toLowerCase());
  // Static partition values PARTITION (p = v) are not in the query's columns.
  const staticValues = new Map<number, unknown>();
  for (const p of s.partition ?? []) {
    const i = fieldIndex(p.name);
    if (i < 0 || !t.partitionColumns.some((c) => c.toLowerCase() === p.name.toLowerCase())) {
      throw userError("PARTITIONS_NOT_FOUND", `The partition(s) PARTITION (${quoteIdent(p.name)}) cannot be found in table ${fullName}.`, { sqlState: "428FT", position: s.origin });
    }
    if (p.value !== undefined) staticValues.set(i, constantOf(spark, binder, p.value, fields[i]!.dataType));
  }
  const plan = binder.bindTopQuery(s.query);
  if (plan.streaming) throw userError("CALL_ON_STREAMING_DATASET_UNSUPPORTED", "The method `insertInto` can not be called on streaming Dataset/DataFrame.", { sqlState: "42KDE" });
  // Which table column each query column fills.
  let targets: number[];
  if (s.byName) {
    targets = plan.output.map((a) => {
      const i = fieldIndex(a.name);
      if (i < 0) {
        throw userError("INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS",
          `Cannot write incompatible data for the table ${fullName}: Cannot find extra columns ${quoteIdent(a.name)}.`, { sqlState: "KD000" });
      }
      return i;
    });
  } else if (s.columns) {
    targets = s.columns.map((c) => {
      const i = fieldIndex(c);
      if (i < 0) {
        throw userError("UNRESOLVED_COLUMN.WITH_SUGGESTION",
          `A column, variable, or function parameter with name ${quoteIdent(c)} cannot be resolved. Did you mean one of the following? [${fields.map((f) => quoteIdent(f.name)).join(", ")}].`,
          { sqlState: "42703", position: s.origin });
      }
      return i;
    });
    const dup = targets.find((x, k) => targets.indexOf(x) !== k);
    if (dup !== undefined) throw userError("COLUMN_ALREADY_EXISTS", `The column ${quoteIdent(fields[dup]!.name)} already exists. Choose another name or rename the existing column.`, { sqlState: "42711" });
  } else {
    targets = fields.map((_, i) => i).filter((i) => !staticValues.has(i));
  }
  const expected = targets.length;
  if (plan.output.length !== expected) {
    const more = plan.output.length > expected;
    throw userError(more ? "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS" : "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
      `Cannot write to ${fullName}, the reason is ${more ? "too many" : "not enough"} data columns:\nTable columns: ${targets.map((i) => quoteIdent(fields[i]!.name)).join(", ")}.\nData columns: ${plan.output.map((a) => quoteIdent(a.name)).join(", ")}.`,
      { sqlState: "21S01", position: s.origin });
  }
  const casts = plan.output.map((a, k) => {
    const to = fields[targets[k]!]!;
    if (!canAnsiStoreAssign(a.type, to.dataType)) {
      throw userError("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST",
        `Cannot write incompatible data for the table ${fullName}: Cannot safely cast ${quoteIdent(to.name)} ${sqlType(a.type)} to ${sqlType(to.dataType)}.`,
        { sqlState: "KD000", position: s.origin });
    }
    return storeCast(a.type, to.dataType, to.name, spark.timeZone);
  });
  const defaults = fields.map((f, i) => (staticValues.has(i) ? staticValues.get(i) : null));
  const rows = (new DataFrame(spark, plan).collectRaw().rows as Row[]).map((r) => {
    const out = defaults.slice();
    for (let k = 0; k < targets.length; k++) out[targets[k]!] = r[k] === null || r[k] === undefined ? null : casts[k]!(r[k]);
    fields.forEach((f, i) => {
      if (!f.nullable && out[i] === null) {
        throw new SluiceError("NOT_NULL_ASSERT_VIOLATION", `NULL value appeared in non-nullable field: ${quoteIdent(f.name)}.\nIf the schema is inferred from a Scala tuple/case class, or a Java bean, please try to use scala.Option[_] or other nullable types (such as java.lang.Integer instead of int/scala.Int).`, { sqlState: "42000" });
      }
    });
    return out;
  });
  writeTableRows(t, rows, s.overwrite, spark.timeZone);
}

/** The cast an INSERT applies to a column: ANSI, with overflow reported as CAST_OVERFLOW_IN_TABLE_INSERT. */
function storeCast(from: DataType, to: DataType, column: string, timeZone: string): (v: unknown) => unknown {
  if (from.simpleString() === to.simpleString()) return (v) => v;
  const cast = castFunction(from, to, true, timeZone);
  return (v) => {
    try {
      return cast(v);
    } catch (e) {
      if (e instanceof SluiceError && e.code === "CAST_OVERFLOW") {
        throw new SluiceError("CAST_OVERFLOW_IN_TABLE_INSERT",
          `Fail to assign a value of ${sqlType(from)} type to the ${sqlType(to)} type column or variable ${quoteIdent(column)} due to an overflow. Use \`try_cast\` on the input value to tolerate overflow and return NULL instead.`,
          { sqlState: "22003" });
      }
      throw e;
    }
  };
}

/** The value of a PARTITION (p = v) literal, cast to the column's type. */
function constantOf(spark: SparkSession, binder: Binder, e: Expr, type: DataType): unknown {
  const plan = binder.bindTopQuery({ kind: "query", ctes: [], orderBy: [], origin: e.origin!, body: { kind: "select", distinct: false, items: [e], windows: [], lateralViews: [], origin: e.origin! } });
  const [row] = new DataFrame(spark, plan).collectRaw().rows as Row[];
  const v = row?.[0] ?? null;
  const from = plan.output[0]!.type;
  return v === null ? null : storeCast(from, type, "partition", spark.timeZone)(v);
}
