// Spark's KafkaWriter.validateQuery: which columns the sink reads and their types, with Spark's
// messages, checked when the query starts.
import { userError, type StructType } from "sluice/plugin-sdk";
import { HEADERS_TYPE } from "./schema.ts";

export interface SinkLayout {
  topic: number;
  key: number;
  value: number;
  headers: number;
  partition: number;
  /** Column types: strings are written as UTF-8. */
  keyIsString: boolean;
  valueIsString: boolean;
}

const invalid = (message: string) => userError("KAFKA_SINK_INVALID_SCHEMA", message);

export function checkSinkSchema(schema: StructType, topicOption: string | undefined): SinkLayout {
  const find = (name: string) => schema.fields.findIndex((f) => f.name.toLowerCase() === name);
  const topic = find("topic");
  if (topic < 0 && topicOption === undefined) {
    throw invalid("topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.");
  }
  if (topic >= 0 && topicOption === undefined && schema.fields[topic]!.dataType.kind !== "string") {
    throw invalid("Topic type must be a string");
  }
  const key = find("key");
  const keyType = key >= 0 ? schema.fields[key]!.dataType.kind : "binary";
  if (keyType !== "string" && keyType !== "binary") throw invalid("key attribute type must be a string or binary");
  const value = find("value");
  if (value < 0) throw invalid("Required attribute 'value' not found");
  const valueType = schema.fields[value]!.dataType.kind;
  if (valueType !== "string" && valueType !== "binary") throw invalid("value attribute type must be a string or binary");
  const headers = find("headers");
  if (headers >= 0 && !schema.fields[headers]!.dataType.equals(HEADERS_TYPE)) {
    throw invalid("headers attribute type must be a array<struct<key:string,value:binary>>");
  }
  const partition = find("partition");
  if (partition >= 0 && schema.fields[partition]!.dataType.kind !== "int") throw invalid("partition attribute type must be an int");
  return { topic, key, value, headers, partition, keyIsString: keyType === "string", valueIsString: valueType === "string" };
}
