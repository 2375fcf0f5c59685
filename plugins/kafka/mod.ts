// The Kafka connector: a source (Spark's KafkaMicroBatchStream) and a sink (KafkaSink), both named
// "kafka" as in Spark.
export { default as kafkaSource } from "./source.ts";
export { default as kafkaSink } from "./sink.ts";
