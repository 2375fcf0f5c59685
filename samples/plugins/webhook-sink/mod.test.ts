// Tests for the webhook sample, against an HTTP receiver this file starts on 127.0.0.1. The shared
// conformance suite proves the contract (a batch id is written once, also after a restart; modes
// not declared are refused); the tests below check what is particular to this sink.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { unpack } from "msgpackr";
import { type SinkWriter, SparkSession, types as T } from "sluice";
import { ManualClock, type PluginTestEnv, sinkConformance } from "sluice/testing";
import sink, { type WebhookOptions } from "./mod.ts";

interface Delivery {
  key: string;
  headers: Record<string, string>;
  document: { queryId: string; batchId: number; mode: string; rows: Record<string, unknown>[] };
}

const deliveries: Delivery[] = [];
/** Answers to give before accepting, per path key: status codes, used up one per request. */
const trouble = new Map<string, number[]>();

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  async fetch(request) {
    const key = new URL(request.url).pathname.split("/")[2] ?? "";
    const status = trouble.get(key)?.shift();
    if (status !== undefined) return new Response("no", { status });
    const bytes = new Uint8Array(await request.arrayBuffer());
    const document = request.headers.get("content-type") === "application/msgpack"
      ? unpack(bytes)
      : JSON.parse(new TextDecoder().decode(bytes));
    deliveries.push({ key, headers: Object.fromEntries(request.headers), document });
    return new Response(null, { status: 204 });
  },
});
const base = `http://127.0.0.1:${server.port}`;
afterAll(() => server.stop(true));

const SCHEMA = new T.StructType([
  new T.StructField("name", new T.StringType()),
  new T.StructField("count", new T.LongType()),
  new T.StructField("at", new T.TimestampType()),
  new T.StructField("score", new T.DoubleType()),
]);
const ROWS = [["a", 1, 1_700_000_000_123_456, 0.5], ["b", null, null, null]];

/** The conformance suite gives each test its own directories: key the receiver's paths on them. */
const keyOf = (env: PluginTestEnv) => basename(dirname(env.metadataDir));

/** What the receiver got on a key, back in the engine's representation. */
function receivedRows(key: string): unknown[][] {
  return deliveries.filter((d) => d.key === key).flatMap((d) =>
    d.document.rows.map((r) => [r.name, r.count, r.at === null ? null : isoToMicros(r.at as string), r.score])
  );
}

function isoToMicros(text: string): number {
  const [, whole, fraction = ""] = /^(.*?)(?:\.(\d+))?Z$/.exec(text)!;
  return Date.parse(`${whole}Z`) * 1000 + Number(fraction.padEnd(6, "0"));
}

sinkConformance(sink, {
  options: (env) => ({ url: `${base}/hook/${keyOf(env)}` }),
  schema: SCHEMA,
  rows: ROWS,
  readBack: (env) => receivedRows(keyOf(env)),
  checkRestart: true,
});

sinkConformance(sink, {
  options: (env) => ({ url: `${base}/hook/${keyOf(env)}`, encoding: "msgpack" }),
  schema: SCHEMA,
  rows: ROWS,
  mode: "complete",
  readBack: (env) => receivedRows(keyOf(env)),
  checkRestart: true,
});

describe("webhook", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  async function open(options: Partial<WebhookOptions> & { url: string }, schema = SCHEMA, clock = new ManualClock(0)) {
    const warnings: string[] = [];
    const metadataDir = mkdtempSync(join(tmpdir(), "webhook-test-"));
    dirs.push(metadataDir);
    const writer: SinkWriter = await sink.create({
      encoding: "json", maxAttempts: 3, retryBackoffMs: 0, requestTimeoutMs: 5000, ...options,
    } as WebhookOptions, {
      schema, queryId: "q-1", metadataDir, clock, log: { info: () => {}, warn: (m) => void warnings.push(m) },
      conf: () => undefined, stdout: () => {}, session: undefined,
    });
    return { writer, warnings, clock };
  }

  test("one POST per batch: the document, Idempotency-Key <queryId>-<batchId>, header.* options", async () => {
    const { writer } = await open({ url: `${base}/hook/shape`, "header.Authorization": "Bearer s3cret" });
    await writer.addBatch(7, ROWS, "update");
    const [d] = deliveries.filter((x) => x.key === "shape");
    expect(d!.headers["idempotency-key"]).toBe("q-1-7");
    expect(d!.headers["content-type"]).toBe("application/json");
    expect(d!.headers.authorization).toBe("Bearer s3cret");
    expect(d!.document).toEqual({
      queryId: "q-1",
      batchId: 7,
      mode: "update",
      rows: [{ name: "a", count: 1, at: "2023-11-14T22:13:20.123456Z", score: 0.5 }, { name: "b", count: null, at: null, score: null }],
    });
    expect(writer.metrics?.()).toEqual({ lastDeliveredBatchId: "7", requests: "1" });
  });

  test("values: decimals as exact text, dates, binary as base64, nested arrays, maps and structs", async () => {
    const schema = T.parseSchemaDDL(
      "d DECIMAL(10,2), day DATE, bytes BINARY, tags ARRAY<STRING>, attrs MAP<STRING,INT>, s STRUCT<x: DOUBLE, local: TIMESTAMP_NTZ>",
    );
    const { writer } = await open({ url: `${base}/hook/values` }, schema);
    await writer.addBatch(0, [[-1234n, 19_723, new Uint8Array([1, 2, 255]), ["x", null], new Map([["k", 1]]), [Number.NaN, 1_000_000]]], "append");
    expect(deliveries.find((x) => x.key === "values")!.document.rows).toEqual([{
      d: "-12.34",
      day: "2024-01-01",
      bytes: "AQL/",
      tags: ["x", null],
      attrs: { k: 1 },
      s: { x: "NaN", local: "1970-01-01T00:00:01" },
    }]);
  });

  test("5xx answers are retried with a doubling backoff on the query's clock, then delivered", async () => {
    trouble.set("flaky", [503, 500]);
    const { writer, warnings, clock } = await open({ url: `${base}/hook/flaky`, retryBackoffMs: 100 });
    const done = writer.addBatch(0, ROWS, "append");
    await clock.whenSleeping();
    clock.advance(100);
    await clock.whenSleeping();
    clock.advance(200);
    await done;
    expect(receivedRows("flaky")).toEqual(ROWS);
    expect(warnings).toEqual([
      `webhook: POST ${base}/hook/flaky answered 503 Service Unavailable; retrying in 100 ms (attempt 1 of 3)`,
      `webhook: POST ${base}/hook/flaky answered 500 Internal Server Error; retrying in 200 ms (attempt 2 of 3)`,
    ]);
  });

  test("out of attempts, or refused with a 4xx, the query fails with the URL and the answer", async () => {
    trouble.set("down", [502, 502]);
    const down = await open({ url: `${base}/hook/down`, maxAttempts: 2 });
    await expect(down.writer.addBatch(0, ROWS, "append")).rejects.toMatchObject({
      code: "WEBHOOK_FAILED",
      kind: "external",
      bareMessage: `POST ${base}/hook/down answered 502 Bad Gateway (attempt 2 of 2).`,
    });
    trouble.set("refused", [401]);
    const refused = await open({ url: `${base}/hook/refused` });
    await expect(refused.writer.addBatch(0, ROWS, "append")).rejects.toMatchObject({
      code: "WEBHOOK_REFUSED",
      bareMessage: `POST ${base}/hook/refused answered 401 Unauthorized.`,
    });
    // Nothing was delivered, so the same batch goes out once the receiver is back.
    await refused.writer.addBatch(0, ROWS, "append");
    expect(receivedRows("refused")).toEqual(ROWS);
  });

  test("end to end: loaded with session.plugins.load, a streaming query posts its batches", async () => {
    const spark = SparkSession.builder.getOrCreate().newSession();
    expect(await spark.plugins.load(import.meta.dir)).toEqual(["webhook"]);
    const checkpoint = mkdtempSync(join(tmpdir(), "webhook-e2e-"));
    dirs.push(checkpoint);
    const q = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 2).load()
      .selectExpr("value", "value * 10 AS tenfold")
      .writeStream.format("webhook").option("url", `${base}/hook/e2e`).option("checkpointLocation", checkpoint)
      .trigger({ availableNow: true }).start();
    await q.awaitTermination();
    const [d] = deliveries.filter((x) => x.key === "e2e");
    expect(d!.headers["idempotency-key"]).toBe(`${q.id}-0`);
    expect(d!.document.rows).toEqual([{ value: 0, tenfold: 0 }, { value: 1, tenfold: 10 }]);
  });
});
