// The postgres sink against a real server (scripts/postgres/service.ts starts a throwaway cluster):
// the sink conformance suite, type mapping, upsert/replace, exactly-once via the progress table,
// table checks before the first batch, and connection loss.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import postgres from "postgres";
import { SluiceError, validateOptions, ArrayType, DecimalType, MapType, StructField, StructType, parseTypeName, type SinkContext, type SinkWriter } from "sluice/plugin-sdk";
import { ManualClock, sinkConformance } from "sluice/testing";
import { postgresServer, type PostgresServer } from "../../scripts/postgres/service.ts";
import sink from "./mod.ts";

const HOOK_TIMEOUT_MS = 180_000;
let server: PostgresServer;
let sql: postgres.Sql;

beforeAll(async () => {
  server = await postgresServer();
  sql = postgres(server.url, { max: 2, onnotice: () => {} });
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await sql?.end({ timeout: 1 });
});

const schemaOf = (ddl: string) => new StructType(ddl.split(",").map((c) => {
  const [name, type] = c.trim().split(/\s+/);
  return new StructField(name!, parseTypeName(type!), true);
}));

const tableFor = (dir: string) => `conf_${dir.replace(/[^A-Za-z0-9]/g, "").slice(-12).toLowerCase()}`;

const CONFORMANCE_SCHEMA = schemaOf("id int, name string, amount double");

sinkConformance(sink, {
  options: (env) => ({ url: server.url, table: tableFor(env.metadataDir), createTable: "true" }),
  schema: CONFORMANCE_SCHEMA,
  rows: [[1, "a", 1.5], [2, null, null], [3, "c", -0.25]],
  readBack: async (env) => (await sql.unsafe(`SELECT id, name, amount FROM ${tableFor(env.metadataDir)}`)).map((r) => [r.id, r.name, r.amount]),
  checkRestart: true,
});

let counter = 0;
const fresh = () => `t_${process.pid}_${++counter}`;

function context(schema: StructType, queryId = crypto.randomUUID(), logs: string[] = []): SinkContext {
  return {
    schema,
    queryId,
    clock: new ManualClock(0),
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(`WARN ${m}`) },
    conf: () => undefined,
    stdout: () => {},
    session: undefined,
  };
}

const open = (options: Record<string, unknown>, ctx: SinkContext) =>
  sink.create(validateOptions(sink, { url: server.url, ...options }) as never, ctx) as Promise<SinkWriter>;

async function rejected(p: Promise<unknown>): Promise<SluiceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SluiceError);
    return e as SluiceError;
  }
  throw new Error("expected an error");
}

describe("postgres sink", () => {
  test("types map as documented", async () => {
    const table = fresh();
    const schema = new StructType([
      new StructField("s", parseTypeName("string")),
      new StructField("b", parseTypeName("binary")),
      new StructField("flag", parseTypeName("boolean")),
      new StructField("i", parseTypeName("int")),
      new StructField("l", parseTypeName("bigint")),
      new StructField("d", parseTypeName("double")),
      new StructField("dec", new DecimalType(12, 3)),
      new StructField("day", parseTypeName("date")),
      new StructField("ts", parseTypeName("timestamp")),
      new StructField("arr", new ArrayType(parseTypeName("bigint"))),
      new StructField("st", new StructType([new StructField("x", parseTypeName("int")), new StructField("y", parseTypeName("string"))])),
      new StructField("m", new MapType(parseTypeName("string"), parseTypeName("double"))),
    ]);
    const w = await open({ table, createTable: true }, context(schema));
    await w.addBatch(0, [[
      "héllo \"q\"", new Uint8Array([0, 255, 16]), true, -7, 9007199254740991, Number.NaN, -123456789n, 19723, 1_704_067_200_123_456,
      [1, null, 3], [5, "z"], new Map([["k", 0.5]]),
    ]], "append");
    await w.stop!();
    const types = await sql.unsafe(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
    );
    expect(types.map((r) => `${r.column_name} ${r.data_type}`)).toEqual([
      "s text", "b bytea", "flag boolean", "i integer", "l bigint", "d double precision", "dec numeric", "day date",
      "ts timestamp with time zone", "arr ARRAY", "st jsonb", "m jsonb",
    ]);
    const [row] = await sql.unsafe(
      `SELECT s, encode(b, 'hex') AS b, flag, i, l::text AS l, d::text AS d, dec::text AS dec, day::text AS day,
              to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS ts, arr::text AS arr, st::text AS st, m::text AS m FROM ${table}`,
    );
    expect(row as Record<string, unknown>).toEqual({
      s: 'héllo "q"', b: "00ff10", flag: true, i: -7, l: "9007199254740991", d: "NaN", dec: "-123456.789", day: "2024-01-01",
      ts: "2024-01-01 00:00:00.123456", arr: "{1,NULL,3}", st: '{"x": 5, "y": "z"}', m: '{"k": 0.5}',
    });
  });

  test("upsert merges on the key; a replayed batch id is skipped, also by a new writer", async () => {
    const table = fresh();
    const schema = schemaOf("k string, total bigint");
    const queryId = crypto.randomUUID();
    const w = await open({ table, createTable: true, mode: "upsert", primaryKey: "k" }, context(schema, queryId));
    await w.addBatch(0, [["a", 1], ["b", 2]], "update");
    await w.addBatch(1, [["a", 10], ["c", 3], ["c", 4]], "update");
    await w.stop!();
    const again = await open({ table, mode: "upsert" }, context(schema, queryId)); // key from the table's primary key
    await again.addBatch(1, [["a", 999]], "update"); // replay after a crash: already written
    await again.addBatch(2, [["b", 20]], "update");
    await again.stop!();
    const rows = await sql.unsafe(`SELECT k, total::int AS total FROM ${table} ORDER BY k`);
    expect(rows.map((r) => [r.k, r.total])).toEqual([["a", 10], ["b", 20], ["c", 4]]);
    const [progress] = await sql.unsafe(`SELECT batch_id::int AS b FROM sluice_progress WHERE query_id = '${queryId}'`);
    expect(progress!.b).toBe(2);
  });

  test("complete mode replaces the rows; update mode without upsert is refused", async () => {
    const table = fresh();
    const schema = schemaOf("k string, n bigint");
    const w = await open({ table, createTable: true }, context(schema));
    await w.addBatch(0, [["a", 1], ["b", 1]], "complete");
    await w.addBatch(1, [["a", 2]], "complete");
    expect((await sql.unsafe(`SELECT k, n::int AS n FROM ${table}`)).map((r) => [r.k, r.n])).toEqual([["a", 2]]);
    const e = await rejected(Promise.resolve(w.addBatch(2, [["a", 3]], "update")));
    expect(e.code).toBe("POSTGRES_UPDATE_NEEDS_UPSERT");
    await w.stop!();
  });

  test("a table that does not match the query is refused before the first batch", async () => {
    const table = fresh();
    await sql.unsafe(`CREATE TABLE ${table} (k text, total text, extra int NOT NULL)`);
    const e = await rejected(open({ table }, context(schemaOf("k string, total double, missing int"))));
    expect(e.code).toBe("POSTGRES_TABLE_MISMATCH");
    expect(e.message).toContain(`The table public.${table} does not match the query's output:`);
    expect(e.message).toContain('column "total" has type text, but the query writes double (double precision)');
    expect(e.message).toContain('column "missing" (integer) is missing');
    expect(e.message).toContain('column "extra" is NOT NULL without a default, but the query does not write it');
    expect((await rejected(open({ table: `${table}_nope` }, context(schemaOf("k string"))))).code).toBe("POSTGRES_TABLE_NOT_FOUND");
    await sql.unsafe(`CREATE TABLE ${table}_nokey (k text)`);
    expect((await rejected(open({ table: `${table}_nokey`, mode: "upsert" }, context(schemaOf("k string"))))).code).toBe("POSTGRES_UPSERT_KEY_MISSING");
  });

  test("a batch is all or nothing", async () => {
    const table = fresh();
    await sql.unsafe(`CREATE TABLE ${table} (id int, v text NOT NULL)`);
    const w = await open({ table }, context(schemaOf("id int, v string")));
    const rows = Array.from({ length: 12_000 }, (_, i) => [i, i === 11_000 ? null : `v${i}`]);
    const e = await rejected(Promise.resolve(w.addBatch(0, rows, "append")));
    expect(e.code).toBe("POSTGRES_WRITE_FAILED");
    expect(e.message).toContain("null value in column");
    expect((await sql.unsafe(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n).toBe(0);
    await w.stop!();
  });

  test("connection loss: retried with backoff, then a clear error after maxAttempts", async () => {
    const table = fresh();
    const schema = schemaOf("id int");
    const logs: string[] = [];
    const failing = await open({ table, createTable: true, maxAttempts: 3, retryBackoff: "100ms" }, context(schema, undefined, logs));
    const patient = await open({ table, maxAttempts: 30, retryBackoff: "200ms" }, context(schema));
    await failing.addBatch(0, [[1]], "append");
    await sql.end({ timeout: 1 });
    await server.stop();
    try {
      const e = await rejected(Promise.resolve(failing.addBatch(1, [[2]], "append")));
      expect(e.code).toBe("POSTGRES_WRITE_FAILED");
      expect(e.message).toContain("failed after 3 tries");
      expect(e.message).toContain("Nothing of the batch was committed");
      expect(logs.filter((l) => l.includes("retrying in")).length).toBe(2);
      // The server comes back while a batch is being retried: the batch goes through.
      const done = patient.addBatch(0, [[3]], "append");
      await new Promise((r) => setTimeout(r, 1_000));
      await server.start();
      await done;
    } finally {
      await server.start().catch(() => {});
      sql = postgres(server.url, { max: 2, onnotice: () => {} });
      await failing.stop!();
      await patient.stop!();
    }
    expect((await sql.unsafe(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id)).toEqual([1, 3]);
  }, 60_000);

  test("connection loss with default settings: a 10 s restart of the database is ridden through (retryTimeout 60s)", async () => {
    expect(validateOptions(sink, { url: server.url, table: "t" })).toMatchObject({ retryTimeout: "60s", retryBackoff: "500ms" });
    const table = fresh();
    const schema = schemaOf("id int");
    const logs: string[] = [];
    const writer = await open({ table, createTable: true }, context(schema, undefined, logs));
    const brief = await open({ table, retryTimeout: "700ms", retryBackoff: "100ms" }, context(schema));
    await writer.addBatch(0, [[1]], "append");
    await sql.end({ timeout: 1 });
    await server.stop();
    try {
      // retryTimeout bounds the retries: tries at about 0, 0.1, 0.3 and 0.7 s, then the error.
      const e = await rejected(Promise.resolve(brief.addBatch(0, [[9]], "append")));
      expect(e.code).toBe("POSTGRES_WRITE_FAILED");
      expect(e.message).toMatch(/failed after 4 tries in 0\.[6-9] s/);
      const done = writer.addBatch(1, [[2]], "append");
      await new Promise((r) => setTimeout(r, 10_000));
      const back = performance.now();
      await server.start();
      await done;
      // The pauses grow to 5 s at most: the batch goes through soon after the database is back.
      expect(performance.now() - back).toBeLessThan(15_000);
      expect(logs.filter((l) => l.includes("retrying in")).length).toBeGreaterThanOrEqual(3);
    } finally {
      await server.start().catch(() => {});
      sql = postgres(server.url, { max: 2, onnotice: () => {} });
      await writer.stop!();
      await brief.stop!();
    }
    expect((await sql.unsafe(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id)).toEqual([1, 2]);
  }, 90_000);
});
