// The rows a Kafka source produces: Spark's fixed schema (KafkaRecordToRowConverter), with the
// `headers` column only when includeHeaders is set.
import { ArrayType, BINARY, INT, LONG, STRING, StructField, StructType, TIMESTAMP } from "sluice/plugin-sdk";

export const HEADERS_TYPE = new ArrayType(
  new StructType([new StructField("key", STRING, true), new StructField("value", BINARY, true)]),
  true,
);

const BASE_FIELDS = [
  new StructField("key", BINARY, true),
  new StructField("value", BINARY, true),
  new StructField("topic", STRING, true),
  new StructField("partition", INT, true),
  new StructField("offset", LONG, true),
  new StructField("timestamp", TIMESTAMP, true),
  new StructField("timestampType", INT, true),
];

export const KAFKA_SCHEMA = new StructType(BASE_FIELDS);
export const KAFKA_SCHEMA_WITH_HEADERS = new StructType([...BASE_FIELDS, new StructField("headers", HEADERS_TYPE, true)]);

export function kafkaSchema(includeHeaders: boolean): StructType {
  return includeHeaders ? KAFKA_SCHEMA_WITH_HEADERS : KAFKA_SCHEMA;
}
