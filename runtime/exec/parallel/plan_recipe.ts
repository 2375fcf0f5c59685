// A logical plan as data a worker thread can receive: bound expressions hold functions, which
// cannot cross threads, so each node is written down as the call that built it (the source as
// declared, select/filter/withWatermark/groupBy with the user's unresolved expressions) and the
// worker builds the plan again with the same analyzer. recipeOf says undefined for a plan it
// cannot write down (a UDF, a subquery, a node kind it does not know): that query stays on one
// thread. Data types travel as plain data (typeToData); values as structured clone carries them.
import type { Expr } from "../../expr/expr.ts";
import type { Plan } from "../../plan/plan.ts";
import { aliasPlan, filter, generate, project, withWatermark } from "../../plan/build.ts";
import { aggregate } from "../../plan/aggregate.ts";
import { addTimeWindow, isTimeWindow } from "../../plan/time_window.ts";
import { isSessionWindow } from "../../plan/session_window.ts";
import type { ResolveContext } from "../../plan/resolve_expr.ts";
import { ArrayType, MapType, StructField, StructType, type DataType } from "../../types/data_type.ts";
import { parseDataType } from "../../types/ddl.ts";

/** Plain data (structured-clone safe) standing for a plan. */
export type Recipe =
  | { readonly kind: "source"; readonly node: unknown }
  | { readonly kind: "project"; readonly input: Recipe; readonly exprs: unknown }
  | { readonly kind: "filter"; readonly input: Recipe; readonly condition: unknown }
  | { readonly kind: "generate"; readonly input: Recipe; readonly expr: unknown; readonly timeWindow: boolean }
  | { readonly kind: "watermark"; readonly input: Recipe; readonly column: string; readonly delay: string }
  | { readonly kind: "aggregate"; readonly input: Recipe; readonly groupings: unknown; readonly outputs: unknown }
  | { readonly kind: "alias"; readonly input: Recipe; readonly alias: string };

class NotPortable extends Error {}

const DT = "$dataType";

/** A data type as plain data: complex types by structure, the others by their SQL name. */
export function typeToData(t: DataType): unknown {
  switch (t.kind) {
    case "struct":
      return { [DT]: "struct", fields: t.fields.map((f) => ({ name: f.name, type: typeToData(f.dataType), nullable: f.nullable, metadata: toData(f.metadata) })) };
    case "array":
      return { [DT]: "array", element: typeToData(t.elementType), containsNull: t.containsNull };
    case "map":
      return { [DT]: "map", key: typeToData(t.keyType), value: typeToData(t.valueType), valueContainsNull: t.valueContainsNull };
    default: {
      const sql = t.sql();
      if (!parseDataType(sql).equals(t)) throw new NotPortable(`type ${sql}`);
      return { [DT]: "sql", sql };
    }
  }
}

function typeFromData(d: Record<string, unknown>): DataType {
  switch (d[DT]) {
    case "struct":
      return new StructType((d.fields as Record<string, unknown>[]).map((f) =>
        new StructField(f.name as string, typeFromData(f.type as Record<string, unknown>), f.nullable as boolean, fromData(f.metadata) as Record<string, unknown>)));
    case "array":
      return new ArrayType(typeFromData(d.element as Record<string, unknown>), d.containsNull as boolean);
    case "map":
      return new MapType(typeFromData(d.key as Record<string, unknown>), typeFromData(d.value as Record<string, unknown>), d.valueContainsNull as boolean);
    default:
      return parseDataType(d.sql as string);
  }
}

const isType = (x: object): x is DataType =>
  x instanceof StructType || x instanceof ArrayType || x instanceof MapType || (typeof (x as { sql?: unknown }).sql === "function" && typeof (x as { kind?: unknown }).kind === "string");

/** `x` as plain data; throws NotPortable for functions and objects of other classes. */
function toData(x: unknown): unknown {
  if (x === null || x === undefined || typeof x === "string" || typeof x === "number" || typeof x === "boolean" || typeof x === "bigint") return x;
  if (typeof x !== "object") throw new NotPortable(typeof x);
  if (Array.isArray(x)) return x.map(toData);
  if (x instanceof Uint8Array) return x;
  if (x instanceof Map) return new Map([...x].map(([k, v]) => [toData(k), toData(v)]));
  if (isType(x)) return typeToData(x);
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) throw new NotPortable(proto?.constructor?.name ?? "object");
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) if (v !== undefined) out[k] = toData(v);
  return out;
}

function fromData(x: unknown): unknown {
  if (x === null || typeof x !== "object") return x;
  if (Array.isArray(x)) return Object.freeze(x.map(fromData));
  if (x instanceof Uint8Array) return x;
  if (x instanceof Map) return new Map([...x].map(([k, v]) => [fromData(k), fromData(v)]));
  const o = x as Record<string, unknown>;
  if (typeof o[DT] === "string") return typeFromData(o);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = fromData(v);
  return Object.freeze(out);
}

/** Whether a select list names a generator's output by position (`#gen…`), which only project() itself resolves. */
const namesGeneratedColumn = (exprs: readonly Expr[]) => exprs.some((e) => e.kind === "column" && e.parts[0]?.startsWith("#gen"));

function recipe(p: Plan): Recipe {
  switch (p.kind) {
    case "source":
      return { kind: "source", node: toData({ ...p, pushdown: undefined }) };
    case "project":
      if (namesGeneratedColumn(p.sources)) throw new NotPortable("generator in a select list");
      return { kind: "project", input: recipe(p.input), exprs: toData(p.sources) };
    case "filter":
      return { kind: "filter", input: recipe(p.input), condition: toData(p.source) };
    case "generate": {
      const timeWindow = p.generatorName === "explode" && p.generator.kind === "fn" && p.generator.name === "window" && isTimeWindow(p.source);
      return { kind: "generate", input: recipe(p.input), expr: toData(p.source), timeWindow };
    }
    case "watermark":
      return { kind: "watermark", input: recipe(p.input), column: p.input.output[p.column]!.name, delay: p.delayText };
    case "aggregate": {
      if (p.groupingSources === undefined || p.session !== undefined) throw new NotPortable("aggregate");
      // aggregate() adds the window column below itself: build from the input before it.
      const windowed = p.groupingSources.some((g) => isTimeWindow(g) || isSessionWindow(g));
      const input = windowed ? (p.input as Extract<Plan, { kind: "generate" }>).input : p.input;
      return { kind: "aggregate", input: recipe(input), groupings: toData(p.groupingSources), outputs: toData(p.sources) };
    }
    case "alias":
      return { kind: "alias", input: recipe(p.input), alias: p.alias };
    default:
      throw new NotPortable(p.kind);
  }
}

/** The recipe of `plan`, or undefined when some part of it cannot cross to a worker thread. */
export function recipeOf(plan: Plan): Recipe | undefined {
  try {
    return recipe(plan);
  } catch (e) {
    if (e instanceof NotPortable) return undefined;
    throw e;
  }
}

/** Builds the plan of a recipe again, with the same analyzer (on a worker thread). */
export function replay(r: Recipe, ctx: ResolveContext): Plan {
  switch (r.kind) {
    case "source":
      return fromData(r.node) as Plan;
    case "project":
      return project(replay(r.input, ctx), fromData(r.exprs) as Expr[], ctx);
    case "filter":
      return filter(replay(r.input, ctx), fromData(r.condition) as Expr, ctx);
    case "generate": {
      const input = replay(r.input, ctx);
      return r.timeWindow ? addTimeWindow(input, fromData(r.expr) as Expr, ctx).plan : generate(input, fromData(r.expr) as Expr, ctx);
    }
    case "watermark":
      return withWatermark(replay(r.input, ctx), r.column, r.delay, ctx);
    case "aggregate":
      return aggregate(replay(r.input, ctx), fromData(r.groupings) as Expr[], fromData(r.outputs) as Expr[], ctx);
    case "alias":
      return aliasPlan(replay(r.input, ctx), r.alias);
  }
}
