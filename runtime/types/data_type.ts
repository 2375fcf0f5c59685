// Spark's data types. Each is a small immutable class tagged with `kind`, so code can `switch`
// on `t.kind` and TypeScript narrows the union.
//
// How values of each type live in memory (the contract every operator and function relies on):
//   null                 -> null (for every type)
//   string               -> JS string
//   binary               -> Uint8Array
//   boolean              -> boolean
//   byte/short/int       -> number (integral)
//   long                 -> number while a safe integer (|v| <= 2^53 - 1), bigint beyond: exact to
//                           64 bits and canonical (never a bigint in the safe range), see types/long.ts
//   float/double         -> number (float values are rounded with Math.fround)
//   decimal(p, s)        -> bigint holding the unscaled value (the scale comes from the type)
//   date                 -> number: days since 1970-01-01
//   timestamp(_ntz)      -> number: microseconds since 1970-01-01T00:00:00Z
//   time(p)              -> number: nanoseconds since midnight, [0, 86400 * 10^9), truncated to p digits
//   interval day-second  -> number: microseconds
//   interval year-month  -> number: months
//   calendar interval    -> CalendarInterval {months, days, micros}
//   array                -> JS array
//   map                  -> JS Map (insertion ordered)
//   struct / row         -> JS array, one slot per field, in field order

import { parseDataType } from "./ddl.ts";

abstract class BaseType {
  abstract readonly kind: string;
  /** Spark's `simpleString` / SQL name: int, bigint, array<string>, struct<a:int> … */
  abstract simpleString(): string;
  /** Spark's `typeName` as printed by printSchema: integer, long, array, struct … */
  typeName(): string {
    return this.simpleString();
  }
  /** Spark's `sql` form: INT, BIGINT, ARRAY<STRING>, STRUCT<a: INT> … */
  sql(): string {
    return this.simpleString().toUpperCase();
  }
  equals(other: DataType): boolean {
    return this.simpleString() === other.simpleString();
  }
  toString(): string {
    return this.simpleString();
  }
}

export class NullType extends BaseType {
  readonly kind = "null" as const;
  simpleString(): string { return "void"; }
}
export class StringType extends BaseType {
  readonly kind = "string" as const;
  simpleString(): string { return "string"; }
}
export class BinaryType extends BaseType {
  readonly kind = "binary" as const;
  simpleString(): string { return "binary"; }
}
export class BooleanType extends BaseType {
  readonly kind = "boolean" as const;
  simpleString(): string { return "boolean"; }
}
export class ByteType extends BaseType {
  readonly kind = "byte" as const;
  simpleString(): string { return "tinyint"; }
  override typeName(): string { return "byte"; }
}
export class ShortType extends BaseType {
  readonly kind = "short" as const;
  simpleString(): string { return "smallint"; }
  override typeName(): string { return "short"; }
}
export class IntegerType extends BaseType {
  readonly kind = "int" as const;
  simpleString(): string { return "int"; }
  override typeName(): string { return "integer"; }
}
export class LongType extends BaseType {
  readonly kind = "long" as const;
  simpleString(): string { return "bigint"; }
  override typeName(): string { return "long"; }
}
export class FloatType extends BaseType {
  readonly kind = "float" as const;
  simpleString(): string { return "float"; }
}
export class DoubleType extends BaseType {
  readonly kind = "double" as const;
  simpleString(): string { return "double"; }
}
export class DecimalType extends BaseType {
  readonly kind = "decimal" as const;
  static readonly MAX_PRECISION = 38;
  constructor(readonly precision = 10, readonly scale = 0) {
    super();
  }
  simpleString(): string { return `decimal(${this.precision},${this.scale})`; }
}
export class DateType extends BaseType {
  readonly kind = "date" as const;
  simpleString(): string { return "date"; }
}
export class TimestampType extends BaseType {
  readonly kind = "timestamp" as const;
  simpleString(): string { return "timestamp"; }
}
export class TimestampNTZType extends BaseType {
  readonly kind = "timestamp_ntz" as const;
  simpleString(): string { return "timestamp_ntz"; }
}
/** Spark 4.1's TIME(p): a time of day, p (0..6) fractional digits of seconds kept. */
export class TimeType extends BaseType {
  readonly kind = "time" as const;
  constructor(readonly precision = 6) {
    super();
  }
  simpleString(): string { return `time(${this.precision})`; }
}

/** Interval field codes, as in Spark: DAY=0, HOUR=1, MINUTE=2, SECOND=3. */
export const DT_FIELDS = ["day", "hour", "minute", "second"] as const;
export class DayTimeIntervalType extends BaseType {
  readonly kind = "daytime_interval" as const;
  constructor(readonly startField = 0, readonly endField = 3) {
    super();
  }
  simpleString(): string {
    const s = DT_FIELDS[this.startField]!, e = DT_FIELDS[this.endField]!;
    return s === e ? `interval ${s}` : `interval ${s} to ${e}`;
  }
}
/** Interval field codes: YEAR=0, MONTH=1. */
export const YM_FIELDS = ["year", "month"] as const;
export class YearMonthIntervalType extends BaseType {
  readonly kind = "yearmonth_interval" as const;
  constructor(readonly startField = 0, readonly endField = 1) {
    super();
  }
  simpleString(): string {
    const s = YM_FIELDS[this.startField]!, e = YM_FIELDS[this.endField]!;
    return s === e ? `interval ${s}` : `interval ${s} to ${e}`;
  }
}
export class CalendarIntervalType extends BaseType {
  readonly kind = "calendar_interval" as const;
  simpleString(): string { return "interval"; }
}

export class ArrayType extends BaseType {
  readonly kind = "array" as const;
  constructor(readonly elementType: DataType, readonly containsNull = true) {
    super();
  }
  simpleString(): string { return `array<${this.elementType.simpleString()}>`; }
  override typeName(): string { return "array"; }
  override sql(): string { return `ARRAY<${this.elementType.sql()}>`; }
}
export class MapType extends BaseType {
  readonly kind = "map" as const;
  constructor(readonly keyType: DataType, readonly valueType: DataType, readonly valueContainsNull = true) {
    super();
  }
  simpleString(): string { return `map<${this.keyType.simpleString()},${this.valueType.simpleString()}>`; }
  override typeName(): string { return "map"; }
  override sql(): string { return `MAP<${this.keyType.sql()}, ${this.valueType.sql()}>`; }
}

export class StructField {
  constructor(
    readonly name: string,
    readonly dataType: DataType,
    readonly nullable = true,
    readonly metadata: Record<string, unknown> = {},
  ) {}
  simpleString(): string {
    return `${this.name}:${this.dataType.simpleString()}`;
  }
}

export class StructType extends BaseType {
  readonly kind = "struct" as const;
  readonly fields: readonly StructField[];
  constructor(fields: readonly StructField[] = []) {
    super();
    this.fields = Object.freeze([...fields]);
  }
  /** PySpark's `add(name, type, nullable)`: a new StructType with one more field. */
  add(name: string, dataType: DataType | string, nullable = true): StructType {
    const t = typeof dataType === "string" ? parseTypeName(dataType) : dataType;
    return new StructType([...this.fields, new StructField(name, t, nullable)]);
  }
  get fieldNames(): string[] {
    return this.fields.map((f) => f.name);
  }
  names(): string[] {
    return this.fieldNames;
  }
  field(name: string): StructField | undefined {
    return this.fields.find((f) => f.name === name) ?? this.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
  }
  fieldIndex(name: string): number {
    const i = this.fields.findIndex((f) => f.name === name);
    return i >= 0 ? i : this.fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase());
  }
  simpleString(): string { return `struct<${this.fields.map((f) => f.simpleString()).join(",")}>`; }
  override typeName(): string { return "struct"; }
  override sql(): string { return `STRUCT<${this.fields.map((f) => `${f.name}: ${f.dataType.sql()}`).join(", ")}>`; }
  /** Spark's printSchema text: "root" and one " |-- name: type (nullable = …)" line per field. */
  treeString(): string {
    const lines = ["root"];
    for (const f of this.fields) appendTree(lines, f.name, f.dataType, f.nullable, " |");
    return lines.join("\n") + "\n";
  }
}

function appendTree(lines: string[], name: string, t: DataType, nullable: boolean | null, prefix: string): void {
  const nullText = nullable === null ? "" : ` (nullable = ${nullable})`;
  lines.push(`${prefix}-- ${name}: ${t.typeName()}${nullText}`);
  appendChildren(lines, t, prefix + "    |");
}

function appendChildren(lines: string[], t: DataType, prefix: string): void {
  if (t instanceof StructType) {
    for (const f of t.fields) appendTree(lines, f.name, f.dataType, f.nullable, prefix);
  } else if (t instanceof ArrayType) {
    lines.push(`${prefix}-- element: ${t.elementType.typeName()} (containsNull = ${t.containsNull})`);
    appendChildren(lines, t.elementType, prefix + "    |");
  } else if (t instanceof MapType) {
    lines.push(`${prefix}-- key: ${t.keyType.typeName()}`);
    appendChildren(lines, t.keyType, prefix + "    |");
    lines.push(`${prefix}-- value: ${t.valueType.typeName()} (valueContainsNull = ${t.valueContainsNull})`);
    appendChildren(lines, t.valueType, prefix + "    |");
  }
}

export type DataType =
  | NullType | StringType | BinaryType | BooleanType
  | ByteType | ShortType | IntegerType | LongType | FloatType | DoubleType | DecimalType
  | DateType | TimestampType | TimestampNTZType | TimeType
  | DayTimeIntervalType | YearMonthIntervalType | CalendarIntervalType
  | ArrayType | MapType | StructType;

export type DataTypeKind = DataType["kind"];

// Shared singletons for the parameterless types (types are immutable, so sharing is safe).
export const NULL = new NullType();
export const STRING = new StringType();
export const BINARY = new BinaryType();
export const BOOLEAN = new BooleanType();
export const BYTE = new ByteType();
export const SHORT = new ShortType();
export const INT = new IntegerType();
export const LONG = new LongType();
export const FLOAT = new FloatType();
export const DOUBLE = new DoubleType();
export const DATE = new DateType();
export const TIMESTAMP = new TimestampType();
export const TIMESTAMP_NTZ = new TimestampNTZType();
export const TIME = new TimeType(6);
export const CALENDAR_INTERVAL = new CalendarIntervalType();
export const DAYTIME_INTERVAL = new DayTimeIntervalType(0, 3);

export const isIntegral = (t: DataType) =>
  t.kind === "byte" || t.kind === "short" || t.kind === "int" || t.kind === "long";
export const isFractional = (t: DataType) => t.kind === "float" || t.kind === "double" || t.kind === "decimal";
export const isNumeric = (t: DataType) => isIntegral(t) || isFractional(t);
export const isDatetime = (t: DataType) => t.kind === "date" || t.kind === "timestamp" || t.kind === "timestamp_ntz";
export const isInterval = (t: DataType) =>
  t.kind === "daytime_interval" || t.kind === "yearmonth_interval" || t.kind === "calendar_interval";
export const isAtomic = (t: DataType) => t.kind !== "array" && t.kind !== "map" && t.kind !== "struct";

/** Resolves a type written as a name ("int", "bigint", "decimal(10,2)", "array<string>" …). */
export function parseTypeName(text: string): DataType {
  return parseDataType(text);
}
