// Every sample runs, bounded by SLUICE_SAMPLE_SECONDS, and prints what its README says.
import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  formatCents, LATE_READINGS, sensorFile, type SensorReading, type Transaction, transactionFile, writeTransactionFiles,
} from "../../scripts/sample_data.ts";
import { startSocketServer } from "../../scripts/socket_server.ts";

const root = join(import.meta.dir, "..", "..");
const bun = process.execPath;

function runSample(dir: string, seconds: number, env: Record<string, string> = {}): { out: string; err: string; status: number | null } {
  const r = spawnSync(bun, [join(root, "runtime/main.ts"), "run", join(root, "samples", dir, "pipeline.ts")], {
    cwd: root, env: { ...process.env, SLUICE_SAMPLE_SECONDS: String(seconds), ...env }, encoding: "utf8", timeout: 60_000,
  });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

describe("samples", () => {
  test("01 basic streaming prints console batches with the computed columns", () => {
    const r = runSample("01-basic-streaming", 3);
    expect(r.status).toBe(0);
    expect(r.out).toContain("Batch: 1");
    expect(r.out).toContain("|timestamp");
    expect(r.out).toMatch(/\|value\|doubled\|is_even\|second\|/);
    // value 3 doubled is 6 and odd
    expect(r.out).toMatch(/\|3 +\|6 +\|false +\|/);
  }, 30_000);

  test("02 output modes prints complete, update and append results", () => {
    const r = runSample("02-output-modes", 6);
    expect(r.status).toBe(0);
    expect(r.out).toContain("|bucket|count|");
    expect(r.out).toContain("|window");
    // complete mode lists all three buckets in some batch
    const tables = r.out.split("Batch: ").slice(1);
    expect(tables.some((t) => /\|\s+0\|/.test(t) && /\|\s+1\|/.test(t) && /\|\s+2\|/.test(t))).toBe(true);
  }, 30_000);

  test("08 e-commerce prints revenue windows, the funnel and the top products from Parquet", () => {
    const r = runSample("08-ecommerce", 0);
    expect(r.status).toBe(0);
    expect(r.out).toContain("|window_start       |category   |revenue|orders|");
    expect(r.out).toContain("Conversion funnel:");
    expect(r.out).toContain("|event_type|total_events|percentage|");
    expect(r.out).toMatch(/\|\s+view\|\s+1697\|\s+70\.71\|/);
    expect(r.out).toMatch(/\|\s+purchase\|\s+260\|\s+10\.83\|/);
    expect(r.out).toContain("Top products (from the Parquet output):");
    expect(r.out).toContain("|product_id|units|");
  }, 60_000);
});

// ---- samples 03-07: helpers ----

const scratch = mkdtempSync(join(tmpdir(), "sluice-samples-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ConsoleTable {
  batch: number;
  header: string[];
  rows: string[][];
}

/** The console sink's tables, in the order printed: "Batch: N", then a table drawn with | and +. */
function consoleTables(out: string): ConsoleTable[] {
  return out.split(/^Batch: /m).slice(1).map((chunk) => {
    const lines = chunk.split("\n");
    const cells = (l: string) => l.slice(1, -1).split("|").map((c) => c.trim());
    const body: string[][] = [];
    let i = lines.findIndex((l) => l.startsWith("+")); // the table's top border
    let borders = 0;
    for (; i < lines.length && borders < 3; i++) {
      if (lines[i]!.startsWith("+")) borders++;
      else if (lines[i]!.startsWith("|")) body.push(cells(lines[i]!));
    }
    return { batch: Number(lines[0]), header: body[0] ?? [], rows: body.slice(1) };
  });
}

/** The table `show()` printed after the line `title`. */
function shownTable(out: string, title: string): string[][] {
  const after = out.slice(out.indexOf(title) + title.length).split("\n");
  const rows: string[][] = [];
  let borders = 0;
  for (const l of after) {
    if (l.startsWith("+")) {
      if (++borders === 3) break;
    } else if (l.startsWith("|")) rows.push(l.slice(1, -1).split("|").map((c) => c.trim()));
  }
  return rows;
}

const roundHalfUp = (n: number, d: number) => Math.round(n / 10 ** d) * 10 ** d; // n >= 0, integral

/** Spark's running totals per category over `files` transaction files, as sample 03 prints them. */
function categoryTotals(files: number[]): string[][] {
  const by = new Map<string, Transaction[]>();
  for (const f of files) for (const t of transactionFile(f)) if (t.amountCents > 0) by.set(t.category, [...(by.get(t.category) ?? []), t]);
  return [...by.keys()].sort().map((category) => {
    const ts = by.get(category)!;
    const sum = ts.reduce((n, t) => n + t.amountCents, 0);
    // avg(DECIMAL(10,2)) is DECIMAL(14,6) (half-up), then round(_, 2) rounds half-up again.
    const avg6 = Math.round((sum * 10_000) / ts.length);
    return [category, String(ts.length), formatCents(sum), formatCents(roundHalfUp(avg6, 4) / 10_000),
      formatCents(Math.max(...ts.map((t) => t.amountCents))), String(ts.filter((t) => t.amountCents >= 20_000).length)];
  });
}

/** A double as Spark prints it: 26 -> "26.0". */
const sparkDouble = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(n));
const round2 = (n: number) => Math.round(n * 100) / 100;
/** "2024-01-15 10:05:00" for an epoch-ms time (UTC). */
const sparkTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

/** count and round(avg(temperature), 2) per (window start, sensor) for windows of `sizeMin` minutes every `slideMin`. */
function windowAverages(readings: readonly SensorReading[], sizeMin: number, slideMin: number, bySensor: boolean): Map<string, [number, string]> {
  const groups = new Map<string, number[]>();
  for (const r of readings) {
    const t = Date.parse(r.timestamp), slide = slideMin * 60_000;
    for (let start = Math.floor(t / slide) * slide; start > t - sizeMin * 60_000; start -= slide) {
      const key = `${sparkTime(start)}|${bySensor ? r.sensor_id : ""}`;
      groups.set(key, [...(groups.get(key) ?? []), r.temperature]);
    }
  }
  return new Map([...groups].map(([k, temps]) => [k, [temps.length, sparkDouble(round2(temps.reduce((a, b) => a + b, 0) / temps.length))]]));
}

describe("samples 03-07", () => {
  test("03 file streaming: running totals with a checkpoint; a restart reads only the new files", () => {
    const dir = join(scratch, "03");
    const env = { SLUICE_SAMPLE_DIR: dir };
    const first = runSample("03-file-streaming", 0, env);
    expect(first.status).toBe(0);
    const t1 = consoleTables(first.out);
    expect(t1.map((t) => t.batch)).toEqual([0, 1]); // 3 files, at most 2 per batch
    expect(t1[1]!.header).toEqual(["category", "purchases", "total_amount", "avg_amount", "max_amount", "high_value"]);
    expect(t1[1]!.rows).toEqual(categoryTotals([0, 1, 2]));
    expect(first.out).toContain("This run processed 26 input rows in 2 batch(es): 0, 1.");

    // Two more files arrive; the next run starts from the checkpoint.
    writeTransactionFiles(join(dir, "input-json"), { from: 3, files: 2 });
    const second = runSample("03-file-streaming", 0, env);
    expect(second.status).toBe(0);
    const t2 = consoleTables(second.out);
    expect(t2.map((t) => t.batch)).toEqual([2]);
    expect(t2[0]!.rows).toEqual(categoryTotals([0, 1, 2, 3, 4])); // the totals carry on from the state
    expect(second.out).toContain("This run processed 17 input rows in 1 batch(es): 2.");
    // The file source's log: batch 2 read exactly the two new files, and every file was read once.
    const logged = (batch: number) =>
      readFileSync(join(dir, "checkpoint-json", "sources", "0", String(batch)), "utf8").split("\n").slice(1).map((l) => JSON.parse(l).path.replace(/^.*\//, ""));
    expect(logged(2)).toEqual(["transactions-003.json", "transactions-004.json"]);
    expect([...logged(0), ...logged(1), ...logged(2)].sort()).toEqual([0, 1, 2, 3, 4].map((i) => `transactions-00${i}.json`));

    // Nothing new: nothing to do.
    const third = runSample("03-file-streaming", 0, env);
    expect(third.status).toBe(0);
    expect(third.out).not.toContain("Batch:");
    expect(third.out).toContain("This run found no new files");
  }, 30_000);

  test("03 file streaming reads the same transactions as CSV", () => {
    const r = runSample("03-file-streaming", 0, { SLUICE_SAMPLE_DIR: join(scratch, "03-csv"), SLUICE_SAMPLE_FORMAT: "csv" });
    expect(r.status).toBe(0);
    expect(readdirSync(join(scratch, "03-csv", "input-csv")).sort()).toEqual(["transactions-000.csv", "transactions-001.csv", "transactions-002.csv"]);
    expect(consoleTables(r.out).at(-1)!.rows).toEqual(categoryTotals([0, 1, 2]));
  }, 15_000);

  test("04 multiple sinks: console batches, SQL over the memory table, Parquet read back", () => {
    const dir = join(scratch, "04");
    const r = runSample("04-multiple-sinks", 0, { SLUICE_SAMPLE_DIR: dir });
    expect(r.status).toBe(0);
    const purchases = [0, 1, 2, 3].flatMap((f) => transactionFile(f)).filter((t) => t.amountCents > 0);

    const tables = consoleTables(r.out);
    expect(tables.map((t) => t.batch)).toEqual([0, 1]);
    expect(tables[0]!.header).toEqual(["transaction_id", "customer_id", "category", "amount", "amount_band"]);
    const first = purchases[0]!;
    expect(tables[0]!.rows[0]).toEqual([first.transaction_id, first.customer_id, first.category, formatCents(first.amountCents), "medium"]);
    expect(r.out).toContain("only showing top 5 rows");

    const totals = new Map<string, number[]>();
    for (const t of purchases) totals.set(t.category, [...(totals.get(t.category) ?? []), t.amountCents]);
    const expectedTotals = [...totals].map(([category, cents]) => {
      const sum = cents.reduce((a, b) => a + b, 0);
      return [category, String(cents.length), formatCents(sum), formatCents(Math.round(sum / cents.length))];
    }).sort((a, b) => Number(b[2]) - Number(a[2]));
    const sqlTable = shownTable(r.out, "Totals per category (SQL over the memory table):");
    expect(sqlTable[0]).toEqual(["category", "purchases", "total_amount", "avg_amount"]);
    expect(sqlTable.slice(1)).toEqual(expectedTotals);

    const band = (c: number) => (c >= 20_000 ? "high" : c >= 5_000 ? "medium" : "low");
    const bands = new Map<string, number[]>();
    for (const t of purchases) bands.set(band(t.amountCents), [...(bands.get(band(t.amountCents)) ?? []), t.amountCents]);
    const expectedBands = [...bands].map(([b, cents]) => [b, String(cents.length), formatCents(cents.reduce((a, c) => a + c, 0)), "2024-01-15"])
      .sort((a, b) => Number(b[2]) - Number(a[2]));
    const parquetTable = shownTable(r.out, "Purchases by amount band (SQL over the Parquet files, read back as a batch DataFrame):");
    expect(parquetTable[0]).toEqual(["amount_band", "purchases", "total_amount", "first_day"]);
    expect(parquetTable.slice(1)).toEqual(expectedBands);
    expect(r.out).toContain(`Parquet rows: ${purchases.length}`);
    expect(readdirSync(join(dir, "purchases")).filter((n) => n.endsWith(".parquet")).length).toBe(2); // one part file per batch
    expect(existsSync(join(dir, "purchases", "_spark_metadata", "1"))).toBe(true);
  }, 15_000);

  test("05 socket word count: complete-mode counts of the lines a socket server sends", async () => {
    const lines = ["the quick brown fox", "jumps over the lazy dog", "  the dog  sleeps ", "", "quick quick"];
    const server = await startSocketServer({ port: 0, lines, intervalMs: 50 });
    try {
      const proc = Bun.spawn([bun, join(root, "runtime/main.ts"), "run", join(root, "samples/05-socket-word-count/pipeline.ts")], {
        cwd: root,
        env: { ...process.env, SLUICE_SOCKET_HOST: server.host, SLUICE_SOCKET_PORT: String(server.port), SLUICE_SAMPLE_SECONDS: "3" },
        stdout: "pipe", stderr: "pipe",
      });
      const [out, err, status] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
      expect(status).toBe(0);
      expect(err).toContain("The socket source should not be used for production applications!");
      const tables = consoleTables(out);
      expect(tables[0]).toEqual({ batch: 0, header: ["word", "count"], rows: [] }); // Spark's first batch: the empty range
      const counts = new Map<string, number>();
      for (const w of lines.join(" ").split(/\s+/).filter((w) => w !== "")) counts.set(w, (counts.get(w) ?? 0) + 1);
      const expected = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w, n]) => [w, String(n)]);
      expect(tables.at(-1)!.rows).toEqual(expected);
      expect(expected.slice(0, 2)).toEqual([["quick", "3"], ["the", "3"]]);
    } finally {
      await server.close();
    }
  }, 15_000);

  test("06 windows: tumbling windows per sensor and sliding windows with start and end columns", () => {
    const r = runSample("06-windows", 0, { SLUICE_SAMPLE_DIR: join(scratch, "06") });
    expect(r.status).toBe(0);
    const [tumbling, sliding] = consoleTables(r.out);
    const readings = [0, 1, 2].flatMap((f) => sensorFile(f, false));

    expect(r.out.indexOf("Tumbling windows")).toBeLessThan(r.out.indexOf("Sliding windows"));
    expect(tumbling!.header).toEqual(["window_start", "window_end", "sensor_id", "readings", "avg_temp", "min_temp", "max_temp"]);
    const tumblingExpected = windowAverages(readings, 10, 10, true);
    expect(tumbling!.rows.length).toBe(15); // 10:00-10:50 in five windows, three sensors
    for (const [start, end, sensor, n, avg, min, max] of tumbling!.rows) {
      expect(Date.parse(`${end}Z`) - Date.parse(`${start}Z`)).toBe(10 * 60_000);
      expect([Number(n), avg]).toEqual(tumblingExpected.get(`${start}|${sensor}`)!);
      const temps = readings.filter((x) => x.sensor_id === sensor && sparkTime(Date.parse(x.timestamp) - (Date.parse(x.timestamp) % 600_000)) === start).map((x) => x.temperature);
      expect([min, max]).toEqual([sparkDouble(Math.min(...temps)), sparkDouble(Math.max(...temps))]);
    }
    expect(tumbling!.rows[0]!.slice(0, 4)).toEqual(["2024-01-15 10:00:00", "2024-01-15 10:10:00", "sensor-1", "10"]);

    expect(sliding!.header).toEqual(["start", "end", "readings", "avg_temp"]);
    const slidingExpected = windowAverages(readings, 10, 5, false);
    expect(sliding!.rows.map((x) => x[0])).toEqual([...slidingExpected.keys()].map((k) => k.split("|")[0]).sort());
    for (const [start, , n, avg] of sliding!.rows) expect([Number(n), avg]).toEqual(slidingExpected.get(`${start}|`)!);
    // Each reading is in two sliding windows; the first and last windows are half full.
    expect(sliding!.rows.map((x) => Number(x[2]))).toEqual([15, 30, 30, 30, 30, 30, 30, 30, 30, 15]);
  }, 15_000);

  test("07 watermarking: append mode emits each window once; late rows behind the watermark are dropped and counted", () => {
    const r = runSample("07-watermarking", 0, { SLUICE_SAMPLE_DIR: join(scratch, "07") });
    expect(r.status).toBe(0);
    const tables = consoleTables(r.out);
    expect(tables.map((t) => t.batch)).toEqual([0, 1, 2, 3, 4]); // four files, then the no-data batch
    expect(tables[0]!.rows).toEqual([]);
    expect(tables[1]!.rows).toEqual([]); // the watermark (10:04:30) has passed no window's end yet
    // The windows each batch closes (in no particular order within a batch, as in Spark: by state partition).
    const starts = (t: ConsoleTable) => [...new Set(t.rows.map((x) => x[0]!.slice(11, 16)))].sort();
    expect(starts(tables[2]!)).toEqual(["10:00", "10:05", "10:10"]); // watermark 10:19:30
    expect(starts(tables[3]!)).toEqual(["10:15", "10:20", "10:25"]); // watermark 10:34:30
    expect(starts(tables[4]!)).toEqual(["10:30", "10:35", "10:40"]); // watermark 10:49:30, no new data

    // Every reading counts except the two that batch 3 found behind batch 2's watermark (10:19:30).
    const dropped = LATE_READINGS[3]!.filter((x) => Date.parse(x.timestamp) < Date.UTC(2024, 0, 15, 10, 15));
    expect(dropped.map((x) => x.sensor_id)).toEqual(["sensor-2", "sensor-3"]);
    const kept = [0, 1, 2, 3].flatMap((f) => sensorFile(f, true)).filter((x) => !dropped.includes(x));
    const expected = windowAverages(kept, 5, 5, true);
    const emitted = tables.flatMap((t) => t.rows);
    expect(emitted.length).toBe(27);
    for (const [start, , sensor, n, avg] of emitted) expect([Number(n), avg]).toEqual(expected.get(`${start}|${sensor}`)!);
    const six = emitted.filter((x) => x[3] === "6").map((x) => `${x[0]!.slice(11, 16)} ${x[2]}`).sort();
    expect(six).toEqual(["10:00 sensor-1", "10:05 sensor-3", "10:25 sensor-1"]); // late, but in windows still open

    const summary = r.out.slice(r.out.indexOf("batch | input rows")).split("\n").slice(1, 6).map((l) => l.split("|").map((c) => c.trim()));
    expect(summary).toEqual([
      ["0", "45", "1970-01-01T00:00:00.000Z", "0"],
      ["1", "46", "2024-01-15T10:04:30.000Z", "0"],
      ["2", "46", "2024-01-15T10:19:30.000Z", "0"],
      ["3", "48", "2024-01-15T10:34:30.000Z", "2"],
      ["4", "0", "2024-01-15T10:49:30.000Z", "0"],
    ]);
    expect(r.out).toContain("Late rows dropped in total: 2");
  }, 15_000);

  test("09 ad attribution: a stream-stream left outer join attributes clicks within an hour; unclicked impressions come out with nulls at eviction", () => {
    const r = runSample("09-ad-attribution", 0, { SLUICE_SAMPLE_DIR: join(scratch, "09") });
    expect(r.status).toBe(0);
    const tables = consoleTables(r.out);
    expect(tables.map((t) => t.batch)).toEqual([0, 1, 2, 3, 4]);
    expect(tables[0]!.header).toEqual(["adId", "campaign", "impressionTime", "clickTime"]);
    // Per batch: the ads attributed, and those emitted with a null click (PySpark 4.1.1 gives the same; README).
    const ids = (t: ConsoleTable, clicked: boolean) => t.rows.filter((x) => (x[3] !== "NULL") === clicked).map((x) => Number(x[0])).sort((a, b) => a - b);
    expect(tables.map((t) => ids(t, true))).toEqual([[0, 3, 6, 9, 12], [15, 18, 21, 24, 27], [30, 33, 36, 39, 42], [45, 48, 51, 54, 57], []]);
    expect(tables.map((t) => ids(t, false))).toEqual([[], [], [1, 2, 4, 5, 7, 8, 10, 11], [13, 14, 16, 17, 19, 20, 22, 23, 25, 26],
      [28, 29, 31, 32, 34, 35, 37, 38, 40, 41]]);
    // An attributed click is at most an hour after its impression.
    for (const t of tables) for (const x of t.rows) if (x[3] !== "NULL") expect(Date.parse(x[3]! + "Z") - Date.parse(x[2]! + "Z")).toBe(20 * 60_000);
    const summary = r.out.slice(r.out.indexOf("batch | impressions+clicks")).split("\n").slice(1, 6).map((l) => l.split("|").map((c) => c.trim()));
    expect(summary).toEqual([["0", "20", "20", "0"], ["1", "23", "40", "0"], ["2", "22", "43", "0"], ["3", "25", "46", "0"], ["4", "0", "23", "0"]]);
  }, 30_000);
});

describe("samples 10-12: arbitrary stateful processing", () => {
  const rowsOf = (out: string) => consoleTables(out).map((t) => ({ batch: t.batch, rows: t.rows.map((r) => r.join(" ")).sort() }));

  test("10 sessionization: a session closes after 5 minutes without clicks, or when the user comes back after the gap", () => {
    const r = runSample("10-sessionization", 0, { SLUICE_SAMPLE_DIR: join(scratch, "10s") });
    expect(r.status).toBe(0);
    expect(rowsOf(r.out)).toEqual([
      { batch: 0, rows: [] },
      { batch: 1, rows: ["alice 2024-03-01 10:00:00 2024-03-01 10:04:00 3 [/home, /shoes, /cart]"] },
      { batch: 2, rows: ["bob 2024-03-01 10:01:00 2024-03-01 10:03:00 2 [/home, /shoes]"] },
      { batch: 3, rows: [
        "alice 2024-03-01 10:12:00 2024-03-01 10:13:00 2 [/home, /checkout]",
        "bob 2024-03-01 10:20:00 2024-03-01 10:20:00 1 [/home]",
        "carol 2024-03-01 10:05:00 2024-03-01 10:06:00 2 [/home, /sale]",
      ] },
    ]);
  }, 30_000);

  test("11 fraud rule: three declines of a card within a minute alert once; idle cards leave the state", () => {
    const r = runSample("11-fraud-rule", 0, { SLUICE_SAMPLE_DIR: join(scratch, "11f") });
    expect(r.status).toBe(0);
    expect(rowsOf(r.out).flatMap((t) => t.rows.map((row) => `${t.batch}: ${row}`))).toEqual([
      "1: 4111 2024-03-01 12:00:05 2024-03-01 12:00:50 3",
      "2: 5500 2024-03-01 12:01:45 2024-03-01 12:02:30 3",
    ]);
    expect(r.out).toContain("Cards still watched (state after the last batch): none");
  }, 30_000);

  test("12 silent sensors: a sensor is reported once the watermark passes two minutes after its last reading", () => {
    const r = runSample("12-silent-sensors", 0, { SLUICE_SAMPLE_DIR: join(scratch, "12s") });
    expect(r.status).toBe(0);
    expect(rowsOf(r.out).flatMap((t) => t.rows.map((row) => `${t.batch}: ${row}`))).toEqual([
      "2: sensor-2 2024-03-01 08:02:00 2024-03-01 08:04:30",
      "3: sensor-3 2024-03-01 08:04:00 2024-03-01 08:07:30",
    ]);
  }, 30_000);
});
