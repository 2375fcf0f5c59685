// The sample end to end against a real broker and database, with crashes: the pipeline is SIGKILLed
// at random moments several times and restarted each time; the final table must equal the table of
// an uninterrupted run over the same events (and the totals computed here): nothing lost, nothing
// doubled.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import postgres from "postgres";
import { kafkaBroker } from "../../scripts/kafka/service.ts";
import { postgresServer } from "../../scripts/postgres/service.ts";
import { expectedRevenue, orderEvents, produceEvents } from "./generate.ts";

const root = resolve(import.meta.dir, "../..");
const EVENTS = 20_000;
const KILLS = 3;
const HOOK_TIMEOUT_MS = 240_000;

let bootstrap = "";
let url = "";
let sql: postgres.Sql;
const topic = `orders-${process.pid}`;
const work = mkdtempSync(join(tmpdir(), "sluice-kafka-to-postgres-"));
const events = orderEvents(EVENTS);

beforeAll(async () => {
  const [broker, db] = await Promise.all([kafkaBroker(), postgresServer()]);
  bootstrap = broker.bootstrap;
  url = db.url;
  sql = postgres(url, { max: 1, onnotice: () => {} });
  await produceEvents(bootstrap, topic, events, 4);
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await sql?.end({ timeout: 1 });
  rmSync(work, { recursive: true, force: true });
});

function start(table: string) {
  return Bun.spawn([process.execPath, join(root, "runtime/main.ts"), "run", join(import.meta.dir, "pipeline.ts")], {
    cwd: root,
    env: {
      ...process.env,
      KAFKA_BOOTSTRAP: bootstrap,
      KAFKA_TOPIC: topic,
      POSTGRES_URL: url,
      POSTGRES_TABLE: table,
      CHECKPOINT: join(work, `checkpoint-${table}`),
      MAX_OFFSETS_PER_TRIGGER: "1000",
      AVAILABLE_NOW: "1",
    },
    stdout: "pipe",
    stderr: "pipe",
  });
}

async function runToEnd(table: string): Promise<void> {
  const p = start(table);
  const status = await p.exited;
  if (status !== 0) throw new Error(`pipeline exited ${status}: ${await new Response(p.stderr).text()}`);
}

const tableRows = async (table: string) =>
  (await sql.unsafe(`SELECT window_start, category, revenue::text AS revenue, orders::int AS orders FROM ${table} ORDER BY window_start, category`))
    .map((r) => [(r.window_start as Date).toISOString(), r.category, r.revenue, r.orders]);

test(`SIGKILLed ${KILLS} times and restarted, the table equals an uninterrupted run`, async () => {
  const t0 = Date.now();
  await runToEnd("revenue_straight");
  const straightMs = Date.now() - t0;

  const kills: number[] = [];
  for (let i = 0; i < KILLS; i++) {
    const p = start("revenue_killed");
    // Somewhere between start-up and well before an uninterrupted run would end.
    const delay = Math.round(300 + Math.random() * Math.max(0, straightMs * 0.6 - 300));
    const finished = await Promise.race([p.exited.then(() => true), Bun.sleep(delay).then(() => false)]);
    if (finished) continue; // it was faster this time; the next start resumes from the checkpoint anyway
    p.kill("SIGKILL");
    await p.exited;
    kills.push(delay);
  }
  await runToEnd("revenue_killed");
  console.log(`killed after ${kills.join(", ")} ms (an uninterrupted run took ${straightMs} ms)`);
  expect(kills.length).toBeGreaterThan(0);

  const straight = await tableRows("revenue_straight");
  const killed = await tableRows("revenue_killed");
  expect(killed).toEqual(straight);
  const expected = [...expectedRevenue(events)].map(([key, v]) => {
    const [windowStart, category] = key.split("|");
    return [windowStart, category, `${Math.floor(v.revenueCents / 100)}.${String(v.revenueCents % 100).padStart(2, "0")}`, v.orders];
  }).sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
  expect(straight).toEqual(expected);
}, 180_000);
