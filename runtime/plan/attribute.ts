// An output column of a plan node: name, type, and the facts the analyzer tracks about it.
import { type DataType, StructField, StructType } from "../types/data_type.ts";

export interface Attribute {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  /** The relation alias that can qualify this column (`t` in `t.a`), if any. */
  readonly qualifier?: string;
  /** Set on an event-time column declared with withWatermark: the delay in milliseconds. */
  readonly watermarkDelayMs?: number;
}

export function attributesOf(schema: StructType, qualifier?: string): Attribute[] {
  return schema.fields.map((f) => ({ name: f.name, type: f.dataType, nullable: f.nullable, qualifier }));
}

export function schemaOf(attrs: readonly Attribute[]): StructType {
  return new StructType(attrs.map((a) => {
    const metadata = a.watermarkDelayMs === undefined ? {} : { "spark.watermarkDelayMs": a.watermarkDelayMs };
    return new StructField(a.name, a.type, a.nullable, metadata);
  }));
}
