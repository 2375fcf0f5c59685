// df.write.format("jdbc") against a real PostgreSQL: Spark's options and save modes (a missing
// table is created; errorifexists refuses an existing one with Spark's message; ignore leaves it;
// append adds; overwrite re-creates it, or empties it with truncate=true), the PySpark
// foreachBatch pattern, and the refusals (other JDBC databases, streaming).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import postgres from "postgres";
import { SparkSession } from "sluice";
import { SluiceError } from "sluice/plugin-sdk";
import { MemoryStream } from "sluice/testing";
import { postgresServer } from "../../scripts/postgres/service.ts";

const HOOK_TIMEOUT_MS = 180_000;
let jdbcUrl = "";
let user = "";
let password = "";
let sql: postgres.Sql;
const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");

beforeAll(async () => {
  const server = await postgresServer();
  const u = new URL(server.url);
  jdbcUrl = `jdbc:postgresql://${u.hostname}:${u.port}${u.pathname}`;
  user = decodeURIComponent(u.username);
  password = decodeURIComponent(u.password);
  sql = postgres(server.url, { max: 1, onnotice: () => {} });
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await Promise.all(spark.streams.active.map((q) => q.stop()));
  await sql?.end({ timeout: 1 });
});

let n = 0;
const fresh = () => `jdbc_t${process.pid}_${++n}`;
const df = (rows: unknown[][]) => spark.createDataFrame(rows, "id INT NOT NULL, name STRING, amount DECIMAL(10,2), ts TIMESTAMP");
const writer = (d: ReturnType<typeof df>, table: string) => {
  const w = d.write.format("jdbc").option("url", jdbcUrl).option("dbtable", table).option("driver", "org.postgresql.Driver").option("user", user);
  return password ? w.option("password", password) : w;
};
const rowsOf = async (table: string) =>
  (await sql.unsafe(`SELECT id, name, amount::text AS amount, ts FROM ${table} ORDER BY id`)).map((r) => [r.id, r.name, r.amount, r.ts?.toISOString() ?? null]);

async function failure(p: Promise<unknown>): Promise<SluiceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("the write did not fail");
}

describe("df.write.format(\"jdbc\")", () => {
  test("creates the table, then errorifexists / ignore / append / overwrite as Spark", async () => {
    const t = fresh();
    await writer(df([[1, "a", 150n, 1_704_067_200_000_000], [2, null, null, null]]), t).save();
    expect(await rowsOf(t)).toEqual([[1, "a", "1.50", "2024-01-01T00:00:00.000Z"], [2, null, null, null]]);
    const cols = await sql.unsafe(`SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`);
    expect(cols.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`)).toEqual([
      "id integer NO", "name text YES", "amount numeric YES", "ts timestamp with time zone YES",
    ]);
    const e = await failure(writer(df([[3, "c", null, null]]), t).save());
    expect(e.code).toBe("_LEGACY_ERROR_TEMP_1288");
    expect(e.message).toContain(`Table or view '${t}' already exists. SaveMode: ErrorIfExists.`);
    await writer(df([[3, "c", null, null]]), t).mode("ignore").save();
    await writer(df([[4, "d", 1n, null]]), t).mode("append").save();
    expect((await rowsOf(t)).map((r) => r[0])).toEqual([1, 2, 4]);
    await writer(df([[9, "z", null, null]]), t).mode("overwrite").save();
    expect(await rowsOf(t)).toEqual([[9, "z", null, null]]);
  });

  test("overwrite with truncate keeps the table's definition", async () => {
    const t = fresh();
    await sql.unsafe(`CREATE TABLE ${t} (id integer PRIMARY KEY, name varchar(10), amount numeric(12,2), ts timestamptz, extra text DEFAULT 'kept')`);
    await sql.unsafe(`INSERT INTO ${t} (id, name) VALUES (1, 'old')`);
    await writer(df([[5, "new", 5n, null]]), t).mode("overwrite").option("truncate", true).save();
    const rows = await sql.unsafe(`SELECT id, name, extra FROM ${t}`);
    expect(rows.map((r) => [r.id, r.name, r.extra])).toEqual([[5, "new", "kept"]]);
  });

  test("a failing write leaves the table as it was (one transaction)", async () => {
    const t = fresh();
    await sql.unsafe(`CREATE TABLE ${t} (id integer PRIMARY KEY, name text, amount numeric(10,2), ts timestamptz)`);
    await sql.unsafe(`INSERT INTO ${t} (id, name) VALUES (1, 'old')`);
    const e = await failure(writer(df([[7, "x", null, null], [1, "dup", null, null]]), t).mode("append").save());
    expect(e.code).toBe("JDBC_WRITE_FAILED");
    expect((await rowsOf(t)).map((r) => r[0])).toEqual([1]);
  });

  test("foreachBatch writing each micro-batch with JDBC, as in PySpark", async () => {
    const t = fresh();
    const input = new MemoryStream(spark, "id INT NOT NULL, name STRING, amount DECIMAL(10,2), ts TIMESTAMP");
    const q = input.toDF().writeStream.foreachBatch(async (batch) => {
      await writer(batch, t).mode("append").save();
    }).start();
    input.addData([[1, "a", null, null]]);
    await q.processAllAvailable();
    input.addData([[2, "b", null, null], [3, "c", null, null]]);
    await q.processAllAvailable();
    await q.stop();
    expect((await rowsOf(t)).map((r) => r[0])).toEqual([1, 2, 3]);
  });

  test("other databases, unknown drivers and streaming writes are refused", async () => {
    const d = df([[1, "a", null, null]]);
    expect((await failure(d.write.format("jdbc").option("url", "jdbc:mysql://h/db").option("dbtable", "t").save())).code).toBe("JDBC_URL_UNSUPPORTED");
    expect((await failure(d.write.format("jdbc").option("url", jdbcUrl).option("dbtable", "t").option("driver", "com.mysql.Driver").save())).code)
      .toBe("JDBC_DRIVER_UNSUPPORTED");
    const input = new MemoryStream(spark, "id INT");
    expect(() => input.toDF().writeStream.format("jdbc").option("url", jdbcUrl).option("dbtable", "t").start()).toThrow("Data source jdbc does not support streamed writing.");
  });
});
