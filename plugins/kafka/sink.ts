// Spark's `kafka` sink: each row becomes a record (value required; key, headers, partition and
// topic columns optional; the `topic` option overrides the column), in every output mode.
// Delivery is at-least-once by default, as in Spark. Beyond Spark, deliveryGuarantee
// "exactly-once" writes each batch in a Kafka transaction that also commits the batch id as a
// consumer-group offset, so a replayed batch is skipped and read_committed consumers never see a
// batch twice.
import { defineSink, userError } from "sluice/plugin-sdk";
import { connectionOf, kafkaLib, resolveSecurity } from "./client.ts";
import { kafkaParamsOf } from "./options.ts";
import { checkSinkSchema } from "./schema_check.ts";
import { KafkaWriter, type KafkaSinkOptions } from "./writer.ts";

const illegal = (message: string) => userError("ILLEGAL_ARGUMENT", message);

export default defineSink<KafkaSinkOptions>({
  name: "kafka",
  summary: "Writes rows to Apache Kafka topics (value, and optionally key, headers, partition, topic); at-least-once, or exactly-once with transactions.",
  outputModes: ["append", "update", "complete"],
  requiresCheckpoint: true,
  realTime: true,
  options: {
    type: "object",
    additionalProperties: false,
    properties: {
      "kafka.bootstrap.servers": { type: "string", description: "Comma-separated host:port list of the Kafka brokers (required)." },
      topic: { type: "string", minLength: 1, description: "Topic for every row; overrides the `topic` column." },
      deliveryGuarantee: {
        enum: ["at-least-once", "exactly-once"],
        default: "at-least-once",
        description:
          "at-least-once (Spark's behaviour): a batch replayed after a crash may be written again. exactly-once: each batch is one Kafka transaction, committed together with the batch id; a replayed batch is skipped, so read_committed consumers see every row once.",
      },
      transactionalIdPrefix: {
        type: "string",
        minLength: 1,
        default: "sluice",
        description: "exactly-once: the producer's transactional.id is <prefix>-<query id>, stable across restarts so a restarted query fences the old one.",
      },
    },
    patternProperties: {
      "^kafka\\.": {
        type: ["string", "number", "boolean"],
        description: "Producer settings as in Spark: kafka.acks, kafka.compression.type (none, gzip, snappy, lz4, zstd), kafka.request.timeout.ms, security settings …",
      },
    },
  },
  examples: [
    { title: "JSON rows to topic 'out'", options: { "kafka.bootstrap.servers": "localhost:9092", topic: "out" } },
    { title: "Exactly-once into per-row topics", options: { "kafka.bootstrap.servers": "localhost:9092", deliveryGuarantee: "exactly-once" } },
  ],
  async create(options, ctx) {
    const params = kafkaParamsOf(options as unknown as Record<string, unknown>);
    if (params.has("key.serializer")) {
      throw illegal("Kafka option 'key.serializer' is not supported as keys are serialized with ByteArraySerializer.");
    }
    if (params.has("value.serializer")) {
      throw illegal("Kafka option 'value.serializer' is not supported as value are serialized with ByteArraySerializer.");
    }
    if (!params.has("bootstrap.servers")) {
      throw illegal("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka producer");
    }
    const layout = checkSinkSchema(ctx.schema, options.topic);
    const conn = connectionOf(params, "sluice-kafka-sink", ctx.log);
    await resolveSecurity(conn);
    const lib = await kafkaLib();
    return await new KafkaWriter(lib, conn, params, layout, options, ctx).open();
  },
});
