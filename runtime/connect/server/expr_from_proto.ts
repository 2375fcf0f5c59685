// Spark Connect Expression messages as Sluice's unresolved expressions (expr/expr.ts): what a
// PySpark Connect client sends becomes what Sluice's Column API would have built, so one analyzer
// resolves both. Operators arrive as functions named "==", "and", "not", … and become their nodes.
import { pythonFunctionRefused } from "./python_function_refused.ts";
import { sluicePlanId } from "./client_plan_ids.ts";
import { userError } from "../../errors.ts";
import type { BinaryOp, Expr, FrameBound, SortOrderExpr, WindowSpec } from "../../expr/expr.ts";
import { splitName } from "../../api/column.ts";
import { parseExpression } from "../../sql/parse_expression.ts";
import { CalendarInterval } from "../../types/calendar_interval.ts";
import { ArrayType, BINARY, BOOLEAN, BYTE, DATE, DOUBLE, DecimalType, FLOAT, INT, LONG, MapType, NULL, SHORT, STRING, StructField, StructType, TIMESTAMP,
  TIMESTAMP_NTZ, TimeType, type DataType, parseTypeName } from "../../types/data_type.ts";
import { DayTimeIntervalType, YearMonthIntervalType } from "../../types/data_type.ts";
import { fromProtoType } from "../data_type_proto.ts";
import { longFromBigInt } from "../../types/long.ts";
import {
  type Expression, Expression_Cast_EvalMode, type Expression_Literal, Expression_SortOrder_NullOrdering, Expression_SortOrder_SortDirection,
  type Expression_SortOrder, Expression_Window_WindowFrame_FrameType, type Expression_Window_WindowFrame_FrameBoundary,
} from "../gen/spark/connect/expressions_pb.ts";

const BINARY_OPS: Record<string, BinaryOp> = {
  "+": "+", "-": "-", "*": "*", "/": "/", "%": "%", div: "div",
  "==": "=", "=": "=", "<=>": "<=>", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=",
  and: "and", or: "or", "&": "&", "|": "|", "^": "^",
};

export function invalidPlan(message: string) {
  return userError("INVALID_PLAN_INPUT", message, { sqlState: "42000" });
}

export function exprFromProto(e: Expression | undefined): Expr {
  const t = e?.exprType;
  switch (t?.case) {
    case "literal": {
      const [value, type] = literalFromProto(t.value);
      return { kind: "literal", value, type };
    }
    case "unresolvedAttribute": {
      // df["k"] from a client carries its DataFrame's plan id: the column resolves to that DataFrame's.
      const planId = t.value.planId === undefined ? undefined : sluicePlanId(t.value.planId);
      const parts = splitName(t.value.unparsedIdentifier);
      return planId === undefined ? { kind: "column", parts } : { kind: "column", parts, planId };
    }
    case "unresolvedStar": {
      const target = t.value.unparsedTarget;
      return target ? { kind: "star", qualifier: splitName(target.replace(/\.\*$/, "")) } : { kind: "star" };
    }
    case "expressionString":
      return parseExpression(t.value.expression);
    case "alias":
      return { kind: "alias", arg: exprFromProto(t.value.expr), names: [...t.value.name] };
    case "cast": {
      const to = t.value.castToType.case === "type" ? fromProtoType(t.value.castToType.value)
        : t.value.castToType.case === "typeStr" ? parseTypeName(t.value.castToType.value) : STRING;
      return { kind: "cast", arg: exprFromProto(t.value.expr), to, mode: t.value.evalMode === Expression_Cast_EvalMode.TRY ? "try" : "cast" };
    }
    case "sortOrder":
      return sortOrderFromProto(t.value);
    case "unresolvedExtractValue":
      // Spark's ExtractValue decides by the child's type once resolved (a struct's field, a map's
      // value by key, an array's element or its structs' field): so does get_item.
      return { kind: "getItem", arg: exprFromProto(t.value.child), key: exprFromProto(t.value.extraction) };
    case "lambdaFunction":
      return { kind: "lambda", params: t.value.arguments.map((a) => a.nameParts.join(".")), body: exprFromProto(t.value.function) };
    case "unresolvedNamedLambdaVariable":
      return { kind: "column", parts: [...t.value.nameParts] };
    case "window": {
      const fn = exprFromProto(t.value.windowFunction);
      if (fn.kind !== "call") throw invalidPlan("A window function must be a function call.");
      const frame = t.value.frameSpec;
      const over: WindowSpec = {
        partitionBy: t.value.partitionSpec.map(exprFromProto),
        orderBy: t.value.orderSpec.map(sortOrderFromProto),
        frame: frame && frame.frameType !== Expression_Window_WindowFrame_FrameType.UNDEFINED
          ? { type: frame.frameType === Expression_Window_WindowFrame_FrameType.ROW ? "rows" : "range", start: boundOf(frame.lower, true), end: boundOf(frame.upper, false) }
          : undefined,
      };
      return { ...fn, over };
    }
    case "unresolvedFunction":
      return callFromProto(t.value.functionName, t.value.arguments.map(exprFromProto), t.value.isDistinct);
    case "callFunction":
      return callFromProto(t.value.functionName, t.value.arguments.map(exprFromProto), false);
    case "commonInlineUserDefinedFunction":
      throw pythonFunctionRefused(`The user-defined function \`${t.value.functionName}\``);
    default:
      throw userError("UNSUPPORTED_FEATURE.CONNECT_EXPRESSION", `Sluice's Spark Connect server does not support the expression ${JSON.stringify(t?.case ?? "unset")}.`, {
        sqlState: "0A000",
      });
  }
}

function boundOf(b: Expression_Window_WindowFrame_FrameBoundary | undefined, lower: boolean): FrameBound {
  const x = b?.boundary;
  if (x?.case === "currentRow") return "currentRow";
  if (x?.case === "unbounded") return lower ? "unboundedPreceding" : "unboundedFollowing";
  if (x?.case === "value") {
    const v = exprFromProto(x.value);
    if (v.kind === "literal" && typeof v.value === "number") return v.value === 0 ? "currentRow" : v.value;
  }
  throw invalidPlan("A window frame boundary must be CURRENT ROW, UNBOUNDED or a number.");
}

export function sortOrderFromProto(s: Expression_SortOrder): SortOrderExpr {
  const ascending = s.direction !== Expression_SortOrder_SortDirection.DESCENDING;
  const nullsFirst = s.nullOrdering === Expression_SortOrder_NullOrdering.SORT_NULLS_UNSPECIFIED ? ascending
    : s.nullOrdering === Expression_SortOrder_NullOrdering.SORT_NULLS_FIRST;
  return { kind: "sortOrder", arg: exprFromProto(s.child), ascending, nullsFirst };
}

function callFromProto(name: string, args: Expr[], distinct: boolean): Expr {
  const op = BINARY_OPS[name];
  if (op && args.length === 2) return { kind: "binary", op, left: args[0]!, right: args[1]! };
  switch (name) {
    case "not": case "!":
      if (args.length === 1) return { kind: "unary", op: "not", arg: args[0]! };
      break;
    case "negative":
      if (args.length === 1) return { kind: "unary", op: "-", arg: args[0]! };
      break;
    case "~":
      if (args.length === 1) return { kind: "unary", op: "~", arg: args[0]! };
      break;
    case "isnull": case "isnotnull":
      if (args.length === 1) return { kind: "isNull", arg: args[0]!, negated: name === "isnotnull" };
      break;
    case "in":
      if (args.length >= 1) return { kind: "in", arg: args[0]!, list: args.slice(1), negated: false };
      break;
    case "like": case "ilike": case "rlike":
      if (args.length === 2) return { kind: "like", mode: name, arg: args[0]!, pattern: args[1]!, negated: false };
      break;
    case "when": {
      const branches: { when: Expr; then: Expr }[] = [];
      let i = 0;
      for (; i + 1 < args.length; i += 2) branches.push({ when: args[i]!, then: args[i + 1]! });
      return { kind: "case", branches, otherwise: i < args.length ? args[i] : undefined };
    }
  }
  return { kind: "call", name, args, distinct: distinct || undefined };
}

/** A Literal message's value (engine representation) and type. */
export function literalFromProto(l: Expression_Literal): [unknown, DataType] {
  const v = l.literalType;
  switch (v.case) {
    case "null": return [null, v.value ? fromProtoType(v.value) : NULL];
    case "binary": return [v.value, BINARY];
    case "boolean": return [v.value, BOOLEAN];
    case "byte": return [v.value, BYTE];
    case "short": return [v.value, SHORT];
    case "integer": return [v.value, INT];
    case "long": return [longFromBigInt(v.value), LONG];
    case "float": return [Math.fround(v.value), FLOAT];
    case "double": return [v.value, DOUBLE];
    case "decimal": {
      const text = v.value.value;
      const scale = v.value.scale ?? Math.max(0, (text.split(".")[1] ?? "").length);
      const digits = text.replace(/^[-+]/, "").replace(".", "");
      const precision = v.value.precision ?? Math.max(1, digits.replace(/^0+(?=\d)/, "").length);
      const [ip, fp = ""] = text.replace(/^[-+]/, "").split(".");
      const unscaled = BigInt((ip || "0") + fp.padEnd(scale, "0").slice(0, scale)) * (text.startsWith("-") ? -1n : 1n);
      return [unscaled, new DecimalType(precision, scale)];
    }
    case "string": return [v.value, STRING];
    case "date": return [v.value, DATE];
    case "timestamp": return [Number(v.value), TIMESTAMP];
    case "timestampNtz": return [Number(v.value), TIMESTAMP_NTZ];
    case "time": return [Number(v.value.nano), new TimeType(v.value.precision ?? 6)];
    case "calendarInterval": return [new CalendarInterval(v.value.months, v.value.days, Number(v.value.microseconds)), parseTypeName("interval")];
    case "yearMonthInterval": return [v.value, new YearMonthIntervalType(0, 1)];
    case "dayTimeInterval": return [Number(v.value), new DayTimeIntervalType(0, 3)];
    case "array": {
      const items = v.value.elements.map(literalFromProto);
      const et = v.value.elementType ? fromProtoType(v.value.elementType) : l.dataType?.kind.case === "array" ? fromProtoType(l.dataType).constructor === ArrayType ? (fromProtoType(l.dataType) as ArrayType).elementType : NULL : items[0]?.[1] ?? NULL;
      return [items.map(([x]) => x), new ArrayType(et, true)];
    }
    case "map": {
      const keys = v.value.keys.map(literalFromProto), values = v.value.values.map(literalFromProto);
      const kt = v.value.keyType ? fromProtoType(v.value.keyType) : keys[0]?.[1] ?? NULL;
      const vt = v.value.valueType ? fromProtoType(v.value.valueType) : values[0]?.[1] ?? NULL;
      return [new Map(keys.map(([k], i) => [k, values[i]![0]])), new MapType(kt, vt, true)];
    }
    case "struct": {
      const items = v.value.elements.map(literalFromProto);
      const st = v.value.structType ? fromProtoType(v.value.structType) : l.dataType ? fromProtoType(l.dataType) : undefined;
      const type = st instanceof StructType ? st : new StructType(items.map(([, t], i) => new StructField(`col${i + 1}`, t, true)));
      return [items.map(([x]) => x), type];
    }
    default:
      throw userError("UNSUPPORTED_FEATURE.CONNECT_LITERAL", `Sluice's Spark Connect server does not support the literal ${JSON.stringify(v.case ?? "unset")}.`, { sqlState: "0A000" });
  }
}
