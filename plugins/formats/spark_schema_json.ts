// Spark's JSON form of a schema ({"type":"struct","fields":[…]}), which Spark keeps in Parquet
// files under `org.apache.spark.sql.parquet.row.metadata` so the exact types survive a round trip.
import {
  ArrayType, BINARY, BOOLEAN, BYTE, CALENDAR_INTERVAL, type DataType, DATE, DayTimeIntervalType, DecimalType, DOUBLE, DT_FIELDS,
  FLOAT, INT, LONG, MapType, NULL, SHORT, STRING, StructField, StructType, TIMESTAMP, TIMESTAMP_NTZ, YearMonthIntervalType, YM_FIELDS,
} from "sluice/plugin-sdk";

export const SPARK_ROW_METADATA_KEY = "org.apache.spark.sql.parquet.row.metadata";

type JsonType = string | Record<string, unknown>;

export function typeToJson(t: DataType): JsonType {
  switch (t.kind) {
    case "struct":
      return {
        type: "struct",
        fields: t.fields.map((f) => ({ name: f.name, type: typeToJson(f.dataType), nullable: f.nullable, metadata: f.metadata ?? {} })),
      };
    case "array":
      return { type: "array", elementType: typeToJson(t.elementType), containsNull: t.containsNull };
    case "map":
      return { type: "map", keyType: typeToJson(t.keyType), valueType: typeToJson(t.valueType), valueContainsNull: t.valueContainsNull };
    default:
      return t.typeName();
  }
}

const SIMPLE: Record<string, DataType> = {
  string: STRING, binary: BINARY, boolean: BOOLEAN, byte: BYTE, short: SHORT, integer: INT, long: LONG, float: FLOAT,
  double: DOUBLE, date: DATE, timestamp: TIMESTAMP, timestamp_ntz: TIMESTAMP_NTZ, null: NULL, interval: CALENDAR_INTERVAL,
};

export function typeFromJson(j: unknown): DataType {
  if (typeof j === "string") {
    if (j in SIMPLE) return SIMPLE[j]!;
    if (j === "decimal") return new DecimalType(10, 0);
    const dec = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/.exec(j);
    if (dec) return new DecimalType(Number(dec[1]), Number(dec[2]));
    const dt = /^interval (day|hour|minute|second)(?: to (day|hour|minute|second))?$/.exec(j);
    if (dt) return new DayTimeIntervalType(DT_FIELDS.indexOf(dt[1] as never), DT_FIELDS.indexOf((dt[2] ?? dt[1]) as never));
    const ym = /^interval (year|month)(?: to (year|month))?$/.exec(j);
    if (ym) return new YearMonthIntervalType(YM_FIELDS.indexOf(ym[1] as never), YM_FIELDS.indexOf((ym[2] ?? ym[1]) as never));
    if (j.startsWith("char(") || j.startsWith("varchar(")) return STRING;
    throw new Error(`Unknown Spark type in schema JSON: ${j}`);
  }
  const o = j as Record<string, unknown>;
  switch (o.type) {
    case "struct":
      return new StructType((o.fields as Record<string, unknown>[]).map((f) =>
        new StructField(String(f.name), typeFromJson(f.type), f.nullable !== false, (f.metadata as Record<string, unknown>) ?? {})
      ));
    case "array":
      return new ArrayType(typeFromJson(o.elementType), o.containsNull !== false);
    case "map":
      return new MapType(typeFromJson(o.keyType), typeFromJson(o.valueType), o.valueContainsNull !== false);
    case "udt":
      return typeFromJson(o.sqlType);
    default:
      throw new Error(`Unknown Spark type in schema JSON: ${JSON.stringify(j)}`);
  }
}

export function schemaToJson(s: StructType): string {
  return JSON.stringify(typeToJson(s));
}

export function schemaFromJson(text: string): StructType {
  const t = typeFromJson(JSON.parse(text));
  if (t.kind !== "struct") throw new Error("Spark schema JSON is not a struct");
  return t;
}

/** The same type with every field, element and value nullable (Spark reads files as nullable). */
export function asNullable(t: DataType): DataType {
  switch (t.kind) {
    case "struct": return new StructType(t.fields.map((f) => new StructField(f.name, asNullable(f.dataType), true, f.metadata)));
    case "array": return new ArrayType(asNullable(t.elementType), true);
    case "map": return new MapType(asNullable(t.keyType), asNullable(t.valueType), true);
    default: return t;
  }
}
