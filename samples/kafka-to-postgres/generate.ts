// Deterministic order events for the kafka-to-postgres sample, as JSON text: event time moves
// forward 100 ms per event with up to 20 s of disorder (well inside the pipeline's 1-minute
// watermark, so no event is ever late whatever the batch boundaries), and every 1000th message is
// not JSON at all (from_json gives nulls for it; the pipeline drops those rows).
//
//   bun samples/kafka-to-postgres/generate.ts BOOTSTRAP TOPIC [COUNT] [PARTITIONS]
import { Admin, Producer } from "@platformatic/kafka";

export const CATEGORIES = ["books", "electronics", "garden", "kitchen", "toys"];
/** 2024-01-01T00:00:00Z */
const START_MS = 1_704_067_200_000;
const STEP_MS = 100;
const MAX_DISORDER_MS = 20_000;

export interface OrderEvent {
  order_id: number;
  category: string;
  /** Cents, so sums are exact. */
  amountCents: number;
  timeMs: number;
}

/** A small deterministic pseudo-random sequence (xorshift32). */
function random(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export function orderEvents(count: number, seed = 42): OrderEvent[] {
  const next = random(seed);
  const out: OrderEvent[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      order_id: i,
      category: CATEGORIES[Math.floor(next() * CATEGORIES.length)]!,
      amountCents: 100 + Math.floor(next() * 49_900),
      timeMs: START_MS + i * STEP_MS - Math.floor(next() * MAX_DISORDER_MS),
    });
  }
  return out;
}

/** The message text of event i: JSON, or garbage for every 1000th. */
export function messageOf(e: OrderEvent): string {
  if (e.order_id % 1000 === 999) return `{"order_id": ${e.order_id}, broken`;
  const amount = `${Math.floor(e.amountCents / 100)}.${String(e.amountCents % 100).padStart(2, "0")}`;
  return `{"order_id":${e.order_id},"category":"${e.category}","amount":${amount},"ts":"${new Date(e.timeMs).toISOString()}"}`;
}

/** What the pipeline must end with: revenue (cents) and orders per 5-minute window and category. */
export function expectedRevenue(events: OrderEvent[]): Map<string, { revenueCents: number; orders: number }> {
  const out = new Map<string, { revenueCents: number; orders: number }>();
  for (const e of events) {
    if (e.order_id % 1000 === 999) continue;
    const windowStart = Math.floor(e.timeMs / 300_000) * 300_000;
    const key = `${new Date(windowStart).toISOString()}|${e.category}`;
    const v = out.get(key) ?? { revenueCents: 0, orders: 0 };
    v.revenueCents += e.amountCents;
    v.orders++;
    out.set(key, v);
  }
  return out;
}

/** Creates the topic (if missing) and produces the events, spread over the partitions by order id. */
export async function produceEvents(bootstrap: string, topic: string, events: OrderEvent[], partitions = 4): Promise<void> {
  const base = { clientId: "sluice-sample-generator", bootstrapBrokers: [bootstrap] };
  const admin = new Admin(base);
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) await admin.createTopics({ topics: [topic], partitions, replicas: 1 });
    for (let i = 0; i < 100; i++) {
      const md = await admin.metadata({ topics: [topic], forceUpdate: true }).catch(() => undefined);
      if (md?.topics.get(topic)?.partitions.every((p) => p.leader >= 0)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await admin.close();
  }
  const producer = new Producer({ ...base, idempotent: true });
  try {
    const chunk = 10_000;
    for (let i = 0; i < events.length; i += chunk) {
      await producer.send({
        acks: -1,
        messages: events.slice(i, i + chunk).map((e) => ({
          topic,
          key: Buffer.from(String(e.order_id)),
          value: Buffer.from(messageOf(e)),
          partition: e.order_id % partitions,
          timestamp: BigInt(e.timeMs),
        })),
      });
    }
  } finally {
    await producer.close();
  }
}

if (import.meta.main) {
  const [bootstrap, topic, count = "20000", partitions = "4"] = process.argv.slice(2);
  if (!bootstrap || !topic) {
    console.error("usage: bun samples/kafka-to-postgres/generate.ts BOOTSTRAP TOPIC [COUNT] [PARTITIONS]");
    process.exit(2);
  }
  await produceEvents(bootstrap, topic, orderEvents(Number(count)), Number(partitions));
  console.log(`produced ${count} events to ${topic}`);
}
