// The socket source against real TCP servers on 127.0.0.1: the tutorial's word count through the
// public API, then the reader itself (line splitting, offsets, commit, restart) and its errors.
import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { createServer, type Socket } from "node:net";
import { functions as F, SparkSession } from "sluice";
import { definitionProblems, validateOptions, type SluiceError, type Offset, type Row, type SourceReader } from "sluice/plugin-sdk";
import { ManualClock } from "sluice/testing";
import { startSocketServer, type SocketServer } from "../../scripts/socket_server.ts";
import socket, { type SocketOptions } from "./mod.ts";

const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");
const warnings: string[] = [];
(spark.log as { warn: (m: string) => void }).warn = (m) => void warnings.push(m);

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
  spark.streams.resetTerminated();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function server(): Promise<SocketServer> {
  const s = await startSocketServer({ port: 0 });
  servers.push(s);
  return s;
}

/** A server that writes raw chunks to the one client it gets. */
async function rawServer(): Promise<{ port: number; client: Promise<Socket> }> {
  const { promise: client, resolve } = Promise.withResolvers<Socket>();
  const s = createServer((c) => resolve(c));
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  servers.push({ close: () => new Promise<void>((r) => s.close(() => r())).then(() => client.then((c) => void c.destroy())) });
  return { port: (s.address() as { port: number }).port, client };
}

/** Waits (a few seconds at most) until `check` passes: lines cross a real socket. */
async function eventually(check: () => unknown | Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 4000;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const logs: string[] = [];
function open(options: Record<string, unknown>, clock = new ManualClock(1_700_000_000_000)): Promise<SourceReader> {
  return Promise.resolve(socket.create(validateOptions(socket, options) as unknown as SocketOptions, {
    streaming: true,
    clock,
    log: { info: (m) => void logs.push(m), warn: (m) => void logs.push(m) },
    conf: () => undefined,
  }));
}

async function errorOf(fn: () => unknown): Promise<SluiceError> {
  try {
    await fn();
  } catch (e) {
    return e as SluiceError;
  }
  throw new Error("expected an error");
}

/** Waits until the reader has received lines up to `last`. */
async function received(reader: SourceReader, last: number, start: Offset = null): Promise<void> {
  await eventually(() => expect(reader.latestOffset(start, {})).toBe(last));
}

describe("socket source", () => {
  test("the definition is valid and documented as not fault-tolerant", () => {
    expect(definitionProblems(socket)).toEqual([]);
    expect(socket.summary).toContain("NOT fault-tolerant");
  });

  test("streaming word count in complete mode, as in Spark's quick example", async () => {
    const s = await server();
    const lines = spark.readStream.format("socket").option("host", "127.0.0.1").option("port", s.port).load();
    expect(lines.schema.treeString()).toBe("root\n |-- value: string (nullable = true)\n");
    const words = lines.select(F.explode(F.split(F.col("value"), " ")).alias("word"));
    const counts = words.groupBy("word").count();
    const q = counts.writeStream.outputMode("complete").format("memory").queryName("socket_word_counts").start();
    const table = () => spark.table("socket_word_counts").collect().sort((a, b) => String(a.word).localeCompare(String(b.word)));

    await eventually(() => expect(s.clients).toBe(1));
    s.send("apache spark");
    await eventually(async () => {
      await q.processAllAvailable();
      expect(table()).toEqual([{ word: "apache", count: 1 }, { word: "spark", count: 1 }]);
    });
    s.send("apache hadoop");
    await eventually(async () => {
      await q.processAllAvailable();
      expect(table()).toEqual([{ word: "apache", count: 2 }, { word: "hadoop", count: 1 }, { word: "spark", count: 1 }]);
    });

    // As in Spark, batch 0 runs at once over no lines (offset -1: Spark's LongOffset before any line).
    const progress = q.recentProgress.map((p) => {
      const source = (p.sources as { startOffset: Offset; endOffset: Offset; numInputRows: number; description: string }[])[0]!;
      return [source.startOffset, source.endOffset, source.numInputRows];
    });
    expect(progress[0]).toEqual([null, -1, 0]);
    expect(progress.at(-1)).toEqual([0, 1, 1]);
    expect((q.lastProgress!.sources as { description: string }[])[0]!.description).toBe(`TextSocketV2[host: 127.0.0.1, port: ${s.port}]`);
    expect(warnings).toContain("The socket source should not be used for production applications! It does not support recovery.");
  });

  test("includeTimestamp adds the time each line arrived", async () => {
    const s = await server();
    const df = spark.readStream.format("socket").option("host", "127.0.0.1").option("port", s.port).option("includeTimestamp", "True").load();
    expect(df.schema.treeString()).toBe("root\n |-- value: string (nullable = true)\n |-- timestamp: timestamp (nullable = true)\n");

    const clock = new ManualClock(1_700_000_000_123);
    const reader = await open({ host: "127.0.0.1", port: s.port, includeTimestamp: true }, clock);
    // Building the DataFrame does not connect; only the reader does.
    await eventually(() => expect(s.clients).toBe(1));
    s.send("first");
    await received(reader, 0);
    clock.advance(1000);
    s.send("second");
    await received(reader, 1);
    expect(reader.getBatch(null, 1)).toEqual([["first", 1_700_000_000_123_000], ["second", 1_700_000_001_123_000]]);
    await reader.stop?.();
  });

  test("lines end at \\n, \\r or \\r\\n, even split across packets, and a last line without one counts at the end", async () => {
    const raw = await rawServer();
    const reader = await open({ host: "127.0.0.1", port: raw.port });
    const client = await raw.client;
    const euro = new TextEncoder().encode("€uro");
    const chunks: (string | Uint8Array)[] = ["one\r", "\ntwo\rthree\n\n", euro.subarray(0, 2), euro.subarray(2), "\r\nfour"];
    for (const chunk of chunks) {
      client.write(chunk);
      await new Promise((r) => setTimeout(r, 5));
    }
    await received(reader, 4);
    client.end();
    await received(reader, 5);
    expect(reader.getBatch(null, 5)).toEqual([["one"], ["two"], ["three"], [""], ["€uro"], ["four"]]);
    await eventually(() => expect(logs).toContain(`Stream closed by 127.0.0.1:${raw.port}`));
    await reader.stop?.();
  });

  test("a range replays until committed; commit drops the lines; numPartitions orders rows partition by partition", async () => {
    const s = await server();
    const reader = await open({ host: "127.0.0.1", port: s.port, numPartitions: "2" });
    expect(reader.latestOffset(null, {})).toBe(-1);
    await eventually(() => expect(s.clients).toBeGreaterThan(0));
    for (const line of ["a", "b", "c", "d", "e"]) s.send(line);
    await received(reader, 4);
    const batch: Row[] = [["a"], ["c"], ["e"], ["b"], ["d"]];
    expect(reader.getBatch(null, 4)).toEqual(batch);
    expect(reader.getBatch(JSON.parse(JSON.stringify(null)), JSON.parse(JSON.stringify(4)))).toEqual(batch);
    expect(reader.getBatch(1, 3)).toEqual([["c"], ["d"]]);
    await reader.commit?.(1);
    expect(reader.getBatch(1, 4)).toEqual([["c"], ["e"], ["d"]]);
    const gone = await errorOf(() => reader.getBatch(null, 4));
    expect(gone.code).toBe("SOCKET_LINES_UNAVAILABLE");
    expect(gone.bareMessage).toContain("it holds only lines 2 to 4");
    expect((await errorOf(() => reader.commit?.(0))).message).toContain("Offsets committed out of order: 1 followed by 0");
    await reader.stop?.();
  });

  test("after a restart the lines of the uncommitted batch are gone (with a warning) and numbering carries on", async () => {
    const s = await server();
    const replaying = await open({ host: "127.0.0.1", port: s.port });
    await eventually(() => expect(s.clients).toBeGreaterThan(0));
    s.send("new");
    // The restarted query first re-runs its logged batch (lines 5 to 7), then asks what is new.
    logs.length = 0;
    expect(replaying.getBatch(4, 7)).toEqual([]);
    expect(logs).toContain("The socket source lost lines 5 to 7: they were received before the restart and never committed (the socket source is not fault-tolerant).");
    await received(replaying, 8, 7);
    expect(replaying.getBatch(7, 8)).toEqual([["new"]]);
    await replaying.stop?.();

    const resuming = await open({ host: "127.0.0.1", port: s.port });
    await eventually(() => expect(s.clients).toBeGreaterThan(0));
    s.send("next");
    await received(resuming, 13, 12);
    expect(resuming.getBatch(12, 13)).toEqual([["next"]]);
    await resuming.stop?.();
  });

  test("options are checked before connecting: host and port required, port a number, includeTimestamp a boolean", async () => {
    const missing = await errorOf(() => spark.readStream.format("socket").load());
    expect(missing.code).toBe("PLUGIN_OPTIONS_INVALID");
    expect(missing.bareMessage).toBe(
      "Invalid options for the source 'socket':\n  - option 'host': expected a value (this option is required), given nothing\n  - option 'port': expected a value (this option is required), given nothing",
    );
    const bad = await errorOf(() =>
      spark.readStream.format("socket").options({ HOST: "localhost", port: "99999", includeTimestamp: "yes" }).load()
    );
    expect(bad.bareMessage).toBe(
      "Invalid options for the source 'socket':\n  - option 'port': expected an integer <= 65535, given \"99999\"\n  - option 'includeTimestamp': expected a boolean (true or false), given \"yes\"",
    );
  });

  test("a user schema and a batch read are refused with Spark's errors", async () => {
    const s = await server();
    const withSchema = await errorOf(() =>
      spark.readStream.format("socket").schema("value STRING").option("host", "127.0.0.1").option("port", s.port).load()
    );
    expect(withSchema.code).toBe("_LEGACY_ERROR_TEMP_2242");
    expect(withSchema.bareMessage).toBe("TextSocketSourceProvider source does not support user-specified schema.");
    const batch = await errorOf(() => spark.read.format("socket").option("host", "127.0.0.1").option("port", s.port).load().collect());
    expect(batch.code).toBe("_LEGACY_ERROR_TEMP_1135");
    expect(batch.bareMessage).toBe("socket is not a valid Spark SQL Data Source.");
  });

  test("nothing listening: the query fails with the address and how to start a server", async () => {
    const s = await startSocketServer({ port: 0 });
    const port = s.port;
    await s.close();
    const q = spark.readStream.format("socket").option("host", "127.0.0.1").option("port", port).load()
      .writeStream.format("memory").queryName("socket_refused").start();
    const err = await errorOf(() => q.awaitTermination());
    const cause = (err.code === "SOCKET_CONNECT_FAILED" ? err : err.cause) as SluiceError;
    expect(cause.code).toBe("SOCKET_CONNECT_FAILED");
    expect(cause.kind).toBe("external");
    expect(cause.bareMessage).toStartWith(`The socket source could not connect to 127.0.0.1:${port}: `);
    expect(cause.hint).toBe(`Start the server first, e.g. \`nc -lk ${port}\` or \`bun scripts/socket_server.ts --port ${port}\`.`);
  });
});
