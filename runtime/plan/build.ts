// Builds analyzed plan nodes: each builder resolves its expressions against its input's output and
// fails with Spark's error when something does not resolve, so errors surface where they are made.
import type { Bound } from "../expr/bound.ts";
import type { Expr } from "../expr/expr.ts";
import { toPrettySQL } from "../expr/expr_sql.ts";
import { implicitCast } from "../expr/coercion.ts";
import { setOpColumnTypes } from "./set_op.ts";
import { userError } from "../errors.ts";
import { ArrayType, INT, MapType, STRING, StructField, StructType, type DataType } from "../types/data_type.ts";
import { jsonTupleRow } from "../expr/functions/json_tuple.ts";
import type { Attribute } from "./attribute.ts";
import type { Plan } from "./plan.ts";
import { canonicalName, ExprResolver, GENERATORS, outputName, type ResolveContext } from "./resolve_expr.ts";
import { parseDurationMs } from "./duration.ts";
import { aggregate, containsAggregate } from "./aggregate.ts";
import { containsWindow, planWindows } from "./window.ts";
import { planWindowColumns } from "./window_columns.ts";

type NodeOf<K extends Plan["kind"]> = Extract<Plan, { kind: K }>;

const freeze = <T>(x: T): T => Object.freeze(x);

/** Names of every output column, for star expansion. */
function expandStar(input: Plan, e: Extract<Expr, { kind: "star" }>): Expr[] {
  const q = e.qualifier?.join(".");
  const attrs = input.output.map((a, i) => ({ a, i })).filter(({ a }) => q === undefined || a.qualifier?.toLowerCase() === q.toLowerCase());
  if (q !== undefined && attrs.length === 0) {
    // `s.*` on a struct column: one column per field (Spark's UnresolvedStar over a struct).
    const struct = input.output.find((a) => a.name.toLowerCase() === e.qualifier![0]!.toLowerCase());
    let t = struct?.type;
    for (const part of e.qualifier!.slice(1)) t = t?.kind === "struct" ? t.fields.find((f) => f.name.toLowerCase() === part.toLowerCase())?.dataType : undefined;
    if (struct && t?.kind === "struct") {
      return t.fields.map((f) => ({ kind: "alias", arg: { kind: "column", parts: [...e.qualifier!, f.name] }, names: [f.name] }) as Expr);
    }
    throw userError("CANNOT_RESOLVE_STAR_EXPAND",
      `Cannot resolve \`${q}\`.* given input columns ${input.output.map((a) => "`" + a.name + "`").join(", ")}.`, { sqlState: "42704", position: e.origin });
  }
  return attrs.map(({ a }) => ({ kind: "column", parts: a.qualifier ? [a.qualifier, a.name] : [a.name] }) as Expr);
}

function isGenerator(e: Expr): boolean {
  const inner = e.kind === "alias" ? e.arg : e;
  return inner.kind === "call" && GENERATORS.has(inner.name.toLowerCase());
}

/** SELECT: star expansion, at most one generator (explode) which becomes a Generate node below. */
export function project(input: Plan, exprs: readonly Expr[], ctx: ResolveContext): Plan {
  let list = exprs.flatMap((e) => (e.kind === "star" ? expandStar(input, e) : [e]));
  // select(window(...)) / withColumn(…, session_window(...)) outside an aggregation: the window
  // column is computed below, stateless (plan/window_columns.ts).
  if (!list.some(containsAggregate) && !list.some(containsWindow)) {
    const windowed = planWindowColumns(input, list, ctx);
    input = windowed.plan;
    list = windowed.exprs;
  }
  // Window functions (`… OVER (…)`): computed by window nodes over the rest (plan/window.ts).
  if (list.some(containsWindow)) {
    return planWindows(list, [], (outs) => (outs.some(containsAggregate) ? aggregate(input, [], outs, ctx) : project(input, outs, ctx)), ctx);
  }
  // select(sum(x)) is a global aggregation, as in Spark.
  if (list.some(containsAggregate)) return aggregate(input, [], list, ctx);
  let child = input;
  const gens = list.filter(isGenerator);
  if (gens.length > 1) {
    throw userError("UNSUPPORTED_GENERATOR.MULTI_GENERATOR",
      `The generator is not supported: only one generator allowed per SELECT clause but found ${gens.length}: ${gens.map((g) => `"${toPrettySQL(g, canonicalName)}"`).join(", ")}.`, { sqlState: "42K0E" });
  }
  if (gens.length === 1) {
    const g = gens[0]!;
    child = generate(input, g, ctx);
    const genAttrs = child.output.slice(input.output.length);
    // The generator's output columns replace it in the select list, referenced by position.
    list = list.flatMap((e) => (e === g ? genAttrs.map((_, k) => ({ kind: "column", parts: [`#gen${input.output.length + k}`] }) as Expr) : [e]));
    const r = new ExprResolver(child.output, ctx);
    const bound = list.map((e) => {
      const m = e.kind === "column" && e.parts[0]!.startsWith("#gen") ? Number(e.parts[0]!.slice(4)) : -1;
      if (m >= 0) {
        const a = child.output[m]!;
        return { b: { kind: "ref", ordinal: m, type: a.type, nullable: a.nullable, name: a.name } as Bound, name: a.name, src: e };
      }
      return { b: r.resolve(e), name: outputName(e), src: e };
    });
    return projectNode(child, bound, list);
  }
  const r = new ExprResolver(child.output, ctx);
  return projectNode(child, list.map((e) => ({ b: r.resolve(e), name: outputName(e), src: e })), list);
}

function projectNode(child: Plan, bound: { b: Bound; name: string; src: Expr }[], list: readonly Expr[]): Plan {
  const output: Attribute[] = bound.map(({ b, name }) => {
    // A plain column reference keeps what is known about the column (qualifier, watermark).
    const src = b.kind === "ref" ? child.output[b.ordinal] : undefined;
    if (src) return { ...src, name };
    // window_time(window) keeps the window column's watermark (Spark keeps its metadata).
    const time = b.kind === "fn" && b.name === "window_time" && b.args[0]?.kind === "ref" ? child.output[b.args[0].ordinal] : undefined;
    return { name, type: b.type, nullable: b.nullable, watermarkDelayMs: time?.watermarkDelayMs };
  });
  return freeze({ kind: "project", input: child, exprs: bound.map((x) => x.b), sources: list, output, streaming: child.streaming });
}

/** explode / explode_outer / posexplode(_outer) / inline(_outer): input columns followed by the generated ones. */
export function generate(input: Plan, e: Expr, ctx: ResolveContext): NodeOf<"generate"> {
  const aliasNames = e.kind === "alias" ? e.names : undefined;
  const call = (e.kind === "alias" ? e.arg : e) as Extract<Expr, { kind: "call" }>;
  const name = call.name.toLowerCase();
  if (name === "json_tuple") return jsonTuple(input, call, aliasNames, e, ctx);
  if (call.args.length !== 1) {
    throw userError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
      `The \`${name}\` requires 1 parameters but the actual number is ${call.args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`, { sqlState: "42605", position: call.origin });
  }
  const arg = new ExprResolver(input.output, ctx).resolve(call.args[0]!);
  const outer = name.endsWith("_outer");
  const position = name.startsWith("posexplode");
  const t: DataType = arg.type;
  let cols: Attribute[];
  if (name.startsWith("inline")) {
    if (!(t instanceof ArrayType && t.elementType instanceof StructType)) throw generatorTypeError(call, t, "ARRAY<STRUCT>");
    cols = t.elementType.fields.map((f) => ({ name: f.name, type: f.dataType, nullable: f.nullable || outer }));
  } else if (t instanceof ArrayType) {
    cols = [{ name: "col", type: t.elementType, nullable: t.containsNull || outer }];
  } else if (t instanceof MapType) {
    cols = [{ name: "key", type: t.keyType, nullable: outer }, { name: "value", type: t.valueType, nullable: t.valueContainsNull || outer }];
  } else {
    throw generatorTypeError(call, t, '("ARRAY" or "MAP")');
  }
  if (position) cols = [{ name: "pos", type: INT, nullable: outer }, ...cols];
  if (aliasNames) {
    if (aliasNames.length !== cols.length) {
      throw userError("UDTF_ALIAS_NUMBER_MISMATCH",
        `The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected ${cols.length} aliases, but got ${aliasNames.map((n) => "`" + n + "`").join(", ")}. Please ensure that the number of aliases provided matches the number of columns output by the UDTF.`, { sqlState: "42802" });
    }
    cols = cols.map((c, i) => ({ ...c, name: aliasNames[i]! }));
  }
  return freeze({
    kind: "generate", input, generator: arg, generatorName: name, outer, position, source: e,
    output: [...input.output, ...cols], streaming: input.streaming,
  });
}

/**
 * json_tuple(json, name1, name2, …): one row of STRING columns c0, c1, … holding each named
 * top-level field of the JSON object (strings bare, other values as JSON text); NULLs when the
 * JSON is NULL or invalid, or a name is NULL or missing. Planned as inline() over a one-element
 * array of that row.
 */
function jsonTuple(input: Plan, call: Extract<Expr, { kind: "call" }>, aliasNames: readonly string[] | undefined, e: Expr, ctx: ResolveContext): NodeOf<"generate"> {
  if (call.args.length < 2) {
    throw userError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
      `The \`json_tuple\` requires > 1 parameters but the actual number is ${call.args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`, { sqlState: "42605", position: call.origin });
  }
  const resolver = new ExprResolver(input.output, ctx);
  const args = call.args.map((a) => resolver.resolve(a));
  args.forEach((a) => {
    if (a.type.kind !== "string" && a.type.kind !== "null") {
      throw userError("DATATYPE_MISMATCH.NON_STRING_TYPE",
        `Cannot resolve "${toPrettySQL(call, canonicalName)}" due to data type mismatch: all arguments of the function \`json_tuple\` must be string type.`,
        { sqlState: "42K09", position: call.origin });
    }
  });
  const n = args.length - 1;
  const names = aliasNames ?? Array.from({ length: n }, (_, i) => `c${i}`);
  if (names.length !== n) {
    throw userError("UDTF_ALIAS_NUMBER_MISMATCH",
      `The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected ${n} aliases, but got ${names.map((x) => "`" + x + "`").join(", ")}. Please ensure that the number of aliases provided matches the number of columns output by the UDTF.`, { sqlState: "42802" });
  }
  const row = new StructType(names.map((x) => new StructField(x, STRING, true)));
  const generator: Bound = {
    kind: "fn", name: "json_tuple", args, type: new ArrayType(row, false), nullable: false, nullSafe: true,
    impl: (json: string | null, ...fields: (string | null)[]) => [jsonTupleRow(json, fields)],
  };
  return freeze({
    kind: "generate", input, generator, generatorName: "inline", outer: false, position: false, source: e,
    output: [...input.output, ...names.map((x) => ({ name: x, type: STRING, nullable: true }))], streaming: input.streaming,
  });
}

function generatorTypeError(call: Extract<Expr, { kind: "call" }>, t: DataType, required: string) {
  const sql = toPrettySQL(call, canonicalName);
  return userError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
    `Cannot resolve "${sql}" due to data type mismatch: The first parameter requires the ${required} type, however "${toPrettySQL(call.args[0]!, canonicalName)}" has the type "${t.sql()}".`,
    { sqlState: "42K09", position: call.origin });
}

export function filter(input: Plan, condition: Expr, ctx: ResolveContext): Plan {
  const b = new ExprResolver(input.output, ctx).resolve(condition);
  if (b.type.kind !== "boolean" && b.type.kind !== "null") {
    throw userError("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
      `Cannot resolve "${toPrettySQL(condition, canonicalName)}" due to data type mismatch: Filter expression "${toPrettySQL(condition, canonicalName)}" of type "${b.type.sql()}" is not a boolean.`,
      { sqlState: "42K09", position: condition.origin });
  }
  return freeze({ kind: "filter", input, condition: b, source: condition, output: input.output, streaming: input.streaming });
}

/** UNION ALL by position (union) or by name (unionByName), widening column types as Spark does. */
export function union(inputs: readonly Plan[], byName: boolean, allowMissingColumns: boolean, ctx: ResolveContext): Plan {
  const first = inputs[0]!;
  // A union of streaming and batch inputs is refused when the query starts (check_streaming.ts), as in Spark.
  let aligned = inputs;
  if (byName) {
    const names = [...first.output.map((a) => a.name)];
    if (allowMissingColumns) {
      for (const p of inputs) for (const a of p.output) if (!names.some((n) => n.toLowerCase() === a.name.toLowerCase())) names.push(a.name);
    }
    aligned = inputs.map((p) => {
      const exprs = names.map((n) => {
        const hit = p.output.find((a) => a.name.toLowerCase() === n.toLowerCase());
        if (hit) return { kind: "column", parts: [hit.name] } as Expr;
        if (allowMissingColumns) return { kind: "alias", arg: { kind: "literal", value: null, type: first.output.find((a) => a.name === n)?.type ?? inputs.flatMap((q) => q.output).find((a) => a.name === n)!.type }, names: [n] } as Expr;
        throw userError("NUM_COLUMNS_MISMATCH", `UNION can only be performed on inputs with the same number of columns, but the first input has ${first.output.length} columns and the ${ordinal(inputs.indexOf(p) + 1)} input has ${p.output.length} columns.`, { sqlState: "42826" });
      });
      return project(p, exprs, ctx);
    });
  }
  const width = aligned[0]!.output.length;
  aligned.forEach((p, k) => {
    if (p.output.length !== width) {
      throw userError("NUM_COLUMNS_MISMATCH",
        `UNION can only be performed on inputs with the same number of columns, but the first input has ${width} columns and the ${ordinal(k + 1)} input has ${p.output.length} columns.`, { sqlState: "42826" });
    }
  });
  const bindCtx = { timeZone: ctx.timeZone, ansi: ctx.ansi, sql: "union", argSql: [] };
  const types = setOpColumnTypes(aligned, "UNION");
  // Cast each input to the common column types where they differ.
  const cast = aligned.map((p) => {
    if (p.output.every((a, i) => a.type.equals(types[i]!))) return p;
    const exprs: Bound[] = p.output.map((a, i) => implicitCast({ kind: "ref", ordinal: i, type: a.type, nullable: a.nullable, name: a.name }, types[i]!, bindCtx));
    return freeze({ kind: "project", input: p, exprs, sources: p.output.map((a) => ({ kind: "column", parts: [a.name] }) as Expr), output: p.output.map((a, i) => ({ ...a, type: types[i]! })), streaming: p.streaming }) as Plan;
  });
  const output = first.output.map((a, i) => ({ ...a, type: types[i]!, nullable: cast.some((p) => p.output[i]!.nullable) }));
  return freeze({ kind: "union", inputs: cast, byName, output, streaming: inputs.some((p) => p.streaming) });
}

const ordinal = (n: number) => (n === 2 ? "second" : n === 3 ? "third" : `${n}th`);

export function limit(input: Plan, n: number): Plan {
  if (!Number.isInteger(n) || n < 0) {
    throw userError("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", `The limit like expression "${n}" is invalid. The limit expression must be equal to or greater than 0, but got ${n}.`, { sqlState: "42K0E" });
  }
  return freeze({ kind: "limit", input, limit: n, output: input.output, streaming: input.streaming });
}

/** withWatermark(eventTime, delay): marks the column; the scheduler tracks max(eventTime) - delay. */
export function withWatermark(input: Plan, column: string, delay: string, ctx: ResolveContext): Plan {
  const b = new ExprResolver(input.output, ctx).resolveColumn(column.split("."));
  if (b.kind !== "ref") throw userError("UNSUPPORTED_FEATURE", "withWatermark needs a top-level column.", {});
  if (b.type.kind !== "timestamp" && b.type.kind !== "timestamp_ntz") {
    throw userError("EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE", `The event time \`${column}\` has the invalid type "${b.type.sql()}", but expected "TIMESTAMP".`, { sqlState: "42K09" });
  }
  if (input.output.some((a) => a.watermarkDelayMs !== undefined)) {
    throw userError("_LEGACY_ERROR_TEMP_3076",
      "Redefining watermark is disallowed. You can set the config 'spark.sql.streaming.statefulOperator.allowMultiple' to 'false' to restore the previous behavior. Note that multiple stateful operators will be disallowed.",
      { hint: "Declare withWatermark once, on the source's event-time column, before any stateful operator." });
  }
  const delayMs = parseDurationMs(delay, "delayThreshold");
  if (delayMs < 0) {
    throw userError("_LEGACY_ERROR_TEMP_1014", `delay threshold (${delay}) should not be negative.`, { hint: 'Use a delay such as "10 minutes".' });
  }
  const output = input.output.map((a, i) => (i === b.ordinal ? { ...a, watermarkDelayMs: delayMs } : a.watermarkDelayMs !== undefined ? { ...a, watermarkDelayMs: undefined } : a));
  return freeze({ kind: "watermark", input, column: b.ordinal, delayMs, delayText: delay, output, streaming: input.streaming });
}

export function aliasPlan(input: Plan, alias: string): Plan {
  return freeze({ kind: "alias", input, alias, output: input.output.map((a) => ({ ...a, qualifier: alias })), streaming: input.streaming });
}


/** ORDER BY / sort(): expressions over the input, ascending with nulls first unless told. */
export function sort(input: Plan, orders: readonly Expr[], ctx: ResolveContext): Plan {
  const r = new ExprResolver(input.output, ctx);
  const keys = orders.map((o) => {
    const so = o.kind === "sortOrder" ? o : { kind: "sortOrder" as const, arg: o, ascending: true, nullsFirst: true };
    const expr = r.resolve(so.arg);
    if (expr.type.kind === "map") {
      throw userError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", `Cannot resolve "${toPrettySQL(so.arg, canonicalName)}" due to data type mismatch: The \`sortorder\` does not support ordering on type "${expr.type.sql()}".`, { sqlState: "42K09" });
    }
    return { expr, ascending: so.ascending, nullsFirst: so.nullsFirst };
  });
  return freeze({ kind: "sort", input, orders: keys, sources: orders.map((o) => (o.kind === "sortOrder" ? o.arg : o)), output: input.output, streaming: input.streaming });
}

/** dropDuplicates / dropDuplicatesWithinWatermark over the named columns (all columns if none). */
export function dedup(input: Plan, columns: readonly string[] | undefined, withinWatermark: boolean, ctx: ResolveContext): Plan {
  const r = new ExprResolver(input.output, ctx);
  const keys = columns === undefined || columns.length === 0
    ? input.output.map((_, i) => i)
    : columns.map((c) => {
      const b = r.resolveColumn([c]);
      if (b.kind !== "ref") throw userError("UNRESOLVED_COLUMN.WITH_SUGGESTION", `Cannot resolve column name "${c}" among (${input.output.map((a) => a.name).join(", ")}).`, { sqlState: "42703" });
      return b.ordinal;
    });
  const wm = input.output.findIndex((a) => a.watermarkDelayMs !== undefined);
  if (withinWatermark) {
    if (!input.streaming) throw userError("_LEGACY_ERROR_TEMP_3102", "dropDuplicatesWithinWatermark is not supported with batch DataFrames/DataSets");
  }
  const eventTime = wm >= 0 ? { slot: wm, delayMs: input.output[wm]!.watermarkDelayMs!, inKeys: keys.includes(wm) } : undefined;
  return freeze({ kind: "dedup", input, keys, withinWatermark, eventTime, output: input.output, streaming: input.streaming });
}
