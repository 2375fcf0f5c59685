// pyspark.sql.types for TypeScript: `import { types as T } from "sluice"`, then
// `new T.StructType([new T.StructField("a", new T.StringType(), true)])`.
export {
  ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DayTimeIntervalType,
  DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField,
  StructType, TimestampNTZType, TimestampType, YearMonthIntervalType,
} from "./data_type.ts";
export { parseDataType, parseSchemaDDL } from "./ddl.ts";
