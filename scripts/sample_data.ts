// The tutorial's sample data set-up: the transaction files (samples 03 and 04), the sensor readings
// (samples 06 and 07) and the e-commerce events (sample 08). Everything is deterministic: file N of
// a data set always holds the same rows, so files added later (--from, or scripts/file_simulator.ts)
// carry on the same sequence. Each file is written under a hidden name and renamed into place, so a
// streaming file source never sees half a file.
//
//   bun scripts/sample_data.ts transactions DIR [--from 0] [--files 3] [--rows 10] [--format json|csv]
//   bun scripts/sample_data.ts sensors DIR [--files 3] [--no-late]
//   bun scripts/sample_data.ts ecommerce DIR [--files 6] [--rows 400]
//   bun scripts/sample_data.ts all DIR        (DIR/transactions, DIR/sensors, DIR/ecommerce)
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { generateEvents } from "../samples/08-ecommerce/generate_events.ts";
import { seededRandom } from "./generate_ecommerce.ts";

// ---- transactions ----

export const TRANSACTION_SCHEMA =
  "transaction_id STRING, customer_id STRING, amount DECIMAL(10,2), category STRING, payment_method STRING, timestamp TIMESTAMP";

export interface Transaction {
  transaction_id: string;
  customer_id: string;
  /** In cents, so sums are exact; negative for a refund. */
  amountCents: number;
  category: string;
  payment_method: string;
  /** ISO-8601, UTC. */
  timestamp: string;
}

export const TRANSACTION_CATEGORIES = ["books", "clothing", "electronics", "groceries", "home"];
const PAYMENT_METHODS = ["card", "card", "card", "paypal", "cash"];
/** Typical price range per category, in cents. */
const PRICE_RANGE: Record<string, [number, number]> = {
  books: [500, 6000],
  clothing: [1500, 15000],
  electronics: [5000, 120000],
  groceries: [300, 9000],
  home: [1000, 40000],
};
/** File 0 starts at this time; each file covers ten minutes. */
const TRANSACTIONS_START_MS = Date.UTC(2024, 0, 15, 9, 0, 0);
const FILE_SPAN_MS = 10 * 60_000;

/** The rows of transaction file `index` (the same for a given index and row count, whenever asked). */
export function transactionFile(index: number, rows = 10): Transaction[] {
  const rand = seededRandom(1000 + index);
  const out: Transaction[] = [];
  for (let i = 0; i < rows; i++) {
    const category = TRANSACTION_CATEGORIES[Math.floor(rand() * TRANSACTION_CATEGORIES.length)]!;
    const [lo, hi] = PRICE_RANGE[category]!;
    let cents = lo + Math.floor(rand() * (hi - lo));
    // About one in twelve is a refund of an earlier purchase.
    if (rand() < 0.08) cents = -cents;
    out.push({
      transaction_id: `TXN-${String(index * rows + i + 1).padStart(6, "0")}`,
      customer_id: `CUST-${String(1 + Math.floor(rand() * 20)).padStart(3, "0")}`,
      amountCents: cents,
      category,
      payment_method: PAYMENT_METHODS[Math.floor(rand() * PAYMENT_METHODS.length)]!,
      timestamp: new Date(TRANSACTIONS_START_MS + index * FILE_SPAN_MS + Math.floor((i * FILE_SPAN_MS) / rows)).toISOString(),
    });
  }
  return out;
}

/** "12.50" for 1250, "-3.05" for -305. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export type TransactionFormat = "json" | "csv";

export function transactionText(rows: readonly Transaction[], format: TransactionFormat): string {
  if (format === "csv") {
    const lines = ["transaction_id,customer_id,amount,category,payment_method,timestamp"];
    for (const t of rows) lines.push(`${t.transaction_id},${t.customer_id},${formatCents(t.amountCents)},${t.category},${t.payment_method},${t.timestamp}`);
    return lines.join("\n") + "\n";
  }
  return rows.map((t) =>
    `{"transaction_id":"${t.transaction_id}","customer_id":"${t.customer_id}","amount":${formatCents(t.amountCents)},"category":"${t.category}","payment_method":"${t.payment_method}","timestamp":"${t.timestamp}"}`
  ).join("\n") + "\n";
}

export function transactionFileName(index: number, format: TransactionFormat): string {
  return `transactions-${String(index).padStart(3, "0")}.${format}`;
}

export interface TransactionFilesOptions {
  /** Index of the first file to write. */
  from?: number;
  files?: number;
  rows?: number;
  format?: TransactionFormat;
}

/** Writes transaction files `from` … `from + files - 1` into `dir`; returns their paths. */
export function writeTransactionFiles(dir: string, o: TransactionFilesOptions = {}): string[] {
  const from = o.from ?? 0, files = o.files ?? 3, rows = o.rows ?? 10, format = o.format ?? "json";
  const written: string[] = [];
  for (let i = from; i < from + files; i++) {
    written.push(writeFileAtomically(dir, transactionFileName(i, format), transactionText(transactionFile(i, rows), format)));
  }
  return written;
}

// ---- sensor readings ----

export const SENSOR_SCHEMA = "sensor_id STRING, temperature DOUBLE, humidity DOUBLE, timestamp TIMESTAMP";

export interface SensorReading {
  sensor_id: string;
  temperature: number;
  humidity: number;
  /** ISO-8601, UTC. */
  timestamp: string;
}

export const SENSORS = ["sensor-1", "sensor-2", "sensor-3"];
/** File 0 starts at this time; each file covers fifteen minutes. */
export const SENSORS_START_MS = Date.UTC(2024, 0, 15, 10, 0, 0);
const SENSOR_FILE_SPAN_MS = 15 * 60_000;

/**
 * Readings that reach the files late, long after their event time: file index -> readings. Sample 07
 * reads one file per batch with a 10-minute watermark and 5-minute windows; as in Spark (3.4 and
 * later), batch N drops a row when its window ended at or before the watermark of batch N - 1, and
 * emits (append mode) the windows that end at or before its own watermark:
 * - file 1 (batch 1, rows checked against 1970-01-01, batch 0's watermark): sensor-1 at 10:03:10
 *   is kept, its window 10:00-10:05 is still open;
 * - file 2 (batch 2, checked against 10:04:30): sensor-3 at 10:07:00 is kept although batch 2's own
 *   watermark is 10:19:30; its window 10:05-10:10 is then emitted in that same batch;
 * - file 3 (batch 3, checked against 10:19:30): sensor-2 at 10:08:40 and sensor-3 at 10:13:20 are
 *   dropped (their windows ended by 10:15), sensor-1 at 10:27:50 is kept (window 10:25-10:30).
 */
export const LATE_READINGS: Record<number, SensorReading[]> = {
  1: [{ sensor_id: "sensor-1", temperature: 30.5, humidity: 41.0, timestamp: "2024-01-15T10:03:10.000Z" }],
  2: [{ sensor_id: "sensor-3", temperature: 31.0, humidity: 52.5, timestamp: "2024-01-15T10:07:00.000Z" }],
  3: [
    { sensor_id: "sensor-2", temperature: 35.0, humidity: 38.5, timestamp: "2024-01-15T10:08:40.000Z" },
    { sensor_id: "sensor-3", temperature: 12.0, humidity: 70.0, timestamp: "2024-01-15T10:13:20.000Z" },
    { sensor_id: "sensor-1", temperature: 29.5, humidity: 42.0, timestamp: "2024-01-15T10:27:50.000Z" },
  ],
};

/**
 * Sensor file `index`: one reading a minute from each sensor over its fifteen minutes (sensor-N at
 * 15 * (N - 1) seconds past the minute), then, with `late`, the late readings of LATE_READINGS.
 */
export function sensorFile(index: number, late = true): SensorReading[] {
  const rand = seededRandom(2000 + index);
  const out: SensorReading[] = [];
  for (let minute = 0; minute < 15; minute++) {
    SENSORS.forEach((sensor, s) => {
      // One decimal, around a per-sensor base that drifts slowly.
      const base = 20 + 2 * s + (index * 15 + minute) * 0.05;
      out.push({
        sensor_id: sensor,
        temperature: Math.round((base + (rand() - 0.5) * 2) * 10) / 10,
        humidity: Math.round((45 + s * 5 + (rand() - 0.5) * 10) * 10) / 10,
        timestamp: new Date(SENSORS_START_MS + index * SENSOR_FILE_SPAN_MS + minute * 60_000 + s * 15_000).toISOString(),
      });
    });
  }
  if (late) out.push(...(LATE_READINGS[index] ?? []));
  return out;
}

export function sensorFileName(index: number): string {
  return `readings-${String(index).padStart(3, "0")}.json`;
}

export function sensorText(rows: readonly SensorReading[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
}

export interface SensorFilesOptions {
  from?: number;
  files?: number;
  /** Add the late readings (default true). */
  late?: boolean;
}

export function writeSensorFiles(dir: string, o: SensorFilesOptions = {}): string[] {
  const from = o.from ?? 0, files = o.files ?? 3;
  const written: string[] = [];
  for (let i = from; i < from + files; i++) written.push(writeFileAtomically(dir, sensorFileName(i), sensorText(sensorFile(i, o.late ?? true))));
  return written;
}

// ---- shared ----

/** Writes `name` in `dir` as a hidden file first, then renames it, so readers never see it partly written. */
export function writeFileAtomically(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${name}.tmp`), path = join(dir, name);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return path;
}

function main(): void {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      from: { type: "string", default: "0" },
      files: { type: "string" },
      rows: { type: "string" },
      format: { type: "string", default: "json" },
      "no-late": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  const [kind, dir] = positionals;
  const usage = "usage: bun scripts/sample_data.ts transactions|sensors|ecommerce|all DIR [--from N] [--files N] [--rows N] [--format json|csv] [--no-late]\n";
  if (values.help) return void process.stdout.write(usage);
  if (!kind || !dir || !["transactions", "sensors", "ecommerce", "all"].includes(kind)) {
    process.stderr.write(usage);
    process.exit(2);
  }
  const count = (v: string | undefined, fallback: number, name: string) => {
    const n = Number(v ?? fallback);
    if (!Number.isInteger(n) || n < 0) {
      process.stderr.write(`--${name} must be a whole number, got '${v}'\n`);
      process.exit(2);
    }
    return n;
  };
  const format = values.format;
  if (format !== "json" && format !== "csv") {
    process.stderr.write(`--format must be json or csv, got '${format}'\n`);
    process.exit(2);
  }
  const from = count(values.from, 0, "from");
  const report = (what: string, paths: string[], where: string) => process.stdout.write(`wrote ${paths.length} ${what} files to ${where}\n`);
  if (kind === "transactions" || kind === "all") {
    const where = kind === "all" ? join(dir, "transactions") : dir;
    report("transaction", writeTransactionFiles(where, { from, files: count(values.files, 3, "files"), rows: count(values.rows, 10, "rows"), format }), where);
  }
  if (kind === "sensors" || kind === "all") {
    const where = kind === "all" ? join(dir, "sensors") : dir;
    report("sensor", writeSensorFiles(where, { from, files: count(values.files, 3, "files"), late: !values["no-late"] }), where);
  }
  if (kind === "ecommerce" || kind === "all") {
    const where = kind === "all" ? join(dir, "ecommerce") : dir;
    report("e-commerce event", generateEvents(where, { files: count(values.files, 6, "files"), eventsPerFile: count(values.rows, 400, "rows") }), where);
  }
}

if (import.meta.main) main();
