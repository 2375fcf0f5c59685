// The tutorial's e-commerce event generator: user sessions of views, cart adds and purchases,
// written as NDJSON files (one file per "minute" of events), deterministic for a given seed.
// Usage: bun samples/08-ecommerce/generate_events.ts OUT_DIR [files=6] [eventsPerFile=400] [seed=42]
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../../scripts/generate_ecommerce.ts";

export const EVENT_SCHEMA =
  "event_id STRING, user_id STRING, product_id STRING, category STRING, event_type STRING, price DOUBLE, quantity INT, event_time TIMESTAMP";

const CATEGORIES = ["electronics", "books", "clothing", "home", "sports"];
const PRODUCTS_PER_CATEGORY = 8;

export interface GenerateOptions {
  files?: number;
  eventsPerFile?: number;
  seed?: number;
  /** Event time of the first event (ms since epoch). */
  startMs?: number;
  /** Event time covered by one file. */
  fileSpanMs?: number;
}

/** Writes the event files into `dir` (each file written whole, then renamed into place). */
export function generateEvents(dir: string, o: GenerateOptions = {}): string[] {
  const files = o.files ?? 6, perFile = o.eventsPerFile ?? 400;
  const startMs = o.startMs ?? Date.UTC(2024, 0, 15, 10, 0, 0), span = o.fileSpanMs ?? 5 * 60_000;
  const rand = seededRandom(o.seed ?? 42);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  let n = 0;
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    for (let i = 0; i < perFile; i++) {
      const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!;
      const product = `${category.slice(0, 3).toUpperCase()}-${1 + Math.floor(rand() * PRODUCTS_PER_CATEGORY)}`;
      // The funnel narrows: most events are views, fewer cart adds, fewest purchases.
      const r = rand();
      const eventType = r < 0.7 ? "view" : r < 0.9 ? "cart" : "purchase";
      const t = startMs + f * span + Math.floor(rand() * span);
      lines.push(JSON.stringify({
        event_id: `e${String(++n).padStart(6, "0")}`,
        user_id: `u${1 + Math.floor(rand() * 50)}`,
        product_id: product,
        category,
        event_type: eventType,
        price: Math.round((5 + rand() * 495) * 100) / 100,
        quantity: eventType === "purchase" ? 1 + Math.floor(rand() * 3) : 1,
        event_time: new Date(t).toISOString(),
      }));
    }
    const base = `events-${String(f).padStart(3, "0")}.json`;
    // A hidden temp name: streaming file sources skip names starting with "." until the rename.
    const tmp = join(dir, `.${base}.tmp`), name = join(dir, base);
    writeFileSync(tmp, lines.join("\n") + "\n");
    renameSync(tmp, name);
    written.push(name);
  }
  return written;
}

if (import.meta.main) {
  const [out, files, perFile, seed] = process.argv.slice(2);
  if (!out) {
    console.error("usage: generate_events.ts OUT_DIR [files=6] [eventsPerFile=400] [seed=42]");
    process.exit(2);
  }
  const written = generateEvents(out, { files: Number(files ?? 6), eventsPerFile: Number(perFile ?? 400), seed: Number(seed ?? 42) });
  console.log(`wrote ${written.length} files to ${out}`);
}
