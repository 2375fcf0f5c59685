// spark.sql(text): parses one statement and runs it. A query becomes a DataFrame over the bound
// plan (streaming when any input is); commands (CREATE/DROP VIEW, SET, SHOW TABLES) run at once
// and return their result rows as a batch DataFrame, as Spark's do; EXPLAIN returns the plan text.
import { DataFrame } from "../api/data_frame.ts";
import type { SparkSession } from "../api/session.ts";
import { literalExpr } from "../api/column.ts";
import { userError } from "../errors.ts";
import { attributesOf } from "../plan/attribute.ts";
import { explainText, planQuery } from "../planner/mod.ts";
import type { Plan } from "../plan/plan.ts";
import { BOOLEAN, STRING, StructField, StructType } from "../types/data_type.ts";
import { Binder, renameColumns, type SqlEnvironment } from "./binder.ts";
import type { Statement } from "./statement_ast.ts";
import { createTable, dropTable, insertInto, truncateTable } from "./table_commands.ts";
import type { CatalogTable } from "../catalog/catalog_table.ts";
import { parseStatement } from "./statement_parser.ts";
import { describeFunction, showFunctions } from "./function_catalog.ts";

export function sqlEnvironment(spark: SparkSession): SqlEnvironment {
  return {
    lookupRelation: (name) => spark.catalog.lookup(name.join(".")),
    isTemporary: (name) => !(spark.catalog.catalogTable(name) && !(name.length === 1 && spark.catalog.isTempView(name[0]!))),
    resolveContext: () => spark.resolveContext(),
    conf: (key) => spark.conf.get(key),
  };
}

/** Values for parameter markers: `{ name: value }` for `:name`, or `[v1, v2]` for `?`, `?`. */
export type SqlArgs = Record<string, unknown> | readonly unknown[];

/** Runs one SQL statement (trailing semicolons allowed). Throws SluiceError with Spark's classes. */
export function runSql(spark: SparkSession, text: string, args?: SqlArgs): DataFrame {
  const params = args === undefined ? undefined
    : Array.isArray(args) ? args.map((v) => literalExpr(v))
    : new Map(Object.entries(args).map(([k, v]) => [k, literalExpr(v)] as const));
  const statement = parseStatement(text, {
    timeZone: spark.timeZone, params, legacySetOpsPrecedence: spark.conf.getBoolean("spark.sql.legacy.setopsPrecedence.enabled"),
    legacyConsecutiveStringLiterals: spark.conf.getBoolean("spark.sql.legacy.consecutiveStringLiterals.enabled"),
  });
  return runStatement(spark, statement);
}

function rowsFrame(spark: SparkSession, schema: StructType, rows: unknown[][]): DataFrame {
  const plan: Plan = Object.freeze({ kind: "local", rows, output: attributesOf(schema), streaming: false });
  return new DataFrame(spark, plan);
}

const EMPTY = new StructType([]);

export function runStatement(spark: SparkSession, s: Statement): DataFrame {
  const binder = new Binder(sqlEnvironment(spark));
  switch (s.kind) {
    case "query":
      return new DataFrame(spark, binder.bindTopQuery(s.query));
    case "explain": {
      const text = s.statement.kind === "query"
        ? explainText(planQuery(binder.bindTopQuery(s.statement.query), spark.planningContext()), s.mode === "extended" || s.mode === "formatted")
        : `== Physical Plan ==\nExecute ${commandName(s.statement)}\n`;
      return rowsFrame(spark, new StructType([new StructField("plan", STRING, true)]), [[text]]);
    }
    case "createView": {
      const [scope, name] = viewName(s.name, s.global, s.temporary);
      const exists = scope === "global" ? spark.catalog.tableExists(`global_temp.${name}`) : spark.catalog.tableExists(name);
      if (exists && s.ifNotExists) return rowsFrame(spark, EMPTY, []);
      let plan = binder.bindTopQuery(s.query);
      if (!s.temporary && binder.referenced.length > 0) {
        const temp = binder.referenced[0]!;
        throw userError("INVALID_TEMP_OBJ_REFERENCE",
          `Cannot create the persistent object \`spark_catalog\`.\`default\`.\`${name}\` of the type VIEW because it references to the temporary object \`${temp}\` of the type VIEW. Please make the temporary object \`${temp}\` persistent, or make the persistent object \`${name}\` temporary.`,
          { sqlState: "42K0F", position: s.origin, hint: "Sluice's views live in the session: use CREATE TEMP VIEW." });
      }
      if (s.columns) {
        if (s.columns.length !== plan.output.length) {
          throw userError(s.columns.length > plan.output.length ? "CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS" : "CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS",
            `Cannot create view \`${name}\`, the reason is ${s.columns.length > plan.output.length ? "not enough" : "too many"} data columns:\nView columns: ${s.columns.map((c) => "`" + c + "`").join(", ")}.\nData columns: ${plan.output.map((a) => "`" + a.name + "`").join(", ")}.`,
            { sqlState: "21S01", position: s.origin });
        }
        plan = renameColumns(plan, s.columns, s.origin, spark.resolveContext());
      }
      spark.catalog.registerView(name, new DataFrame(spark, plan), scope === "global", s.replace);
      return rowsFrame(spark, EMPTY, []);
    }
    case "createTable":
      createTable(spark, s, binder);
      return rowsFrame(spark, EMPTY, []);
    case "insert":
      insertInto(spark, s, binder);
      return rowsFrame(spark, EMPTY, []);
    case "truncateTable":
      truncateTable(spark, s);
      return rowsFrame(spark, EMPTY, []);
    case "dropView": {
      if (s.table) {
        dropTable(spark, s);
        return rowsFrame(spark, EMPTY, []);
      }
      if (!(s.name.length === 1 && spark.catalog.isTempView(s.name[0]!)) && spark.catalog.catalogTable(s.name)) {
        throw userError("WRONG_COMMAND_FOR_OBJECT_TYPE",
          `The operation DROP VIEW requires a VIEW. But ${s.name.map((p) => "\`" + p + "\`").join(".")} is a TABLE. Use DROP TABLE instead.`,
          { sqlState: "42809", position: s.origin });
      }
      const global = s.name.length === 2 && s.name[0]!.toLowerCase() === "global_temp";
      const name = s.name[s.name.length - 1]!;
      const dropped = global ? spark.catalog.dropGlobalTempView(name) : s.name.length === 1 && spark.catalog.dropTempView(name);
      if (!dropped && !s.ifExists) {
        throw userError("TABLE_OR_VIEW_NOT_FOUND",
          `The table or view ${s.name.map((p) => "`" + p + "`").join(".")} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.`,
          { sqlState: "42P01", position: s.origin });
      }
      return rowsFrame(spark, EMPTY, []);
    }
    case "showTables": {
      const schema = new StructType([
        new StructField("namespace", STRING, false), new StructField(s.views ? "viewName" : "tableName", STRING, false), new StructField("isTemporary", BOOLEAN, false),
      ]);
      const rows = spark.catalog.listTables()
        .filter((t) => !s.views || t.isTemporary)
        .map((t) => [t.isTemporary ? "" : t.namespace.join("."), t.name, t.isTemporary]);
      return rowsFrame(spark, schema, rows);
    }
    case "describe": {
      const plan = s.query ? binder.bindTopQuery(s.query) : binder.bindTopQuery({
        kind: "query", ctes: [], orderBy: [], origin: s.origin,
        body: { kind: "tableTerm", name: s.name!, origin: s.origin },
      });
      const schema = new StructType([new StructField("col_name", STRING, false), new StructField("data_type", STRING, false), new StructField("comment", STRING, true)]);
      const table = s.name && !(s.name.length === 1 && spark.catalog.isTempView(s.name[0]!)) ? spark.catalog.catalogTable(s.name) : undefined;
      if (table) return rowsFrame(spark, schema, describeTableRows(table));
      return rowsFrame(spark, schema, plan.output.map((a) => [a.name, a.type.simpleString(), null]));
    }
    case "describeFunction":
      return rowsFrame(spark, new StructType([new StructField("function_desc", STRING, false)]),
        describeFunction(s.name, s.extended, s.origin).map((r) => [r]));
    case "showFunctions":
      // Sluice has no user-defined SQL functions: USER lists none.
      return rowsFrame(spark, new StructType([new StructField("function", STRING, false)]),
        (s.scope === "user" ? [] : showFunctions(s.pattern)).map((n) => [n]));
    case "set": {
      const schema = new StructType([new StructField("key", STRING, false), new StructField("value", STRING, false)]);
      if (s.key === undefined) return rowsFrame(spark, schema, Object.entries(spark.conf.getAll()).sort(([a], [b]) => a.localeCompare(b)));
      if (s.value !== undefined) spark.conf.set(s.key, s.value);
      return rowsFrame(spark, schema, [[s.key, spark.conf.get(s.key) ?? "<undefined>"]]);
    }
  }
}

/** DESCRIBE TABLE of a catalog table: its columns with comments, then its partition columns. */
function describeTableRows(t: CatalogTable): unknown[][] {
  const rows: unknown[][] = t.schema.fields.map((f) => [f.name, f.dataType.simpleString(), t.columnComments[f.name] ?? null]);
  if (t.partitionColumns.length > 0) {
    rows.push(["# Partition Information", "", ""], ["# col_name", "data_type", "comment"]);
    for (const p of t.partitionColumns) {
      const f = t.schema.fields.find((x) => x.name === p)!;
      rows.push([f.name, f.dataType.simpleString(), t.columnComments[f.name] ?? null]);
    }
  }
  return rows;
}

function viewName(parts: readonly string[], global: boolean, temporary = true): ["global" | "local", string] {
  if (!temporary && (parts.length === 1 || (parts.length === 2 && parts[0]!.toLowerCase() === "default"))) return ["local", parts[parts.length - 1]!];
  if (global) {
    if (parts.length === 2 && parts[0]!.toLowerCase() === "global_temp") return ["global", parts[1]!];
    if (parts.length === 1) return ["global", parts[0]!];
  } else if (parts.length === 1) {
    return ["local", parts[0]!];
  }
  throw userError("TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS",
    `CREATE TEMPORARY VIEW or the corresponding Dataset APIs only accept single-part view names, but got: ${parts.map((p) => "`" + p + "`").join(".")}.`,
    { sqlState: "428EK" });
}

function commandName(s: Statement): string {
  switch (s.kind) {
    case "createView": return "CreateViewCommand";
    case "dropView": return s.table ? "DropTableCommand" : "DropTempViewCommand";
    case "createTable": return s.query ? "CreateDataSourceTableAsSelectCommand" : "CreateDataSourceTableCommand";
    case "insert": return "InsertIntoHadoopFsRelationCommand";
    case "truncateTable": return "TruncateTableCommand";
    case "showTables": return s.views ? "ShowViewsCommand" : "ShowTablesCommand";
    case "describe": return "DescribeTableCommand";
    case "describeFunction": return "DescribeFunctionCommand";
    case "showFunctions": return "ShowFunctionsCommand";
    case "set": return "SetCommand";
    default: return "Command";
  }
}
