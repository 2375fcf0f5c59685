// Spark's error classes and wording for expression type checks and runtime failures (casts,
// arithmetic, array access), shared by coercion.ts, cast.ts and the operator functions.
import { formatTime } from "./datetime/time_of_day.ts";
import { SluiceError } from "../errors.ts";
import type { CalendarInterval } from "../types/calendar_interval.ts";
import type { DataType } from "../types/data_type.ts";
import {
  calendarIntervalToString, dayTimeIntervalToString, formatDate, formatLocalMicros, formatTimestamp, getTimeZone,
  yearMonthIntervalToString,
} from "./cast_datetime.ts";
import { toJavaString, toPlainString } from "./decimal_ops.ts";
import { javaDoubleToString, javaFloatToString } from "./java_format.ts";

export const ANSI_CONF = `"spark.sql.ansi.enabled"`;

/** Spark's toSQLType: the type's SQL name in double quotes; struct fields show NOT NULL. */
export function sqlType(t: DataType): string {
  return `"${typeSql(t)}"`;
}

export function typeSql(t: DataType): string {
  switch (t.kind) {
    case "array":
      return `ARRAY<${typeSql(t.elementType)}>`;
    case "map":
      return `MAP<${typeSql(t.keyType)}, ${typeSql(t.valueType)}>`;
    case "struct":
      return `STRUCT<${t.fields.map((f) => `${f.name}: ${typeSql(f.dataType)}${f.nullable ? "" : " NOT NULL"}`).join(", ")}>`;
    case "decimal":
      return `DECIMAL(${t.precision},${t.scale})`;
    case "timestamp":
      return "TIMESTAMP";
    case "timestamp_ntz":
      return "TIMESTAMP_NTZ";
    case "null":
      return "VOID";
    default:
      return t.sql();
  }
}

/** "first", "second", "third", then "4th" … (Spark's ordinalNumber). */
export function ordinal(i: number): string {
  return i === 0 ? "first" : i === 1 ? "second" : i === 2 ? "third" : `${i + 1}th`;
}

/** [DATATYPE_MISMATCH.<sub>] Cannot resolve "<sql>" due to data type mismatch: <detail> */
export function dataTypeMismatch(sub: string, sql: string, detail: string): SluiceError {
  return new SluiceError(`DATATYPE_MISMATCH.${sub}`, `Cannot resolve "${sql}" due to data type mismatch: ${detail}`, {
    sqlState: "42K09",
  });
}

export function binaryOpDiffTypes(sql: string, l: DataType, r: DataType): SluiceError {
  return dataTypeMismatch("BINARY_OP_DIFF_TYPES", sql,
    `the left and right operands of the binary operator have incompatible types (${sqlType(l)} and ${sqlType(r)}).`);
}

/** `required` is already formatted, e.g. "NUMERIC" or ("NUMERIC" or "INTERVAL"). */
export function binaryOpWrongType(sql: string, required: string, actual: DataType): SluiceError {
  return dataTypeMismatch("BINARY_OP_WRONG_TYPE", sql,
    `the binary operator requires the input type ${required}, not ${sqlType(actual)}.`);
}

/** `required` is already formatted, e.g. "NUMERIC" or ("INT" or "SMALLINT"). */
export function unexpectedInputType(sql: string, index: number, required: string, argSql: string, actual: DataType): SluiceError {
  return dataTypeMismatch("UNEXPECTED_INPUT_TYPE", sql,
    `The ${ordinal(index)} parameter requires the ${required} type, however "${argSql}" has the type ${sqlType(actual)}.`);
}

// ---- runtime errors ----

/** Spark's toSQLValue: how a value is quoted inside runtime error messages. */
export function sqlValue(v: unknown, t: DataType): string {
  if (v === null || v === undefined) return "NULL";
  switch (t.kind) {
    case "string":
      return `'${String(v).replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
    case "byte":
      return `${v}Y`;
    case "short":
      return `${v}S`;
    case "long":
      return `${BigInt(v as number)}L`;
    case "float":
      return javaFloatToString(v as number);
    case "double": {
      const d = v as number;
      if (Number.isNaN(d) || !Number.isFinite(d)) return javaDoubleToString(d);
      return javaDoubleToString(d) + "D";
    }
    case "decimal":
      return toJavaString(v as bigint, t.scale) + "BD";
    case "date":
      return `DATE '${formatDate(v as number)}'`;
    case "timestamp":
      return `TIMESTAMP '${formatTimestamp(v as number, getTimeZone("UTC"))}'`;
    case "timestamp_ntz":
      return `TIMESTAMP_NTZ '${formatLocalMicros(v as number)}'`;
    case "time":
      return `TIME '${formatTime(v as number)}'`;
    case "daytime_interval":
      return dayTimeIntervalToString(v as number, t.startField, t.endField);
    case "yearmonth_interval":
      return yearMonthIntervalToString(v as number, t.startField, t.endField);
    case "calendar_interval":
      return `INTERVAL '${calendarIntervalToString(v as CalendarInterval)}'`;
    case "binary":
      return `X'${[...(v as Uint8Array)].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("")}'`;
    default:
      return String(v);
  }
}

/** Like sqlValue, with timestamps shown in the session zone (as Spark's messages do). */
export function sqlValueIn(v: unknown, t: DataType, timeZone: string): string {
  if (t.kind === "timestamp" && v !== null) return `TIMESTAMP '${formatTimestamp(v as number, getTimeZone(timeZone))}'`;
  return sqlValue(v, t);
}

export function castInvalidInput(value: string, from: DataType, to: DataType): SluiceError {
  return new SluiceError("CAST_INVALID_INPUT",
    `The value ${value} of the type ${sqlType(from)} cannot be cast to ${sqlType(to)} because it is malformed. ` +
      "Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.",
    { sqlState: "22018" });
}

export function castOverflow(value: string, from: DataType, to: DataType): SluiceError {
  return new SluiceError("CAST_OVERFLOW",
    `The value ${value} of the type ${sqlType(from)} cannot be cast to ${sqlType(to)} due to an overflow. ` +
      "Use `try_cast` to tolerate overflow and return NULL instead.",
    { sqlState: "22003" });
}

/** NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION; `plain` is the value's plain decimal text. */
export function decimalOutOfRange(plain: string, precision: number, scale: number): SluiceError {
  // The parent message is empty, hence the leading space Spark prints after the class.
  return new SluiceError("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
    ` ${plain} cannot be represented as Decimal(${precision}, ${scale}). If necessary set ${ANSI_CONF} to "false" to bypass this error, and return NULL instead.`,
    { sqlState: "22003" });
}

export function decimalOutOfRangeValue(unscaled: bigint, scale: number, precision: number, targetScale: number): SluiceError {
  return decimalOutOfRange(toPlainString(unscaled, scale), precision, targetScale);
}

/** [ARITHMETIC_OVERFLOW] <message>.<alternative> If necessary set … */
/**
 * A java.lang.ArithmeticException Spark lets through without an error class (Math.multiplyExact's
 * "long overflow", BigDecimal's "Rounding necessary"): the code names the Java exception.
 */
export function javaArithmeticException(message: string): SluiceError {
  return new SluiceError("ArithmeticException", message, { sqlState: "22003" });
}

export function arithmeticOverflow(message: string, tryFunction?: string): SluiceError {
  const alternative = tryFunction ? ` Use '${tryFunction}' to tolerate overflow and return NULL instead.` : "";
  return new SluiceError("ARITHMETIC_OVERFLOW",
    `${message}.${alternative} If necessary set ${ANSI_CONF} to "false" to bypass this error.`, { sqlState: "22003" });
}

/** Byte/short arithmetic overflow: "127S + 1S caused overflow". */
export function binaryArithmeticOverflow(a: string, symbol: string, b: string, tryFunction: string): SluiceError {
  return new SluiceError("BINARY_ARITHMETIC_OVERFLOW",
    `${a} ${symbol} ${b} caused overflow. Use \`${tryFunction}\` to ignore overflow problem and return NULL.`,
    { sqlState: "22003" });
}

export function divideByZero(): SluiceError {
  return new SluiceError("DIVIDE_BY_ZERO",
    `Division by zero. Use \`try_divide\` to tolerate divisor being 0 and return NULL instead. If necessary set ${ANSI_CONF} to "false" to bypass this error.`,
    { sqlState: "22012" });
}

export function remainderByZero(): SluiceError {
  return new SluiceError("REMAINDER_BY_ZERO",
    `Remainder by zero. Use \`try_mod\` to tolerate divisor being 0 and return NULL instead. If necessary set ${ANSI_CONF} to "false" to bypass this error.`,
    { sqlState: "22012" });
}

export function intervalDividedByZero(): SluiceError {
  return new SluiceError("INTERVAL_DIVIDED_BY_ZERO",
    "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.", { sqlState: "22012" });
}

export function intervalArithmeticOverflow(tryFunction?: string): SluiceError {
  if (tryFunction) {
    return new SluiceError("INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION",
      `Integer overflow while operating with intervals. Use \`${tryFunction}\` to tolerate overflow and return NULL instead.`,
      { sqlState: "22015" });
  }
  return new SluiceError("INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION",
    "Integer overflow while operating with intervals. Try devising appropriate values for the interval parameters.",
    { sqlState: "22015" });
}

export function invalidArrayIndex(index: number, size: number): SluiceError {
  return new SluiceError("INVALID_ARRAY_INDEX",
    `The index ${index} is out of bounds. The array has ${size} elements. Use the SQL function \`get()\` to tolerate accessing element at invalid index and return NULL instead.`,
    { sqlState: "22003" });
}

export function invalidElementAtIndex(index: number, size: number): SluiceError {
  return new SluiceError("INVALID_ARRAY_INDEX_IN_ELEMENT_AT",
    `The index ${index} is out of bounds. The array has ${size} elements. Use \`try_element_at\` to tolerate accessing element at invalid index and return NULL instead.`,
    { sqlState: "22003" });
}

export function invalidIndexOfZero(): SluiceError {
  return new SluiceError("INVALID_INDEX_OF_ZERO",
    "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).", { sqlState: "22003" });
}

/** INVALID_PARAMETER_VALUE.<sub>: The value of parameter(s) `p` in `f` is invalid: <detail> */
export function invalidParameterValue(sub: string, parameter: string, functionName: string, detail: string): SluiceError {
  return new SluiceError(`INVALID_PARAMETER_VALUE.${sub}`,
    `The value of parameter(s) \`${parameter}\` in \`${functionName}\` is invalid: ${detail}`, { sqlState: "22023" });
}
