// Checks of the arguments PySpark's methods check, with PySpark's error classes: a Column where a
// Column is needed (NOT_COLUMN, NOT_COLUMN_OR_STR), positive timeouts (VALUE_NOT_POSITIVE), and
// keyword-argument objects, the TypeScript spelling of Python's keyword arguments
// (`trigger({ processingTime: "10 seconds" })` for `trigger(processingTime="10 seconds")`), whose
// unknown keys are refused as Python refuses an unexpected keyword argument.
import { userError } from "../errors.ts";
import { closeNames } from "../plugin/close_names.ts";
import { Column } from "./column.ts";

/** The type name an error reports for a value, as PySpark reports `type(x).__name__`. */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "Array";
  if (typeof value === "number" && Number.isNaN(value)) return "number (NaN)";
  if (typeof value === "object") {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === "string" && name !== "" && name !== "Object" ? name : "object";
  }
  return typeof value;
}

/**
 * What the value probably came from, and what to write instead: TypeScript has no operator
 * overloading, so a Python habit such as `F.col("a") > 3` gives a plain value, not a Column.
 */
function hintFor(value: unknown, acceptsName: boolean): string {
  if (typeof value === "number" && Number.isNaN(value)) {
    return "NaN is what JavaScript makes of arithmetic on a Column (`*`, `-`, `/`, `%`). Use the Column's methods: " +
      "F.col(\"a\").multiply(F.col(\"b\")), .minus(), .divide(), .mod(), .plus(); for a NaN literal write F.lit(NaN).";
  }
  if (typeof value === "boolean") {
    return "A boolean here comes from a JavaScript comparison (`>`, `<`, `==`, `===`, `!`), which cannot see inside a Column. " +
      "Use the Column's methods: F.col(\"a\").gt(3), .lt(), .geq(), .leq(), .equalTo(), .notEqual(), .not(), .and(), .or(); " +
      `for a constant write F.lit(${value}).`;
  }
  if (typeof value === "string") {
    if (value.includes("Column<") || value.includes("[object Object]")) {
      return "This string was made by JavaScript's `+` (or a template) from a Column. Use F.col(\"a\").plus(1) for arithmetic " +
        "and F.concat(F.col(\"a\"), F.lit(\"x\")) to join strings.";
    }
    return acceptsName
      ? "A string here is a column name."
      : `A string is not a Column here: write F.col(${JSON.stringify(value)}) for the column of that name, or F.lit(${JSON.stringify(value)}) for the text.`;
  }
  if (typeof value === "number" || typeof value === "bigint") {
    return `Write F.lit(${String(value)}${typeof value === "bigint" ? "n" : ""}) for a constant column.`;
  }
  if (value === undefined) return "The argument is missing (undefined): pass a Column such as F.col(\"a\").";
  if (value === null) return "For a NULL constant write F.lit(null).";
  return "Build a Column with F.col(\"name\"), F.lit(value), F.expr(\"sql\") or another F. function.";
}

/** PySpark's NOT_COLUMN: `withColumn("b", 5)`, `F.when(true, 1)`. */
export function requireColumn(value: unknown, argName: string): Column {
  if (value instanceof Column) return value;
  throw userError("NOT_COLUMN", `Argument \`${argName}\` should be a Column, got ${typeName(value)}.`, { hint: hintFor(value, false) });
}

/** PySpark's NOT_COLUMN_OR_STR: `filter(true)`, `select(5)`, `F.upper(5)`. */
export function requireColumnOrName(value: unknown, argName: string): Column | string {
  if (value instanceof Column || typeof value === "string") return value;
  throw userError("NOT_COLUMN_OR_STR", `Argument \`${argName}\` should be a Column or str, got ${typeName(value)}.`, { hint: hintFor(value, true) });
}

/** PySpark's NOT_STR: `withWatermark("ts", 600)`, `F.col(5)`; `nonEmpty` also refuses "" (as withWatermark does). */
export function requireStr(value: unknown, argName: string, hint?: string, nonEmpty = false): string {
  if (typeof value === "string" && (!nonEmpty || value !== "")) return value;
  throw userError("NOT_STR", `Argument \`${argName}\` should be a str, got ${typeName(value)}.`, hint ? { hint } : {});
}

/** PySpark's NOT_INT: `limit("5")`, `take(2.5)`. */
export function requireInt(value: unknown, argName: string, hint?: string): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw userError("NOT_INT", `Argument \`${argName}\` should be an int, got ${typeName(value)}.`, hint ? { hint } : {});
}

/**
 * Python keyword arguments passed as an object: refuses a value that is not a plain object and
 * keys the method does not take (with the close ones as "did you mean").
 */
export function keywordArguments<K extends string>(method: string, value: unknown, allowed: readonly K[], hint?: string): Partial<Record<K, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Column) {
    // PySpark's NOT_DICT words; a JavaScript object stands for Python's keyword arguments.
    throw userError("NOT_DICT", `Argument \`${method}\` should be a dict, got ${typeName(value)}.`, {
      hint: hint ?? `Pass Python's keyword arguments as an object: ${method}({ ${allowed[0]}: … }) for PySpark's ${method}(${allowed[0]}=…).`,
    });
  }
  for (const key of Object.keys(value)) {
    if ((allowed as readonly string[]).includes(key)) continue;
    const close = closeNames(key, allowed);
    throw userError("UNEXPECTED_KEYWORD_ARGUMENT", `${method}() got an unexpected keyword argument '${key}'.`, {
      hint: close.length > 0
        ? `Did you mean '${close[0]}'? ${method}() takes ${allowed.join(", ")}.`
        : `${method}() takes ${allowed.join(", ")}.`,
    });
  }
  return value as Partial<Record<K, unknown>>;
}

/**
 * A timeout in seconds, as PySpark's awaitTermination(timeout) takes it: a number, or
 * `{ timeout: seconds }`; undefined or null for none. `allowZero`: awaitAnyTermination accepts 0.
 */
export function timeoutSeconds(method: string, arg: unknown, allowZero: boolean): number | undefined {
  let value = arg;
  if (typeof arg === "object" && arg !== null) value = keywordArguments(method, arg, ["timeout"]).timeout;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || Number.isNaN(value) || value < 0 || (value === 0 && !allowZero)) {
    // PySpark reports the type's name in place of the value: "got 'int'".
    throw userError("VALUE_NOT_POSITIVE", `Value for \`timeout\` must be positive, got '${typeName(value)}'.`, {
      hint: `${method}(timeout) takes seconds, as in PySpark: ${method}(5) waits up to 5 seconds${allowZero ? " (0: do not wait)" : ""}.`,
    });
  }
  return value;
}
