// df.write.format("postgres") against a real server: save modes (a missing table created from the
// DataFrame's schema with primaryKey as its key; errorifexists refuses an existing table; ignore
// leaves it; append inserts or, with mode "upsert", merges on the key; overwrite replaces the rows
// and keeps the table), all in one transaction: a failing write leaves the table as it was.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import postgres from "postgres";
import { SparkSession } from "sluice";
import { SluiceError } from "sluice/plugin-sdk";
import { postgresServer } from "../../scripts/postgres/service.ts";

const HOOK_TIMEOUT_MS = 180_000;
let url = "";
let sql: postgres.Sql;
const spark = SparkSession.builder.getOrCreate().newSession();
spark.conf.set("spark.sql.session.timeZone", "UTC");

beforeAll(async () => {
  url = (await postgresServer()).url;
  sql = postgres(url, { max: 1, onnotice: () => {} });
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await sql?.end({ timeout: 1 });
});

let n = 0;
const fresh = () => `pg_save_${process.pid}_${++n}`;
const df = (rows: unknown[][]) => spark.createDataFrame(rows, "id INT NOT NULL, name STRING, amount DOUBLE");
const rowsOf = async (table: string) => (await sql.unsafe(`SELECT id, name, amount FROM ${table} ORDER BY id`)).map((r) => [r.id, r.name, r.amount]);

async function failure(p: Promise<unknown>): Promise<SluiceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SluiceError) return e;
    throw e;
  }
  throw new Error("the write did not fail");
}

describe("df.write.format(\"postgres\")", () => {
  test("creates the table (primaryKey as its key); errorifexists, ignore, append, overwrite", async () => {
    const t = fresh();
    await df([[1, "a", 1.5], [2, null, null]]).write.format("postgres").option("url", url).option("table", t).option("primaryKey", "id").save();
    expect(await rowsOf(t)).toEqual([[1, "a", 1.5], [2, null, null]]);
    const [pk] = await sql.unsafe(`SELECT count(*)::int AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = '${t}' AND i.indisprimary`);
    expect(pk!.n).toBe(1);
    const e = await failure(df([[3, "c", 3]]).write.format("postgres").option("url", url).option("table", t).save());
    expect(e.message).toContain(`Table or view '${t}' already exists. SaveMode: ErrorIfExists.`);
    await df([[3, "c", 3]]).write.format("postgres").mode("ignore").option("url", url).option("table", t).save();
    expect((await rowsOf(t)).length).toBe(2);
    await df([[3, "c", 3]]).write.format("postgres").mode("append").option("url", url).option("table", t).save();
    expect(await rowsOf(t)).toEqual([[1, "a", 1.5], [2, null, null], [3, "c", 3]]);
    await df([[9, "z", 0.5]]).write.format("postgres").mode("overwrite").option("url", url).option("table", t).save();
    expect(await rowsOf(t)).toEqual([[9, "z", 0.5]]);
    // overwrite kept the table's definition (its primary key) rather than re-creating it
    const [pk2] = await sql.unsafe(`SELECT count(*)::int AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = '${t}' AND i.indisprimary`);
    expect(pk2!.n).toBe(1);
  });

  test("append with mode upsert merges on the key; a failing write leaves the table as it was", async () => {
    const t = fresh();
    await df([[1, "a", 1], [2, "b", 2]]).write.format("postgres").option("url", url).option("table", t).option("primaryKey", "id").save();
    await df([[2, "B", 20], [3, "c", 3]]).write.format("postgres").mode("append").option("url", url).option("table", t).option("mode", "upsert").save();
    expect(await rowsOf(t)).toEqual([[1, "a", 1], [2, "B", 20], [3, "c", 3]]);
    // A duplicate key in a plain append fails inside the transaction: nothing of the write stays.
    const e = await failure(df([[4, "d", 4], [1, "dup", 0]]).write.format("postgres").mode("append").option("url", url).option("table", t).save());
    expect(e.code).toBe("POSTGRES_WRITE_FAILED");
    expect(await rowsOf(t)).toEqual([[1, "a", 1], [2, "B", 20], [3, "c", 3]]);
  });

  test("a table that does not fit the DataFrame is refused before anything is written", async () => {
    const t = fresh();
    await sql.unsafe(`CREATE TABLE ${t} (id int NOT NULL, name int)`);
    const e = await failure(df([[1, "a", 1]]).write.format("postgres").mode("append").option("url", url).option("table", t).save());
    expect(e.code).toBe("POSTGRES_TABLE_MISMATCH");
    expect((await sql.unsafe(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n).toBe(0);
  });
});
