// The Spark type of an Arrow field, as Spark reads a client's Arrow data (createDataFrame's
// LocalRelation): the Arrow IPC schema carries the types, names and nullability.
import { type Field, Type, type DataType as ArrowType } from "apache-arrow";
import { userError } from "../../errors.ts";
import {
  ArrayType, BINARY, BOOLEAN, BYTE, DATE, DayTimeIntervalType, DecimalType, DOUBLE, FLOAT, INT, LONG, MapType, NULL, SHORT, STRING,
  StructField, StructType, TIMESTAMP, TIMESTAMP_NTZ, TimeType, YearMonthIntervalType, type DataType,
} from "../../types/data_type.ts";

export function sparkTypeOf(t: ArrowType): DataType {
  switch (t.typeId) {
    case Type.Null: return NULL;
    case Type.Bool: return BOOLEAN;
    case Type.Int: {
      const bits = (t as unknown as { bitWidth: number }).bitWidth;
      return bits === 8 ? BYTE : bits === 16 ? SHORT : bits === 32 ? INT : LONG;
    }
    case Type.Float: return (t as unknown as { precision: number }).precision === 1 ? FLOAT : DOUBLE;
    case Type.Decimal: {
      const d = t as unknown as { precision: number; scale: number };
      return new DecimalType(d.precision, d.scale);
    }
    case Type.Utf8: case Type.LargeUtf8: return STRING;
    case Type.Binary: case Type.LargeBinary: return BINARY;
    case Type.Date: return DATE;
    case Type.Timestamp: return (t as unknown as { timezone: string | null }).timezone ? TIMESTAMP : TIMESTAMP_NTZ;
    case Type.Time: return new TimeType(6); // Arrow's Time64 does not carry Spark's precision: TIME(6), Spark's default
    case Type.Duration: return new DayTimeIntervalType(0, 3);
    case Type.Interval: return new YearMonthIntervalType(0, 1);
    case Type.List: return new ArrayType(sparkTypeOf(t.children[0]!.type), t.children[0]!.nullable);
    case Type.Struct: return new StructType(t.children.map((f: Field) => new StructField(f.name, sparkTypeOf(f.type), f.nullable)));
    case Type.Map: {
      const entries = t.children[0]!.type.children as Field[];
      return new MapType(sparkTypeOf(entries[0]!.type), sparkTypeOf(entries[1]!.type), entries[1]!.nullable);
    }
    default:
      throw userError("UNSUPPORTED_ARROWTYPE", `Unsupported arrow type ${String(t)}.`, { sqlState: "0A000" });
  }
}

export function structOfArrow(fields: readonly Field[]): StructType {
  return new StructType(fields.map((f) => new StructField(f.name, sparkTypeOf(f.type), f.nullable)));
}
