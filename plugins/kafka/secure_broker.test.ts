// The Kafka source and sink against a broker's secured listeners (scripts/kafka/start.sh --secure):
// SASL PLAIN and SCRAM, TLS with the trust store as PEM, JKS and PKCS12, client certificates; and
// the errors when credentials or certificates are wrong (fast, naming broker and mechanism).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { X509Certificate, createPrivateKey } from "node:crypto";
import { join } from "node:path";
import { SluiceError } from "sluice/plugin-sdk";
import { SparkSession } from "sluice";
import { kafkaSecureBroker, type SecureListeners } from "../../scripts/kafka/service.ts";
import { readKeyStore, readTrustStore } from "./keystores.ts";
import { closeTestClients, createTopic, produce, readAll } from "./test_kit.ts";

const HOOK_TIMEOUT_MS = 240_000;
let plain = "";
let s!: SecureListeners;
beforeAll(async () => {
  const broker = await kafkaSecureBroker();
  plain = broker.bootstrap;
  s = broker.secure!;
}, HOOK_TIMEOUT_MS);
afterAll(closeTestClients);

const jaas = (module: "plain" | "scram", user: string, password: string) =>
  module === "plain"
    ? `org.apache.kafka.common.security.plain.PlainLoginModule required username="${user}" password="${password}";`
    : `org.apache.kafka.common.security.scram.ScramLoginModule required username="${user}" password="${password}";`;

let counter = 0;
const fresh = () => `secure-${process.pid}-${++counter}`;

/** Reads a topic through `options` (a batch read) and writes it back through them to another topic. */
async function roundTrip(options: Record<string, string>): Promise<{ read: string[]; written: string[] }> {
  const input = fresh();
  const output = fresh();
  await createTopic(plain, input, 1);
  await produce(plain, input, [{ key: "k1", value: "one" }, { key: "k2", value: "two" }]);
  const spark = SparkSession.builder.appName("secure").getOrCreate();
  let reader = spark.read.format("kafka").option("subscribe", input).option("startingOffsets", "earliest");
  for (const [k, v] of Object.entries(options)) reader = reader.option(k, v);
  const read = (await reader.load().selectExpr("CAST(value AS STRING) AS value").collectAsync()).map((r) => r.value as string);
  // A streaming query through the same listener: the source and the sink.
  let stream = spark.readStream.format("kafka").option("subscribe", input).option("startingOffsets", "earliest");
  for (const [k, v] of Object.entries(options)) stream = stream.option(k, v);
  let writer = stream.load().selectExpr("key", "value").writeStream.format("kafka").option("topic", output)
    .option("checkpointLocation", mkdtempSync(join(tmpdir(), "sluice-secure-")));
  for (const [k, v] of Object.entries(options)) writer = writer.option(k, v);
  const query = writer.trigger({ availableNow: true }).start();
  await query.awaitTermination();
  const written = (await readAll(plain, output)).map((m) => m.value!);
  return { read, written };
}

async function failure(p: Promise<unknown>): Promise<SluiceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

describe("SASL", () => {
  for (const [mechanism, module] of [["PLAIN", "plain"], ["SCRAM-SHA-256", "scram"], ["SCRAM-SHA-512", "scram"]] as const) {
    test(`SASL_PLAINTEXT with ${mechanism}: read and write`, async () => {
      const { read, written } = await roundTrip({
        "kafka.bootstrap.servers": s.saslPlaintext,
        "kafka.security.protocol": "SASL_PLAINTEXT",
        "kafka.sasl.mechanism": mechanism,
        "kafka.sasl.jaas.config": jaas(module, s.user, s.password),
      });
      expect(read.sort()).toEqual(["one", "two"]);
      expect(written.sort()).toEqual(["one", "two"]);
    }, 60_000);
  }

  test("a wrong password fails at once, naming the broker and the mechanism", async () => {
    const started = Date.now();
    const e = await failure(roundTrip({
      "kafka.bootstrap.servers": s.saslPlaintext,
      "kafka.security.protocol": "SASL_PLAINTEXT",
      "kafka.sasl.mechanism": "SCRAM-SHA-256",
      "kafka.sasl.jaas.config": jaas("scram", s.user, "wrong"),
    }));
    expect(e.code).toBe("KAFKA_AUTHENTICATION_FAILED");
    expect(e.message).toContain(s.saslPlaintext);
    expect(e.message).toContain("SASL mechanism SCRAM-SHA-256");
    expect(e.message).toContain("user 'alice'");
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  test("an unknown user with PLAIN fails the same way", async () => {
    const e = await failure(roundTrip({
      "kafka.bootstrap.servers": s.saslPlaintext,
      "kafka.security.protocol": "SASL_PLAINTEXT",
      "kafka.sasl.mechanism": "PLAIN",
      "kafka.sasl.jaas.config": jaas("plain", "mallory", "x"),
    }));
    expect(e.code).toBe("KAFKA_AUTHENTICATION_FAILED");
    expect(e.message).toContain("SASL mechanism PLAIN");
  }, 60_000);
});

describe("TLS", () => {
  test("SSL with a PEM trust store", async () => {
    const { read, written } = await roundTrip({
      "kafka.bootstrap.servers": s.ssl,
      "kafka.security.protocol": "SSL",
      "kafka.ssl.truststore.type": "PEM",
      "kafka.ssl.truststore.location": join(s.tls, "ca.pem"),
    });
    expect(read.sort()).toEqual(["one", "two"]);
    expect(written.sort()).toEqual(["one", "two"]);
  }, 60_000);

  test("SASL_SSL with SCRAM-SHA-512 and a JKS trust store, as Spark users configure it", async () => {
    const { read } = await roundTrip({
      "kafka.bootstrap.servers": s.saslSsl,
      "kafka.security.protocol": "SASL_SSL",
      "kafka.sasl.mechanism": "SCRAM-SHA-512",
      "kafka.sasl.jaas.config": jaas("scram", s.user, s.password),
      "kafka.ssl.truststore.location": join(s.tls, "truststore.jks"),
      "kafka.ssl.truststore.password": s.storePassword,
    });
    expect(read.sort()).toEqual(["one", "two"]);
  }, 60_000);

  test("client certificates: a PKCS12 key store, and a PEM key encrypted with ssl.key.password", async () => {
    const p12 = await roundTrip({
      "kafka.bootstrap.servers": s.mtls,
      "kafka.security.protocol": "SSL",
      "kafka.ssl.truststore.location": join(s.tls, "truststore.p12"),
      "kafka.ssl.truststore.password": s.storePassword,
      "kafka.ssl.keystore.location": join(s.tls, "client.p12"),
      "kafka.ssl.keystore.password": s.storePassword,
    });
    expect(p12.written.sort()).toEqual(["one", "two"]);
    const pem = await roundTrip({
      "kafka.bootstrap.servers": s.mtls,
      "kafka.security.protocol": "SSL",
      "kafka.ssl.truststore.certificates": readFileSync(join(s.tls, "ca.pem"), "utf8"),
      "kafka.ssl.keystore.type": "PEM",
      "kafka.ssl.keystore.certificate.chain": readFileSync(join(s.tls, "client.pem"), "utf8"),
      "kafka.ssl.keystore.key": readFileSync(join(s.tls, "client-key-enc.pem"), "utf8"),
      "kafka.ssl.key.password": s.storePassword,
    });
    expect(pem.read.sort()).toEqual(["one", "two"]);
  }, 60_000);

  test("a broker certificate nobody trusts is a TLS error naming the broker, not a wait", async () => {
    const started = Date.now();
    const e = await failure(roundTrip({ "kafka.bootstrap.servers": s.ssl, "kafka.security.protocol": "SSL" }));
    expect(e.code).toBe("KAFKA_TLS_FAILED");
    expect(e.message).toContain(s.ssl);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  test("without the client certificate the broker requires, the query fails", async () => {
    const e = await failure(roundTrip({
      "kafka.bootstrap.servers": s.mtls,
      "kafka.security.protocol": "SSL",
      "kafka.ssl.truststore.location": join(s.tls, "ca.pem"),
      "kafka.default.api.timeout.ms": "5000",
    }));
    expect(["KAFKA_TLS_FAILED", "KAFKA_BROKERS_UNREACHABLE"]).toContain(e.code);
  }, 60_000);
});

describe("key stores as Kafka's Java client reads them", () => {
  const p = (o: Record<string, string>) => new Map(Object.entries(o));
  const ca = () => new X509Certificate(readFileSync(join(s.tls, "ca.pem"))).fingerprint256;

  test("the CA from PEM, JKS and PKCS12 trust stores is the same certificate", () => {
    for (const file of ["ca.pem", "truststore.jks", "truststore.p12"]) {
      const certs = readTrustStore(p({ "ssl.truststore.location": join(s.tls, file), "ssl.truststore.password": s.storePassword }))!;
      expect(certs.map((c) => new X509Certificate(c).fingerprint256)).toEqual([ca()]);
    }
    // A JKS store opens without its password too (Java skips the integrity check then).
    expect(readTrustStore(p({ "ssl.truststore.location": join(s.tls, "truststore.jks") }))!.length).toBe(1);
  });

  test("client keys from PKCS12, JKS and encrypted PEM match their certificates", () => {
    for (const [file, extra] of [["client.p12", {}], ["client.jks", {}]] as const) {
      const pair = readKeyStore(p({ "ssl.keystore.location": join(s.tls, file), "ssl.keystore.password": s.storePassword, ...extra }))!;
      expect(new X509Certificate(pair.cert).checkPrivateKey(createPrivateKey(pair.key))).toBe(true);
    }
  });

  test("a wrong store password says so", () => {
    for (const file of ["truststore.jks", "truststore.p12"]) {
      expect(() => readTrustStore(p({ "ssl.truststore.location": join(s.tls, file), "ssl.truststore.password": "nope" })))
        .toThrow(/keystore was tampered with, or password was incorrect/);
    }
  });
});
