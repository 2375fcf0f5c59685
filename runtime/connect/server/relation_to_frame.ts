// A Spark Connect Relation as a DataFrame of a Sluice session, built with the same public API a
// pipeline uses (readers, select, filter, groupBy…), so the engine sees nothing it would not see
// from TypeScript.
import { tableFromIPC } from "apache-arrow";
import { userError } from "../../errors.ts";
import { literal, type Expr } from "../../expr/expr.ts";
import { Column } from "../../api/column.ts";
import type { DataFrame } from "../../api/data_frame.ts";
import type { SparkSession } from "../../api/session.ts";
import { parseSchemaDDL } from "../../types/ddl.ts";
import { rowsFromArrow } from "../arrow_rows.ts";
import { Aggregate_GroupType, Join_JoinType, type Relation, SetOperation_SetOpType } from "../gen/spark/connect/relations_pb.ts";
import { structOfArrow } from "./arrow_schema.ts";
import { catalogFrame } from "./catalog_relation.ts";
import { describeFrame } from "./describe.ts";
import { sampleFrame } from "./sample.ts";
import { groupingSetsFrame } from "./grouping_sets.ts";
import { naDrop, naFill } from "./na_functions.ts";
import { pivotFrame } from "./pivot.ts";
import { corrFrame, covFrame, crosstab, naReplace, sampleBy } from "./stat_functions.ts";
import { assignPlanId } from "../../plan/plan_ids.ts";
import { sluicePlanId, withClientPlanIds } from "./client_plan_ids.ts";
import { exprFromProto, invalidPlan, literalFromProto, sortOrderFromProto } from "./expr_from_proto.ts";

const col = (e: Expr) => new Column(e);

const JOIN_NAMES: Partial<Record<Join_JoinType, string>> = {
  [Join_JoinType.INNER]: "inner", [Join_JoinType.FULL_OUTER]: "full", [Join_JoinType.LEFT_OUTER]: "left", [Join_JoinType.RIGHT_OUTER]: "right",
  [Join_JoinType.LEFT_ANTI]: "left_anti", [Join_JoinType.LEFT_SEMI]: "left_semi", [Join_JoinType.CROSS]: "cross",
};

export function relationToFrame(spark: SparkSession, r: Relation | undefined): DataFrame {
  return withClientPlanIds(() => {
    const df = frameOf(spark, r);
    const clientId = r?.common?.planId;
    if (clientId !== undefined) assignPlanId(sluicePlanId(clientId)!, df.plan);
    return df;
  });
}

function frameOf(spark: SparkSession, r: Relation | undefined): DataFrame {
  const rel = r?.relType;
  const input = (x: Relation | undefined) => relationToFrame(spark, x);
  switch (rel?.case) {
    case "read": {
      const read = rel.value.readType;
      if (read.case === "namedTable") return rel.value.isStreaming ? spark.readStream.table(read.value.unparsedIdentifier) : spark.table(read.value.unparsedIdentifier);
      if (read.case === "dataSource") {
        const ds = read.value;
        const reader = rel.value.isStreaming ? spark.readStream : spark.read;
        if (ds.format) reader.format(ds.format);
        reader.options(ds.options);
        if (ds.schema) reader.schema(ds.schema.trim().startsWith("{") ? jsonSchemaToDDL(ds.schema) : ds.schema);
        if (ds.paths.length > 1) throw userError("UNSUPPORTED_FEATURE.MULTIPLE_PATHS", "Sluice's readers take one path.", { sqlState: "0A000", hint: "Use a glob or a directory." });
        return reader.load(ds.paths[0]);
      }
      throw invalidPlan("A Read relation needs a named table or a data source.");
    }
    case "project": {
      const exprs = rel.value.expressions.map((e) => col(exprFromProto(e)));
      return rel.value.input ? input(rel.value.input).select(...exprs) : spark.range(1).select(...exprs);
    }
    case "filter":
      return input(rel.value.input).filter(col(exprFromProto(rel.value.condition)));
    case "aggregate": {
      const t = rel.value.groupType;
      if (t === Aggregate_GroupType.ROLLUP || t === Aggregate_GroupType.CUBE || t === Aggregate_GroupType.GROUPING_SETS) {
        return groupingSetsFrame(spark, input(rel.value.input), t === Aggregate_GroupType.ROLLUP ? "rollup" : t === Aggregate_GroupType.CUBE ? "cube" : "groupingSets",
          rel.value.groupingExpressions.map(exprFromProto), rel.value.groupingSets.map((g) => g.groupingSet.map(exprFromProto)),
          rel.value.aggregateExpressions.map(exprFromProto));
      }
      if (t === Aggregate_GroupType.PIVOT) {
        const p = rel.value.pivot;
        if (!p?.col) throw invalidPlan("A pivot needs its column.");
        return pivotFrame(spark, input(rel.value.input), rel.value.groupingExpressions.map(exprFromProto), exprFromProto(p.col),
          p.values.map((l) => { const [value, type] = literalFromProto(l); return literal(value, type); }), rel.value.aggregateExpressions.map(exprFromProto));
      }
      return input(rel.value.input).groupBy(...rel.value.groupingExpressions.map((e) => col(exprFromProto(e))))
        .agg(...rel.value.aggregateExpressions.map((e) => col(exprFromProto(e))));
    }
    case "sort":
      return input(rel.value.input).orderBy(...rel.value.order.map((o) => col(sortOrderFromProto(o))));
    case "limit":
      return input(rel.value.input).limit(rel.value.limit);
    case "sql": {
      const named = Object.entries(rel.value.namedArguments).map(([k, e]) => [k, literalValue(e)] as const);
      const positional = rel.value.posArguments.map(literalValue);
      const legacy = Object.entries(rel.value.args).map(([k, l]) => [k, literalFromProto(l)[0]] as const);
      const args = positional.length > 0 ? positional : named.length + legacy.length > 0 ? Object.fromEntries([...legacy, ...named]) : undefined;
      return spark.sql(rel.value.query, args);
    }
    case "localRelation": {
      const data = rel.value.data;
      if (!data || data.length === 0) {
        return spark.createDataFrame([], rel.value.schema ? (rel.value.schema.trim().startsWith("{") ? jsonSchemaToDDL(rel.value.schema) : rel.value.schema) : "");
      }
      const schema = structOfArrow(tableFromIPC(data).schema.fields);
      return spark.createDataFrame(rowsFromArrow([data], schema), schema);
    }
    case "deduplicate": {
      const df = input(rel.value.input);
      const cols = rel.value.allColumnsAsKeys || rel.value.columnNames.length === 0 ? undefined : rel.value.columnNames;
      return rel.value.withinWatermark ? df.dropDuplicatesWithinWatermark(cols) : df.dropDuplicates(cols);
    }
    case "range":
      return spark.range(Number(rel.value.start), Number(rel.value.end), Number(rel.value.step));
    case "subqueryAlias":
      return input(rel.value.input).alias(rel.value.alias);
    case "withColumns":
      return input(rel.value.input).withColumns(Object.fromEntries(rel.value.aliases.map((a) => [a.name.join("."), col(exprFromProto(a.expr))])));
    case "withColumnsRenamed": {
      const renames = rel.value.renames.length > 0 ? Object.fromEntries(rel.value.renames.map((x) => [x.colName, x.newColName])) : rel.value.renameColumnsMap;
      return input(rel.value.input).withColumnsRenamed(renames);
    }
    case "toDf": {
      const df = input(rel.value.input);
      return df.select(...df.columns.map((c, i) => col({ kind: "column", parts: [c] }).alias(rel.value.columnNames[i] ?? c)));
    }
    case "drop":
      return input(rel.value.input).drop(...rel.value.columnNames, ...rel.value.columns.map((e) => col(exprFromProto(e))));
    case "withWatermark":
      return input(rel.value.input).withWatermark(rel.value.eventTime, rel.value.delayThreshold);
    case "join": {
      const how = JOIN_NAMES[rel.value.joinType] ?? "inner";
      const left = input(rel.value.left), right = input(rel.value.right);
      if (rel.value.usingColumns.length > 0) return left.join(right, rel.value.usingColumns, how);
      if (rel.value.joinCondition) return left.join(right, col(exprFromProto(rel.value.joinCondition)), how);
      return how === "cross" ? left.crossJoin(right) : left.join(right, undefined, how);
    }
    case "setOp": {
      if (rel.value.setOpType !== SetOperation_SetOpType.UNION) {
        throw userError("UNSUPPORTED_FEATURE.SET_OPERATION", "Sluice's DataFrame API supports union (use spark.sql for INTERSECT and EXCEPT).", { sqlState: "0A000" });
      }
      const left = input(rel.value.leftInput), right = input(rel.value.rightInput);
      const union = rel.value.byName ? left.unionByName(right, rel.value.allowMissingColumns ?? false) : left.union(right);
      return rel.value.isAll ? union : union.distinct();
    }
    case "catalog":
      return catalogFrame(spark, rel.value);
    case "sample":
      return sampleFrame(input(rel.value.input), rel.value);
    case "describe":
      return describeFrame(spark, input(rel.value.input), rel.value.cols);
    case "fillNa":
      return naFill(input(rel.value.input), rel.value.cols, rel.value.values.map((l) => literalFromProto(l)[0]));
    case "dropNa":
      return naDrop(input(rel.value.input), rel.value.cols, rel.value.minNonNulls);
    case "replace":
      return naReplace(input(rel.value.input), rel.value.cols,
        rel.value.replacements.map((r) => [r.oldValue ? literalFromProto(r.oldValue)[0] : null, r.newValue ? literalFromProto(r.newValue)[0] : null] as const));
    case "crosstab":
      return crosstab(input(rel.value.input), rel.value.col1, rel.value.col2);
    case "corr":
      return corrFrame(input(rel.value.input), rel.value.col1, rel.value.col2, rel.value.method);
    case "cov":
      return covFrame(input(rel.value.input), rel.value.col1, rel.value.col2);
    case "sampleBy": {
      if (!rel.value.col) throw invalidPlan("sampleBy needs its column.");
      return sampleBy(input(rel.value.input), col(exprFromProto(rel.value.col)),
        rel.value.fractions.map((f) => [f.stratum ? literalFromProto(f.stratum)[0] : null, f.fraction] as const), rel.value.seed);
    }
    case "showString": {
      const df = input(rel.value.input);
      const text = df.showString(rel.value.numRows, rel.value.truncate === 0 ? false : rel.value.truncate, rel.value.vertical);
      return spark.createDataFrame([[text]], "show_string STRING");
    }
    default:
      throw userError("UNSUPPORTED_FEATURE.CONNECT_RELATION", `Sluice's Spark Connect server does not support the relation ${JSON.stringify(rel?.case ?? "unset")}.`, {
        sqlState: "0A000",
        hint: rel?.case === "mapPartitions" || rel?.case === "groupMap" || rel?.case === "applyInPandasWithState" ? "Python functions do not run in Sluice: use Spark SQL functions instead." : undefined,
      });
  }
}

function literalValue(e: Parameters<typeof exprFromProto>[0]): unknown {
  const x = exprFromProto(e);
  if (x.kind !== "literal") throw invalidPlan("SQL arguments must be literals.");
  return x.value;
}

interface JsonField {
  name: string;
  type: JsonType;
  nullable?: boolean;
}
type JsonType = string | { type: "struct"; fields: JsonField[] } | { type: "array"; elementType: JsonType; containsNull?: boolean } | { type: "map"; keyType: JsonType; valueType: JsonType };

/** Spark's JSON form of a schema (StructType.json(), what PySpark sends) as DDL. */
export function jsonSchemaToDDL(json: string): string {
  const quote = (n: string) => "`" + n.replaceAll("`", "``") + "`";
  const typeOf = (t: JsonType): string => {
    if (typeof t === "string") {
      const simple: Record<string, string> = { integer: "INT", long: "BIGINT", short: "SMALLINT", byte: "TINYINT" };
      return simple[t] ?? t.toUpperCase();
    }
    if (t.type === "struct") return `STRUCT<${t.fields.map((f) => `${quote(f.name)}: ${typeOf(f.type)}${f.nullable === false ? " NOT NULL" : ""}`).join(", ")}>`;
    if (t.type === "array") return `ARRAY<${typeOf(t.elementType)}>`;
    return `MAP<${typeOf(t.keyType)}, ${typeOf(t.valueType)}>`;
  };
  const parsed = JSON.parse(json) as { type: "struct"; fields: JsonField[] };
  const ddl = parsed.fields.map((f) => `${quote(f.name)} ${typeOf(f.type)}${f.nullable === false ? " NOT NULL" : ""}`).join(", ");
  parseSchemaDDL(ddl);
  return ddl;
}
