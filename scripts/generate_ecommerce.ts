// Deterministic e-commerce events for benchmarks and samples: event_time, user_id, product_id,
// category, price, quantity, event_type (view/cart/purchase), written as NDJSON, CSV (with a
// header) and Parquet files. Event times advance through one day from 2024-01-01T00:00:00Z.
// Usage: bun scripts/generate_ecommerce.ts <dir> [events=2000000] [files=20] [formats=json,csv,parquet]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetEncoder } from "../plugins/formats/parquet_encoder.ts";
import { parseSchemaDDL } from "../runtime/types/ddl.ts";

export const ECOMMERCE_DDL =
  "event_time TIMESTAMP, user_id BIGINT, product_id BIGINT, category STRING, price DOUBLE, quantity INT, event_type STRING";
export const ECOMMERCE_SCHEMA = parseSchemaDDL(ECOMMERCE_DDL);

const CATEGORIES = ["electronics", "books", "clothing", "home", "toys", "sports", "beauty", "grocery"];
const EVENT_TYPES = ["view", "view", "view", "view", "view", "view", "cart", "cart", "purchase", "view"];
const START_MS = Date.UTC(2024, 0, 1);

export interface EcommerceEvent {
  /** Epoch milliseconds. */
  eventTimeMs: number;
  userId: number;
  productId: number;
  category: string;
  price: number;
  quantity: number;
  eventType: string;
}

/** mulberry32: a small, fast, seeded PRNG (the same seed gives the same events everywhere). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Events `from` (inclusive) to `to` (exclusive) of the sequence for `seed`. */
export function ecommerceEvents(from: number, to: number, seed = 42): EcommerceEvent[] {
  const rnd = seededRandom(seed + from);
  const out: EcommerceEvent[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    const product = Math.floor(rnd() * 5000);
    out[i - from] = {
      eventTimeMs: START_MS + Math.floor(i * 43.2) + Math.floor(rnd() * 1000),
      userId: 1 + Math.floor(rnd() * 100_000),
      productId: 1 + product,
      category: CATEGORIES[product % CATEGORIES.length]!,
      price: Math.round((5 + (product % 500) + rnd()) * 100) / 100,
      quantity: 1 + Math.floor(rnd() * 4),
      eventType: EVENT_TYPES[Math.floor(rnd() * EVENT_TYPES.length)]!,
    };
  }
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString(); // 2024-01-01T10:00:00.123Z

export function toNdjson(events: readonly EcommerceEvent[]): string {
  let s = "";
  for (const e of events) {
    s += `{"event_time":"${iso(e.eventTimeMs)}","user_id":${e.userId},"product_id":${e.productId},"category":"${e.category}","price":${e.price},"quantity":${e.quantity},"event_type":"${e.eventType}"}\n`;
  }
  return s;
}

export function toCsv(events: readonly EcommerceEvent[]): string {
  let s = "event_time,user_id,product_id,category,price,quantity,event_type\n";
  for (const e of events) s += `${iso(e.eventTimeMs)},${e.userId},${e.productId},${e.category},${e.price},${e.quantity},${e.eventType}\n`;
  return s;
}

export function toParquet(events: readonly EcommerceEvent[]): Uint8Array {
  const rows = events.map((e) => [e.eventTimeMs * 1000, e.userId, e.productId, e.category, e.price, e.quantity, e.eventType]);
  return parquetEncoder("SNAPPY")(rows, ECOMMERCE_SCHEMA);
}

export type EcommerceFormat = "json" | "csv" | "parquet";

/** Writes `events` events split over `files` files per format under `<dir>/<format>/`. */
export function writeEcommerceFiles(dir: string, events: number, files: number, formats: readonly EcommerceFormat[]): void {
  const per = Math.ceil(events / files);
  for (const f of formats) mkdirSync(join(dir, f), { recursive: true });
  for (let i = 0; i < files; i++) {
    const chunk = ecommerceEvents(i * per, Math.min(events, (i + 1) * per));
    const name = `events-${String(i).padStart(4, "0")}`;
    for (const f of formats) {
      if (f === "json") writeFileSync(join(dir, f, `${name}.json`), toNdjson(chunk));
      else if (f === "csv") writeFileSync(join(dir, f, `${name}.csv`), toCsv(chunk));
      else writeFileSync(join(dir, f, `${name}.parquet`), toParquet(chunk));
    }
  }
}

if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: bun scripts/generate_ecommerce.ts <dir> [events=2000000] [files=20] [formats=json,csv,parquet]");
    process.exit(2);
  }
  const events = Number(process.argv[3] ?? 2_000_000);
  const files = Number(process.argv[4] ?? 20);
  const formats = (process.argv[5] ?? "json,csv,parquet").split(",") as EcommerceFormat[];
  writeEcommerceFiles(dir, events, files, formats);
  console.log(`wrote ${events} events in ${files} files per format (${formats.join(", ")}) under ${dir}`);
}
