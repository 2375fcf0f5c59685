// Sluice's unresolved expressions (expr/expr.ts, what Column and functions build) as Spark Connect
// Expression messages, the way PySpark's Connect Column builds them: names and functions stay
// unresolved for the server's analyzer; text the user wrote as SQL (F.expr, selectExpr, filter
// strings) goes as the text itself, parsed by Spark.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { userError } from "../errors.ts";
import type { Expr, FrameBound, SortOrderExpr, WindowSpec } from "../expr/expr.ts";
import type { DataType } from "../types/data_type.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { toProtoType } from "./data_type_proto.ts";
import {
  type Expression, Expression_Cast_EvalMode, Expression_SortOrder_NullOrdering, Expression_SortOrder_SortDirection,
  Expression_Window_WindowFrame_FrameType, type Expression_Literal, Expression_LiteralSchema, type Expression_SortOrder, ExpressionSchema,
} from "./gen/spark/connect/expressions_pb.ts";

type ExprInit = MessageInitShape<typeof ExpressionSchema>;
type LiteralInit = MessageInitShape<typeof Expression_LiteralSchema>;

/** Spark's operator function names for the binary operators. */
const BINARY_FUNCTION: Record<Extract<Expr, { kind: "binary" }>["op"], string> = {
  "+": "+", "-": "-", "*": "*", "/": "/", "%": "%", div: "div",
  "=": "==", "<=>": "<=>", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=",
  and: "and", or: "or", "||": "concat", "&": "&", "|": "|", "^": "^",
};

const fn = (name: string, args: Expression[], isDistinct = false): Expression =>
  create(ExpressionSchema, { exprType: { case: "unresolvedFunction", value: { functionName: name, arguments: args, isDistinct } } });

/** A dotted name with every part backquoted where Spark's parser needs it. */
export function quotedName(parts: readonly string[]): string {
  return parts.map((p) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? p : "`" + p.replaceAll("`", "``") + "`")).join(".");
}

export function columnRef(name: string): Expression {
  return create(ExpressionSchema, { exprType: { case: "unresolvedAttribute", value: { unparsedIdentifier: name } } });
}

export function sqlExpression(text: string): Expression {
  return create(ExpressionSchema, { exprType: { case: "expressionString", value: { expression: text } } });
}

export function toProtoExpr(e: Expr, lambdaVars: ReadonlySet<string> = new Set()): Expression {
  if (e.origin && e.kind !== "subquery") return sqlExpression(e.origin.text.slice(e.origin.start, e.origin.end));
  const rec = (x: Expr) => toProtoExpr(x, lambdaVars);
  switch (e.kind) {
    case "column":
      if (e.parts.length === 1 && lambdaVars.has(e.parts[0]!)) {
        return create(ExpressionSchema, { exprType: { case: "unresolvedNamedLambdaVariable", value: { nameParts: [...e.parts] } } });
      }
      if (e.planId !== undefined) {
        return create(ExpressionSchema, {
          exprType: { case: "unresolvedAttribute", value: { unparsedIdentifier: quotedName(e.parts), planId: BigInt(e.planId) } },
        });
      }
      return columnRef(quotedName(e.parts));
    case "literal":
      return create(ExpressionSchema, { exprType: { case: "literal", value: toProtoLiteral(e.value, e.type) } });
    case "star":
      return create(ExpressionSchema, {
        exprType: { case: "unresolvedStar", value: { unparsedTarget: e.qualifier ? `${quotedName(e.qualifier)}.*` : undefined } },
      });
    case "call": {
      const call = fn(e.name, e.args.map(rec), e.distinct ?? false);
      if (e.filter) throw unsupported("an aggregate FILTER clause built without SQL text", "write it in F.expr(\"… FILTER (WHERE …)\")");
      return e.over ? windowOf(call, e.over, lambdaVars) : call;
    }
    case "unary":
      switch (e.op) {
        case "-": return fn("negative", [rec(e.arg)]);
        case "+": return fn("positive", [rec(e.arg)]);
        case "not": return fn("not", [rec(e.arg)]);
        case "~": return fn("~", [rec(e.arg)]);
      }
      break;
    case "binary":
      return fn(BINARY_FUNCTION[e.op], [rec(e.left), rec(e.right)]);
    case "cast":
      return create(ExpressionSchema, {
        exprType: {
          case: "cast",
          value: {
            expr: rec(e.arg),
            castToType: { case: "type", value: toProtoType(e.to) },
            evalMode: e.mode === "try" ? Expression_Cast_EvalMode.TRY : Expression_Cast_EvalMode.UNSPECIFIED,
          },
        },
      });
    case "case": {
      // CASE x WHEN v … becomes CASE WHEN x = v …, as PySpark's when() chains are sent.
      const args: Expression[] = [];
      for (const b of e.branches) {
        args.push(e.operand ? fn("==", [rec(e.operand), rec(b.when)]) : rec(b.when), rec(b.then));
      }
      if (e.otherwise) args.push(rec(e.otherwise));
      return fn("when", args);
    }
    case "in": {
      const inList = fn("in", [rec(e.arg), ...e.list.map(rec)]);
      return e.negated ? fn("not", [inList]) : inList;
    }
    case "between": {
      const b = fn("and", [fn(">=", [rec(e.arg), rec(e.low)]), fn("<=", [rec(e.arg), rec(e.high)])]);
      return e.negated ? fn("not", [b]) : b;
    }
    case "like": {
      const args = [rec(e.arg), rec(e.pattern)];
      if (e.escape !== undefined) args.push(create(ExpressionSchema, { exprType: { case: "literal", value: toProtoLiteral(e.escape, undefined) } }));
      const m = fn(e.mode, args);
      return e.negated ? fn("not", [m]) : m;
    }
    case "isNull":
      return fn(e.negated ? "isnotnull" : "isnull", [rec(e.arg)]);
    case "alias":
      return create(ExpressionSchema, { exprType: { case: "alias", value: { expr: rec(e.arg), name: [...e.names] } } });
    case "getField":
      return create(ExpressionSchema, {
        exprType: { case: "unresolvedExtractValue", value: { child: rec(e.arg), extraction: create(ExpressionSchema, { exprType: { case: "literal", value: toProtoLiteral(e.name, undefined) } }) } },
      });
    case "getItem":
      return create(ExpressionSchema, { exprType: { case: "unresolvedExtractValue", value: { child: rec(e.arg), extraction: rec(e.key) } } });
    case "sortOrder":
      return create(ExpressionSchema, { exprType: { case: "sortOrder", value: sortOrderOf(e, lambdaVars) } });
    case "lambda": {
      const vars = new Set([...lambdaVars, ...e.params]);
      return create(ExpressionSchema, {
        exprType: {
          case: "lambdaFunction",
          value: { function: toProtoExpr(e.body, vars), arguments: e.params.map((p) => ({ nameParts: [p] })) },
        },
      });
    }
    case "subquery":
      throw unsupported("a subquery", "write the query with spark.sql(…)");
  }
  throw unsupported(`the expression ${JSON.stringify((e as Expr).kind)}`, "write it as SQL with F.expr(…)");
}

function unsupported(what: string, alternative: string) {
  return userError("REMOTE_UNSUPPORTED.EXPRESSION", `Sending ${what} to a Spark Connect server is not supported.`, { sqlState: "0A000", hint: `Instead, ${alternative}.` });
}

export function sortOrderOf(e: SortOrderExpr | Expr, lambdaVars: ReadonlySet<string> = new Set()): Expression_SortOrder {
  const s: SortOrderExpr = e.kind === "sortOrder" ? e : { kind: "sortOrder", arg: e, ascending: true, nullsFirst: true };
  return create(ExpressionSchema, {
    exprType: {
      case: "sortOrder",
      value: {
        child: toProtoExpr(s.arg, lambdaVars),
        direction: s.ascending ? Expression_SortOrder_SortDirection.ASCENDING : Expression_SortOrder_SortDirection.DESCENDING,
        nullOrdering: s.nullsFirst ? Expression_SortOrder_NullOrdering.SORT_NULLS_FIRST : Expression_SortOrder_NullOrdering.SORT_NULLS_LAST,
      },
    },
  }).exprType.value as Expression_SortOrder;
}

function boundary(b: FrameBound, lambdaVars: ReadonlySet<string>) {
  if (b === "currentRow") return { boundary: { case: "currentRow" as const, value: true } };
  if (b === "unboundedPreceding" || b === "unboundedFollowing") return { boundary: { case: "unbounded" as const, value: true } };
  return { boundary: { case: "value" as const, value: toProtoExpr({ kind: "literal", value: b, type: undefined as unknown as DataType }, lambdaVars) } };
}

function windowOf(call: Expression, spec: WindowSpec, lambdaVars: ReadonlySet<string>): Expression {
  const init: ExprInit = {
    exprType: {
      case: "window",
      value: {
        windowFunction: call,
        partitionSpec: spec.partitionBy.map((p) => toProtoExpr(p, lambdaVars)),
        orderSpec: spec.orderBy.map((o) => sortOrderOf(o, lambdaVars)),
        frameSpec: spec.frame
          ? {
            frameType: spec.frame.type === "rows" ? Expression_Window_WindowFrame_FrameType.ROW : Expression_Window_WindowFrame_FrameType.RANGE,
            lower: boundary(spec.frame.start, lambdaVars),
            upper: boundary(spec.frame.end, lambdaVars),
          }
          : undefined,
      },
    },
  };
  return create(ExpressionSchema, init);
}

/**
 * A literal in the engine's representation (types/data_type.ts) as a Literal message. `type`
 * undefined: inferred from the JS value as PySpark infers (int if it fits, else bigint; double; string).
 */
export function toProtoLiteral(value: unknown, type: DataType | undefined): Expression_Literal {
  return create(Expression_LiteralSchema, literalInit(value, type));
}

function literalInit(value: unknown, type: DataType | undefined): LiteralInit {
  if (value === null || value === undefined) return { literalType: { case: "null", value: toProtoType(type ?? ({ kind: "null" } as DataType)) } };
  if (type === undefined) {
    if (typeof value === "string") return { literalType: { case: "string", value } };
    if (typeof value === "boolean") return { literalType: { case: "boolean", value } };
    if (typeof value === "bigint") return { literalType: { case: "long", value } };
    if (typeof value === "number") {
      if (Number.isInteger(value)) {
        return value >= -2147483648 && value <= 2147483647 ? { literalType: { case: "integer", value } } : { literalType: { case: "long", value: BigInt(value) } };
      }
      return { literalType: { case: "double", value } };
    }
    throw userError("UNSUPPORTED_LITERAL", `Cannot make a literal of ${String(value)}.`);
  }
  switch (type.kind) {
    case "null": return { literalType: { case: "null", value: toProtoType(type) } };
    case "string": return { literalType: { case: "string", value: String(value) } };
    case "binary": return { literalType: { case: "binary", value: value as Uint8Array } };
    case "boolean": return { literalType: { case: "boolean", value: Boolean(value) } };
    case "byte": return { literalType: { case: "byte", value: Number(value) } };
    case "short": return { literalType: { case: "short", value: Number(value) } };
    case "int": return { literalType: { case: "integer", value: Number(value) } };
    case "long": return { literalType: { case: "long", value: typeof value === "bigint" ? value : BigInt(value as number) } };
    case "float": return { literalType: { case: "float", value: Number(value) } };
    case "double": return { literalType: { case: "double", value: Number(value) } };
    case "decimal": return { literalType: { case: "decimal", value: { value: decimalString(value as bigint, type.scale), precision: type.precision, scale: type.scale } } };
    case "date": return { literalType: { case: "date", value: Number(value) } };
    case "timestamp": return { literalType: { case: "timestamp", value: BigInt(value as number) } };
    case "timestamp_ntz": return { literalType: { case: "timestampNtz", value: BigInt(value as number) } };
    case "time": return { literalType: { case: "time", value: { nano: BigInt(value as number), precision: type.precision } } };
    case "daytime_interval": return { literalType: { case: "dayTimeInterval", value: BigInt(value as number) } };
    case "yearmonth_interval": return { literalType: { case: "yearMonthInterval", value: Number(value) } };
    case "calendar_interval": {
      const c = value as CalendarInterval;
      return { literalType: { case: "calendarInterval", value: { months: c.months, days: c.days, microseconds: BigInt(c.micros) } } };
    }
    case "array":
      return { literalType: { case: "array", value: { elementType: toProtoType(type.elementType), elements: (value as unknown[]).map((v) => literalInit(v, type.elementType)) } } };
    case "map": {
      const m = value as Map<unknown, unknown>;
      return {
        literalType: {
          case: "map",
          value: {
            keyType: toProtoType(type.keyType), valueType: toProtoType(type.valueType),
            keys: [...m.keys()].map((k) => literalInit(k, type.keyType)), values: [...m.values()].map((v) => literalInit(v, type.valueType)),
          },
        },
      };
    }
    case "struct":
      return { literalType: { case: "struct", value: { structType: toProtoType(type), elements: (value as unknown[]).map((v, i) => literalInit(v, type.fields[i]!.dataType)) } } };
  }
}

function decimalString(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${text}` : text;
}
