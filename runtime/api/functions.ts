// pyspark.sql.functions for TypeScript: `import { functions as F } from "sluice"`.
// Each builder makes an unresolved call; the one function registry (expr/functions) resolves it,
// so the DataFrame API and SQL share every implementation. Where PySpark takes "a column or its
// name", a string is a column name; where it takes a value (a pattern, a format), a string is a
// literal. Every function is also exported under its camelCase name (regexpReplace, …).
import { type DataType, StructType } from "../types/data_type.ts";
import { requireColumn } from "./arguments.ts";
import { callOf, col, Column, type ColumnOrValue, expr, lit, toColumn, Window } from "./column.ts";

type ColumnOrName = Column | string;
const c = (x: ColumnOrName): Column => toColumn(x);
const call = (name: string, ...args: ColumnOrValue[]): Column => callOf(name, ...args);

const f = {
  col,
  column: col,
  lit,
  expr,
  when: (condition: Column, value: ColumnOrValue): Column =>
    new Column(Object.freeze({ kind: "case", branches: [{ when: requireColumn(condition, "condition").expr, then: lit(value).expr }] })),
  coalesce: (...cols: ColumnOrName[]) => call("coalesce", ...cols.map(c)),
  isnull: (x: ColumnOrName) => c(x).isNull(),
  isnan: (x: ColumnOrName) => call("isnan", c(x)),
  not: (x: ColumnOrName) => c(x).not(),
  negate: (x: ColumnOrName) => c(x).negate(),
  asc: (x: string) => col(x).asc(),
  desc: (x: string) => col(x).desc(),

  // window functions (use with .over(Window.…))
  row_number: () => call("row_number"),
  rank: () => call("rank"),
  dense_rank: () => call("dense_rank"),
  percent_rank: () => call("percent_rank"),
  cume_dist: () => call("cume_dist"),
  ntile: (n: number) => call("ntile", n),
  lag: (x: ColumnOrName, offset = 1, defaultValue: ColumnOrValue = null) => call("lag", c(x), offset, defaultValue),
  lead: (x: ColumnOrName, offset = 1, defaultValue: ColumnOrValue = null) => call("lead", c(x), offset, defaultValue),
  nth_value: (x: ColumnOrName, offset: number, ignoreNulls = false) => call("nth_value", c(x), offset, ignoreNulls),

  // aggregates
  count: (x: ColumnOrName) => call("count", x === "*" ? new Column({ kind: "star" }) : c(x)),
  countDistinct: (...cols: ColumnOrName[]) => new Column({ kind: "call", name: "count", args: cols.map((x) => c(x).expr), distinct: true }),
  count_distinct: (...cols: ColumnOrName[]) => new Column({ kind: "call", name: "count", args: cols.map((x) => c(x).expr), distinct: true }),
  sum: (x: ColumnOrName) => call("sum", c(x)),
  sum_distinct: (x: ColumnOrName) => new Column({ kind: "call", name: "sum", args: [c(x).expr], distinct: true }),
  avg: (x: ColumnOrName) => call("avg", c(x)),
  mean: (x: ColumnOrName) => call("avg", c(x)),
  min: (x: ColumnOrName) => call("min", c(x)),
  max: (x: ColumnOrName) => call("max", c(x)),
  first: (x: ColumnOrName, ignorenulls = false) => (ignorenulls ? call("first", c(x), lit(true)) : call("first", c(x))),
  last: (x: ColumnOrName, ignorenulls = false) => (ignorenulls ? call("last", c(x), lit(true)) : call("last", c(x))),
  collect_list: (x: ColumnOrName) => call("collect_list", c(x)),
  collect_set: (x: ColumnOrName) => call("collect_set", c(x)),
  approx_count_distinct: (x: ColumnOrName, rsd?: number) => (rsd === undefined ? call("approx_count_distinct", c(x)) : call("approx_count_distinct", c(x), lit(rsd))),
  stddev: (x: ColumnOrName) => call("stddev", c(x)),
  stddev_samp: (x: ColumnOrName) => call("stddev_samp", c(x)),
  stddev_pop: (x: ColumnOrName) => call("stddev_pop", c(x)),
  variance: (x: ColumnOrName) => call("variance", c(x)),
  var_samp: (x: ColumnOrName) => call("var_samp", c(x)),
  var_pop: (x: ColumnOrName) => call("var_pop", c(x)),

  // event time
  /** window(timeColumn, "5 minutes"[, "1 minute"[, startTime]]): tumbling or sliding windows. */
  window: (timeColumn: ColumnOrName, windowDuration: string, slideDuration?: string, startTime?: string) =>
    call("window", c(timeColumn), lit(windowDuration), ...(slideDuration === undefined ? (startTime === undefined ? [] : [lit(windowDuration)]) : [lit(slideDuration)]), ...(startTime === undefined ? [] : [lit(startTime)])),
  window_time: (windowColumn: ColumnOrName) => call("window_time", c(windowColumn)),
  /**
   * session_window(timeColumn, "5 minutes"): sessions that close after a gap of inactivity. The gap
   * is a duration string or a Column giving one per row (F.when(...).otherwise(...)); as in
   * PySpark a string is the duration itself, never a column name.
   */
  session_window: (timeColumn: ColumnOrName, gapDuration: string | Column) =>
    call("session_window", c(timeColumn), gapDuration instanceof Column ? gapDuration : lit(gapDuration)),

  // math
  round: (x: ColumnOrName, scale = 0) => call("round", c(x), lit(scale)),
  bround: (x: ColumnOrName, scale = 0) => call("bround", c(x), lit(scale)),
  abs: (x: ColumnOrName) => call("abs", c(x)),
  floor: (x: ColumnOrName) => call("floor", c(x)),
  ceil: (x: ColumnOrName) => call("ceil", c(x)),
  sqrt: (x: ColumnOrName) => call("sqrt", c(x)),
  exp: (x: ColumnOrName) => call("exp", c(x)),
  log: (x: ColumnOrName) => call("ln", c(x)),
  pow: (x: ColumnOrName | number, y: ColumnOrName | number) => call("power", typeof x === "number" ? lit(x) : c(x), typeof y === "number" ? lit(y) : c(y)),
  rand: (seed?: number) => (seed === undefined ? call("rand") : call("rand", lit(seed))),
  randn: (seed?: number) => (seed === undefined ? call("randn") : call("randn", lit(seed))),
  greatest: (...cols: ColumnOrName[]) => call("greatest", ...cols.map(c)),
  least: (...cols: ColumnOrName[]) => call("least", ...cols.map(c)),

  // strings
  concat: (...cols: ColumnOrName[]) => call("concat", ...cols.map(c)),
  concat_ws: (sep: string, ...cols: ColumnOrName[]) => call("concat_ws", lit(sep), ...cols.map(c)),
  lower: (x: ColumnOrName) => call("lower", c(x)),
  upper: (x: ColumnOrName) => call("upper", c(x)),
  trim: (x: ColumnOrName) => call("trim", c(x)),
  ltrim: (x: ColumnOrName) => call("ltrim", c(x)),
  rtrim: (x: ColumnOrName) => call("rtrim", c(x)),
  length: (x: ColumnOrName) => call("length", c(x)),
  substring: (x: ColumnOrName, pos: number | Column, len: number | Column) => call("substring", c(x), lit(pos), lit(len)),
  split: (x: ColumnOrName, pattern: string, limit = -1) => call("split", c(x), lit(pattern), lit(limit)),
  regexp_replace: (x: ColumnOrName, pattern: string | Column, replacement: string | Column) =>
    call("regexp_replace", c(x), lit(pattern), lit(replacement)),
  regexp_extract: (x: ColumnOrName, pattern: string, idx: number) => call("regexp_extract", c(x), lit(pattern), lit(idx)),

  // collections
  explode: (x: ColumnOrName) => call("explode", c(x)),
  explode_outer: (x: ColumnOrName) => call("explode_outer", c(x)),
  posexplode: (x: ColumnOrName) => call("posexplode", c(x)),
  posexplode_outer: (x: ColumnOrName) => call("posexplode_outer", c(x)),
  array: (...cols: ColumnOrName[]) => call("array", ...cols.map(c)),
  struct: (...cols: ColumnOrName[]) => call("struct", ...cols.map(c)),
  size: (x: ColumnOrName) => call("size", c(x)),
  element_at: (x: ColumnOrName, index: ColumnOrValue) => call("element_at", c(x), index),

  // JSON and hashing
  /** from_json(col, schema): schema as a DDL string ("a INT, b STRING") or a StructType. */
  from_json: (x: ColumnOrName, schema: StructType | DataType | string, options?: Record<string, string>) => {
    const ddl = typeof schema === "string" ? schema : schema.sql();
    const args: ColumnOrValue[] = [c(x), lit(ddl)];
    if (options) args.push(call("map", ...Object.entries(options).flatMap(([k, v]) => [lit(k), lit(v)])));
    return call("from_json", ...args);
  },
  to_json: (x: ColumnOrName, options?: Record<string, string>) =>
    options ? call("to_json", c(x), call("map", ...Object.entries(options).flatMap(([k, v]) => [lit(k), lit(v)]))) : call("to_json", c(x)),
  hash: (...cols: ColumnOrName[]) => call("hash", ...cols.map(c)),
  xxhash64: (...cols: ColumnOrName[]) => call("xxhash64", ...cols.map(c)),
  md5: (x: ColumnOrName) => call("md5", c(x)),
  sha1: (x: ColumnOrName) => call("sha1", c(x)),
  sha2: (x: ColumnOrName, numBits: number) => call("sha2", c(x), lit(numBits)),

  // date and time
  current_timestamp: () => call("current_timestamp"),
  current_date: () => call("current_date"),
  now: () => call("current_timestamp"),
  to_timestamp: (x: ColumnOrName, format?: string) => (format === undefined ? call("to_timestamp", c(x)) : call("to_timestamp", c(x), lit(format))),
  to_date: (x: ColumnOrName, format?: string) => (format === undefined ? call("to_date", c(x)) : call("to_date", c(x), lit(format))),
  date_format: (x: ColumnOrName, format: string) => call("date_format", c(x), lit(format)),
  hour: (x: ColumnOrName) => call("hour", c(x)),
  minute: (x: ColumnOrName) => call("minute", c(x)),
  second: (x: ColumnOrName) => call("second", c(x)),
  year: (x: ColumnOrName) => call("year", c(x)),
  month: (x: ColumnOrName) => call("month", c(x)),
  dayofmonth: (x: ColumnOrName) => call("dayofmonth", c(x)),
  dayofweek: (x: ColumnOrName) => call("dayofweek", c(x)),
  dayofyear: (x: ColumnOrName) => call("dayofyear", c(x)),
  unix_timestamp: (x?: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss") =>
    x === undefined ? call("unix_timestamp") : call("unix_timestamp", c(x), lit(format)),
  from_unixtime: (x: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss") => call("from_unixtime", c(x), lit(format)),
  date_add: (x: ColumnOrName, days: number | Column) => call("date_add", c(x), lit(days)),
  date_sub: (x: ColumnOrName, days: number | Column) => call("date_sub", c(x), lit(days)),
  datediff: (end: ColumnOrName, start: ColumnOrName) => call("datediff", c(end), c(start)),
  date_trunc: (format: string, x: ColumnOrName) => call("date_trunc", lit(format), c(x)),
  timestamp_seconds: (x: ColumnOrName) => call("timestamp_seconds", c(x)),
};

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;
type WithCamel<T> = T & { [K in keyof T as K extends string ? CamelCase<K> : never]: T[K] };

export const functions = Object.freeze(
  Object.fromEntries(Object.entries(f).flatMap(([k, v]) => (camel(k) === k ? [[k, v]] : [[k, v], [camel(k), v]]))),
) as unknown as WithCamel<typeof f>;

export { Window };
