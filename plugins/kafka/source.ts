// Spark's `kafka` source for readStream and read: options, schema and offsets as in Spark
// (KafkaSourceProvider / KafkaMicroBatchStream), reading from the brokers with @platformatic/kafka.
// Beyond Spark: `commitOffsetsToGroup` commits each committed batch's offsets to a consumer group.
import { defineSource, userError } from "sluice/plugin-sdk";
import { connectionOf, kafkaLib, resolveSecurity } from "./client.ts";
import { generalChecks, KAFKA_SOURCE_OPTIONS, type KafkaSourceOptions, sourceSettings } from "./options.ts";
import { KafkaReader } from "./reader.ts";
import { kafkaSchema } from "./schema.ts";

/** Spark's error when .schema(...) is given (DataSourceV2Utils.getTableFromProvider). */
function userSchemaError() {
  return userError("_LEGACY_ERROR_TEMP_2242", "KafkaSourceProvider source does not support user-specified schema.");
}

export default defineSource<KafkaSourceOptions>({
  name: "kafka",
  summary: "Reads records from Apache Kafka topics: key, value, topic, partition, offset, timestamp, timestampType (and headers).",
  userSchema: "none",
  realTime: true,
  // Column pruning: the key and headers of records are decoded only when the query reads them.
  pushdown: { columns: true },
  options: KAFKA_SOURCE_OPTIONS,
  examples: [
    {
      title: "Every new record of topic 'events'",
      options: { "kafka.bootstrap.servers": "localhost:9092", subscribe: "events" },
    },
    {
      title: "Topics matching a pattern from the beginning, at most 10000 offsets per batch",
      options: { "kafka.bootstrap.servers": "localhost:9092", subscribePattern: "events-.*", startingOffsets: "earliest", maxOffsetsPerTrigger: 10000 },
    },
    {
      title: "Two partitions, committing progress to a consumer group for lag monitoring",
      options: { "kafka.bootstrap.servers": "localhost:9092", assign: '{"events":[0,1]}', commitOffsetsToGroup: "events-to-postgres" },
    },
  ],
  schema(options, userSchema) {
    if (userSchema !== undefined) throw userSchemaError();
    generalChecks(options);
    return kafkaSchema(options.includeHeaders);
  },
  async create(options, ctx) {
    if (ctx.userSchema !== undefined) throw userSchemaError();
    const settings = sourceSettings(options, ctx.streaming);
    const conn = connectionOf(settings.kafkaParams, "sluice-kafka-source", ctx.log);
    await resolveSecurity(conn);
    const lib = await kafkaLib();
    return await new KafkaReader(lib, settings, conn, ctx).open();
  },
});
