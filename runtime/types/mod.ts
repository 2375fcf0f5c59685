// pyspark.sql.types for TypeScript: `import { types as T } from "sluice"` or
// `import { StructType, StructField, StringType } from "sluice"`. As in PySpark, a type is made by
// calling it: `StructType([StructField("a", StringType(), true)])`; `new` works too. Each name is
// also the type of its instances (`let s: StructType`).
import * as dt from "./data_type.ts";

type Class = abstract new (...args: never[]) => unknown;
type Concrete<C> = C extends new (...args: infer A) => infer I ? (...args: A) => I : never;
/** The class itself (`new`, `instanceof`, static members), also callable without `new`. */
export type Callable<C extends Class> = C & Concrete<C>;

function callable<C extends new (...args: never[]) => unknown>(cls: C): Callable<C> {
  return new Proxy(cls, { apply: (target, _self, args: never[]) => new target(...args) }) as Callable<C>;
}

export const ArrayType = callable(dt.ArrayType);
export type ArrayType = dt.ArrayType;
export const BinaryType = callable(dt.BinaryType);
export type BinaryType = dt.BinaryType;
export const BooleanType = callable(dt.BooleanType);
export type BooleanType = dt.BooleanType;
export const ByteType = callable(dt.ByteType);
export type ByteType = dt.ByteType;
export const CalendarIntervalType = callable(dt.CalendarIntervalType);
export type CalendarIntervalType = dt.CalendarIntervalType;
export const DateType = callable(dt.DateType);
export type DateType = dt.DateType;
export const DayTimeIntervalType = callable(dt.DayTimeIntervalType);
export type DayTimeIntervalType = dt.DayTimeIntervalType;
export const DecimalType = callable(dt.DecimalType);
export type DecimalType = dt.DecimalType;
export const DoubleType = callable(dt.DoubleType);
export type DoubleType = dt.DoubleType;
export const FloatType = callable(dt.FloatType);
export type FloatType = dt.FloatType;
export const IntegerType = callable(dt.IntegerType);
export type IntegerType = dt.IntegerType;
export const LongType = callable(dt.LongType);
export type LongType = dt.LongType;
export const MapType = callable(dt.MapType);
export type MapType = dt.MapType;
export const NullType = callable(dt.NullType);
export type NullType = dt.NullType;
export const ShortType = callable(dt.ShortType);
export type ShortType = dt.ShortType;
export const StringType = callable(dt.StringType);
export type StringType = dt.StringType;
export const StructField = callable(dt.StructField);
export type StructField = dt.StructField;
export const StructType = callable(dt.StructType);
export type StructType = dt.StructType;
export const TimestampNTZType = callable(dt.TimestampNTZType);
export type TimestampNTZType = dt.TimestampNTZType;
export const TimestampType = callable(dt.TimestampType);
export type TimestampType = dt.TimestampType;
export const YearMonthIntervalType = callable(dt.YearMonthIntervalType);
export type YearMonthIntervalType = dt.YearMonthIntervalType;
export type { DataType } from "./data_type.ts";
export { parseDataType, parseSchemaDDL } from "./ddl.ts";
