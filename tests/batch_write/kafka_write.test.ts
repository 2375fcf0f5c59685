// df.write.format("kafka") against a real broker: the rows arrive as records (key, value), the
// default save mode and append write, overwrite and ignore are refused with Spark's message.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { SparkSession } from "sluice";
import { SluiceError } from "sluice/plugin-sdk";
import { kafkaBroker } from "../../scripts/kafka/service.ts";
import { closeTestClients, createTopic, readAll } from "../../plugins/kafka/test_kit.ts";

const HOOK_TIMEOUT_MS = 180_000;
let bootstrap = "";
beforeAll(async () => {
  bootstrap = (await kafkaBroker()).bootstrap;
}, HOOK_TIMEOUT_MS);
afterAll(closeTestClients);

const spark = SparkSession.builder.getOrCreate().newSession();

test("df.write.format(\"kafka\") sends the rows; Overwrite is refused as in Spark", async () => {
  const topic = `batch-write-${process.pid}-${Date.now()}`;
  await createTopic(bootstrap, topic);
  const df = spark.createDataFrame([["k1", "v1"], [null, "v2"]], "key STRING, value STRING");
  const writer = () => df.write.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", topic);
  await writer().save();
  await writer().mode("append").save();
  const got = (await readAll(bootstrap, topic)).map((m) => `${m.key}=${m.value}`).sort();
  expect(got).toEqual(["k1=v1", "k1=v1", "null=v2", "null=v2"]);
  let err: unknown;
  try {
    await writer().mode("overwrite").save();
  } catch (e) {
    err = e;
  }
  expect((err as SluiceError).code).toBe("_LEGACY_ERROR_TEMP_3081");
  expect((err as SluiceError).message).toContain("Save mode Overwrite not allowed for Kafka. Allowed save modes are Append and ErrorIfExists (default).");
}, 60_000);
