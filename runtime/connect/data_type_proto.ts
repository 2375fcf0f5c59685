// Spark data types ↔ Spark Connect's DataType message (types.proto), both ways: the client sends
// casts, literals and schemas; the server answers schemas.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { userError } from "../errors.ts";
import {
  ArrayType, BINARY, BOOLEAN, BYTE, CALENDAR_INTERVAL, DATE, DOUBLE, DayTimeIntervalType, DecimalType, FLOAT, INT, LONG, MapType, NULL,
  SHORT, STRING, StructField, StructType, TIMESTAMP, TIMESTAMP_NTZ, TimeType, YearMonthIntervalType, type DataType,
} from "../types/data_type.ts";
import { type DataType as ProtoType, DataTypeSchema } from "./gen/spark/connect/types_pb.ts";

export function toProtoType(t: DataType): ProtoType {
  const k = (kind: MessageInitShape<typeof DataTypeSchema>["kind"]) => create(DataTypeSchema, { kind });
  switch (t.kind) {
    case "null": return k({ case: "null", value: {} });
    case "string": return k({ case: "string", value: {} });
    case "binary": return k({ case: "binary", value: {} });
    case "boolean": return k({ case: "boolean", value: {} });
    case "byte": return k({ case: "byte", value: {} });
    case "short": return k({ case: "short", value: {} });
    case "int": return k({ case: "integer", value: {} });
    case "long": return k({ case: "long", value: {} });
    case "float": return k({ case: "float", value: {} });
    case "double": return k({ case: "double", value: {} });
    case "decimal": return k({ case: "decimal", value: { precision: t.precision, scale: t.scale } });
    case "date": return k({ case: "date", value: {} });
    case "timestamp": return k({ case: "timestamp", value: {} });
    case "timestamp_ntz": return k({ case: "timestampNtz", value: {} });
    case "time": return k({ case: "time", value: { precision: t.precision } });
    case "daytime_interval": return k({ case: "dayTimeInterval", value: { startField: t.startField, endField: t.endField } });
    case "yearmonth_interval": return k({ case: "yearMonthInterval", value: { startField: t.startField, endField: t.endField } });
    case "calendar_interval": return k({ case: "calendarInterval", value: {} });
    case "array": return k({ case: "array", value: { elementType: toProtoType(t.elementType), containsNull: t.containsNull } });
    case "map": return k({ case: "map", value: { keyType: toProtoType(t.keyType), valueType: toProtoType(t.valueType), valueContainsNull: t.valueContainsNull } });
    case "struct":
      return k({
        case: "struct",
        value: {
          fields: t.fields.map((f) => ({
            name: f.name, dataType: toProtoType(f.dataType), nullable: f.nullable,
            metadata: Object.keys(f.metadata).length > 0 ? JSON.stringify(f.metadata) : undefined,
          })),
        },
      });
  }
}

export function fromProtoType(p: ProtoType | undefined): DataType {
  const kind = p?.kind;
  switch (kind?.case) {
    case "null": return NULL;
    case "string": case "char": case "varChar": return STRING;
    case "binary": return BINARY;
    case "boolean": return BOOLEAN;
    case "byte": return BYTE;
    case "short": return SHORT;
    case "integer": return INT;
    case "long": return LONG;
    case "float": return FLOAT;
    case "double": return DOUBLE;
    case "decimal": return new DecimalType(kind.value.precision ?? 10, kind.value.scale ?? 0);
    case "date": return DATE;
    case "timestamp": return TIMESTAMP;
    case "timestampNtz": return TIMESTAMP_NTZ;
    case "time": return new TimeType(kind.value.precision ?? 6);
    case "dayTimeInterval": return new DayTimeIntervalType(kind.value.startField ?? 0, kind.value.endField ?? 3);
    case "yearMonthInterval": return new YearMonthIntervalType(kind.value.startField ?? 0, kind.value.endField ?? 1);
    case "calendarInterval": return CALENDAR_INTERVAL;
    case "array": return new ArrayType(fromProtoType(kind.value.elementType), kind.value.containsNull);
    case "map": return new MapType(fromProtoType(kind.value.keyType), fromProtoType(kind.value.valueType), kind.value.valueContainsNull);
    case "struct":
      return new StructType(kind.value.fields.map((f) =>
        new StructField(f.name, fromProtoType(f.dataType), f.nullable, f.metadata ? JSON.parse(f.metadata) as Record<string, unknown> : {})));
    default:
      throw userError("UNSUPPORTED_DATATYPE", `Unsupported data type ${JSON.stringify(kind?.case ?? "unset")}.`, {
        sqlState: "0A000", hint: "Sluice's API has no such type (variant, user-defined types); cast the column to a supported type on the server.",
      });
  }
}

/** A StructType from a DataType message that must be a struct (a schema). */
export function structFromProto(p: ProtoType | undefined): StructType {
  const t = fromProtoType(p);
  if (!(t instanceof StructType)) return new StructType([new StructField("value", t, true)]);
  return t;
}
