// Tests for the http-poll sample, against an HTTP server this file starts on 127.0.0.1. The shared
// conformance suite proves the contract (replay, JSON offsets, restart, AvailableNow); the tests
// below check what is particular to this source.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { functions as F, type SourceReader, SparkSession } from "sluice";
import { ManualClock, type PluginTestEnv, sourceConformance } from "sluice/testing";
import source, { type HttpPollOptions } from "./mod.ts";

/** Items served per path; GET /items/<key>?since=N answers those with id > N. */
const feeds = new Map<string, { id: number; name: string }[]>();
/** Queues drained by each GET /queue/<key>, answered as {data: {items: [...]}}. */
const queues = new Map<string, unknown[]>();
const requests: { path: string; since: string | null; auth: string | null }[] = [];
let failures = 0;

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(request) {
    const url = new URL(request.url);
    const [, kind, key = ""] = url.pathname.split("/");
    requests.push({ path: url.pathname, since: url.searchParams.get("since"), auth: request.headers.get("authorization") });
    if (failures > 0) {
      failures--;
      return new Response("busy", { status: 503, statusText: "Service Unavailable" });
    }
    if (kind === "items") {
      const since = Number(url.searchParams.get("since") ?? -1);
      return Response.json((feeds.get(key) ?? []).filter((i) => i.id > since));
    }
    if (kind === "queue") {
      const items = queues.get(key) ?? [];
      queues.set(key, []);
      return Response.json({ data: { items } });
    }
    if (kind === "object") return Response.json({ not: "a list" });
    return new Response("not found", { status: 404 });
  },
});
const base = `http://127.0.0.1:${server.port}`;
afterAll(() => server.stop(true));

/** The conformance suite gives each test its own directories: key the server's data on them. */
const keyOf = (env: PluginTestEnv) => basename(dirname(env.metadataDir));

function addItems(key: string, count: number): void {
  const feed = feeds.get(key) ?? [];
  for (let i = 0; i < count; i++) feed.push({ id: feed.length + 1, name: `item ${feed.length + 1}` });
  feeds.set(key, feed);
}

sourceConformance(source, {
  options: (env) => ({ url: `${base}/items/${keyOf(env)}`, cursorField: "id", pollIntervalMs: "1000" }),
  // Two new items on the server, and time for the next poll.
  produce: (env) => {
    addItems(keyOf(env), 2);
    env.clock.advance(1000);
  },
});

sourceConformance(source, {
  options: (env) => ({ url: `${base}/queue/${keyOf(env)}`, itemsPath: "data.items", maxItemsPerTrigger: 2, pollIntervalMs: 0 }),
  produce: (env, batch) => {
    const q = queues.get(keyOf(env)) ?? [];
    q.push({ batch, n: 1 }, { batch, n: 2 }, { batch, n: 3 });
    queues.set(keyOf(env), q);
  },
});

describe("http-poll", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function open(options: Record<string, unknown>, clock = new ManualClock(1_700_000_000_000), metadataDir?: string) {
    const warnings: string[] = [];
    const dir = metadataDir ?? mkdtempSync(join(tmpdir(), "http-poll-test-"));
    dirs.push(dir);
    const reader = source.create({
      itemsPath: "", cursorParam: "since", pollIntervalMs: 0, requestTimeoutMs: 5000, maxFailedPolls: 5, journalRetainItems: 10000,
      ...options,
    } as HttpPollOptions, {
      streaming: true, metadataDir: dir, clock, log: { info: () => {}, warn: (m) => void warnings.push(m) }, conf: () => undefined,
    }) as SourceReader;
    return { reader, warnings, dir, clock };
  }

  test("rows are the items as JSON text, stamped with the poll time; the cursor goes back as ?since=", async () => {
    addItems("rows", 2);
    const { reader, clock } = open({ url: `${base}/items/rows`, cursorField: "id", "header.Authorization": "Bearer t0ken" });
    expect(await reader.latestOffset(null, {})).toBe(2);
    clock.advance(500);
    addItems("rows", 1);
    expect(await reader.latestOffset(2, {})).toBe(3);
    expect(reader.getBatch(null, 3)).toEqual([
      ['{"id":1,"name":"item 1"}', 1_700_000_000_000_000],
      ['{"id":2,"name":"item 2"}', 1_700_000_000_000_000],
      ['{"id":3,"name":"item 3"}', 1_700_000_000_500_000],
    ]);
    const mine = requests.filter((r) => r.path === "/items/rows");
    expect(mine.map((r) => r.since)).toEqual([null, "2"]);
    expect(mine.every((r) => r.auth === "Bearer t0ken")).toBe(true);
  });

  test("at most one request per pollIntervalMs", async () => {
    addItems("slow", 1);
    const { reader, clock } = open({ url: `${base}/items/slow`, cursorField: "id", pollIntervalMs: 5000 });
    for (let i = 0; i < 5; i++) await reader.latestOffset(null, {});
    clock.advance(4999);
    await reader.latestOffset(null, {});
    expect(requests.filter((r) => r.path === "/items/slow")).toHaveLength(1);
    clock.advance(1);
    await reader.latestOffset(null, {});
    expect(requests.filter((r) => r.path === "/items/slow")).toHaveLength(2);
  });

  test("a restarted reader keeps the cursor: nothing is journaled twice", async () => {
    addItems("restart", 3);
    const first = open({ url: `${base}/items/restart`, cursorField: "id" });
    expect(await first.reader.latestOffset(null, {})).toBe(3);
    const second = open({ url: `${base}/items/restart`, cursorField: "id" }, first.clock, first.dir);
    addItems("restart", 1);
    expect(await second.reader.latestOffset(3, {})).toBe(4);
    expect(second.reader.getBatch(3, 4)).toEqual([['{"id":4,"name":"item 4"}', 1_700_000_000_000_000]]);
    expect(requests.filter((r) => r.path === "/items/restart").map((r) => r.since)).toEqual([null, "3"]);
  });

  test("failed polls are warnings until maxFailedPolls in a row, then the query fails", async () => {
    addItems("flaky", 1);
    const { reader, warnings } = open({ url: `${base}/items/flaky`, maxFailedPolls: 3 });
    failures = 2;
    expect(await reader.latestOffset(null, {})).toBe(null);
    expect(await reader.latestOffset(null, {})).toBe(null);
    expect(await reader.latestOffset(null, {})).toBe(1);
    expect(warnings).toEqual([
      `http-poll: GET ${base}/items/flaky answered 503 Service Unavailable (failure 1 of 3 in a row)`,
      `http-poll: GET ${base}/items/flaky answered 503 Service Unavailable (failure 2 of 3 in a row)`,
    ]);
    failures = 3;
    await reader.latestOffset(1, {});
    await reader.latestOffset(1, {});
    await expect(reader.latestOffset(1, {})).rejects.toMatchObject({ code: "HTTP_POLL_FAILED", kind: "external" });
    failures = 0;
  });

  test("an answer that is not a list says where the list was expected", async () => {
    const { reader } = open({ url: `${base}/object/x`, itemsPath: "data", maxFailedPolls: 1 });
    await expect(reader.latestOffset(null, {})).rejects.toMatchObject({
      code: "HTTP_POLL_NOT_A_LIST",
      message: expect.stringContaining(`GET ${base}/object/x: 'data' in the answer is not a JSON array.`),
    });
  });

  test("commit deletes journal segments older than journalRetainItems; replaying them is a clear error", async () => {
    const { reader, dir } = open({ url: `${base}/queue/trim`, itemsPath: "data.items", journalRetainItems: 2 });
    const segments = () => readdirSync(join(dir, "journal")).sort();
    for (let i = 0; i < 3; i++) {
      queues.set("trim", [{ i }, { i }]);
      await reader.latestOffset(null, {});
    }
    expect(segments()).toEqual(["000000000000000-000000000000002.json", "000000000000002-000000000000004.json", "000000000000004-000000000000006.json"]);
    reader.commit!(6);
    expect(segments()).toEqual(["000000000000004-000000000000006.json"]);
    expect(reader.getBatch(4, 6)).toHaveLength(2);
    expect(() => reader.getBatch(2, 6)).toThrow(expect.objectContaining({ code: "HTTP_POLL_JOURNAL_MISSING" }));
  });

  test("options: url required and http(s), unknown options get a did-you-mean, header.* accepted", () => {
    const spark = SparkSession.builder.getOrCreate().newSession();
    const fails = (options: Record<string, string>) => {
      try {
        spark.readStream.format("http-poll").options(options).load();
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    };
    return spark.plugins.load(join(import.meta.dir, "mod.ts")).then(() => {
      expect(fails({ url: "ftp://x", pollInterval: "5s" })).toStartWith(
        "[PLUGIN_OPTIONS_INVALID] Invalid options for the source 'http-poll':\n  - option 'url': expected a string matching /^https?:///, given \"ftp://x\"\n  - option 'pollInterval': unknown option; did you mean 'pollIntervalMs'?",
      );
      expect(fails({ URL: "http://x", "Header.X-Api-Key": "k" })).toBe("");
    });
  });

  test("end to end: loaded with session.plugins.load, parsed with from_json, into a memory table", async () => {
    const spark = SparkSession.builder.getOrCreate().newSession();
    expect(await spark.plugins.load(join(import.meta.dir))).toEqual(["http-poll"]);
    addItems("e2e", 3);
    const checkpoint = mkdtempSync(join(tmpdir(), "http-poll-e2e-"));
    dirs.push(checkpoint);
    const items = spark.readStream.format("http-poll").option("url", `${base}/items/e2e`).option("cursorField", "id").load()
      .select(F.from_json(F.col("value"), "id INT, name STRING").alias("item"))
      .select("item.id", "item.name");
    const q = items.writeStream.format("memory").queryName("polled").option("checkpointLocation", checkpoint).trigger({ availableNow: true }).start();
    await q.awaitTermination();
    expect(spark.table("polled").collect()).toEqual([{ id: 1, name: "item 1" }, { id: 2, name: "item 2" }, { id: 3, name: "item 3" }]);
    expect(readdirSync(join(checkpoint, "sources", "0", "journal"))).toEqual(["000000000000000-000000000000003.json"]);
  });
});
