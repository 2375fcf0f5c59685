// Event-to-output latency: Kafka → filter and projection → Kafka, the query in a process of its own
// (scripts/bench/latency-side.ts), records produced at a fixed rate for a fixed time by this
// process, which also consumes the output topic: latency = receipt time − the time the record was
// handed to the producer (carried in the value), one clock. p50, p99 and max per trigger and rate.
//
//   bun scripts/bench/latency.ts [seconds=60] [rates=10000,100000] [modes=default]
//
// Starts a throwaway broker (scripts/kafka) unless SLUICE_KAFKA_BOOTSTRAP points at one. Last
// line: one JSON object.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { Consumer, Producer } from "@platformatic/kafka";
import * as lib from "@platformatic/kafka";
import { kafkaBroker } from "../kafka/service.ts";
import { connectionOf } from "../../plugins/kafka/client.ts";
import { Fetcher } from "../../plugins/kafka/fetcher.ts";
import { readBatchHeaders, recordBytes, RecordCursor } from "../../plugins/kafka/record_batch.ts";
import { RecordSender } from "../../plugins/kafka/record_sender.ts";
import { DEFAULT_TOPIC_WAIT } from "../../plugins/kafka/topic_metadata.ts";
import { createTopic } from "../../plugins/kafka/test_kit.ts";

const seconds = Number(process.argv[2] ?? 60);
const rates = (process.argv[3] ?? "10000,100000").split(",").map(Number);
const modes = (process.argv[4] ?? "default").split(",");
const root = resolve(import.meta.dir, "../..");
const PARTITIONS = 4;
/** How often the producer sends what the rate owes, in ms. */
const TICK_MS = 2;
/** How long to wait for the last records after producing stopped, in ms. */
const DRAIN_MS = 15_000;

const nowMicros = () => (performance.timeOrigin + performance.now()) * 1000;
const silent = { info: () => {}, warn: (m: string) => console.error(m) };

const broker = await kafkaBroker();
const conn = connectionOf(new Map([["bootstrap.servers", broker.bootstrap]]), "sluice-bench-latency", silent);

interface Figures {
  mode: string;
  rate: number;
  produced: number;
  received: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function measure(mode: string, rate: number): Promise<Figures> {
  const input = `latency-in-${mode}-${rate}-${Date.now()}`;
  const output = `latency-out-${mode}-${rate}-${Date.now()}`;
  await createTopic(broker.bootstrap, input, PARTITIONS);
  await createTopic(broker.bootstrap, output, PARTITIONS);

  const side = spawn(process.execPath, [join(root, "scripts/bench/latency-side.ts"), broker.bootstrap, input, output, mode], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((ok, fail) => {
    side.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && ok());
    side.once("exit", (code) => fail(new Error(`the query process exited (${code}) before it was ready`)));
  });

  // The consumer: Sluice's own fetch loop on the output topic, long-polling.
  const consumer = new Consumer({ ...conn.base, groupId: `latency-${Date.now()}` });
  const md = await consumer.metadata({ topics: [output], forceUpdate: true });
  const meta = md.topics.get(output)!;
  const leader = md.brokers.get(meta.partitions[0]!.leader)!;
  const fetcher = new Fetcher(lib, consumer);
  const latencies: number[] = [];
  const next = new Array<number>(PARTITIONS).fill(0);
  let consuming = true;
  const consumed = (async () => {
    while (consuming) {
      const res = await fetcher.fetch({ host: leader.host, port: leader.port }, {
        maxWaitMs: 20,
        minBytes: 1,
        maxBytes: 8 << 20,
        isolationLevel: 0,
        topics: [{ topic: output, topicId: meta.id, partitions: next.map((o, p) => ({ partition: p, currentLeaderEpoch: -1, fetchOffset: o, partitionMaxBytes: 1 << 20 })) }],
      });
      const at = nowMicros();
      for (const t of res.topics) {
        for (const p of t.partitions) {
          for (const h of readBatchHeaders(res.bytes, p.recordsStart, p.recordsEnd)) {
            next[p.partition] = h.baseOffset + h.lastOffsetDelta + 1;
            const r = recordBytes(res.bytes, h);
            const c = new RecordCursor(r.bytes, r.start, r.end, h.count);
            while (c.next()) {
              const text = new TextDecoder().decode(r.bytes.subarray(c.valueStart, c.valueStart + c.valueLength));
              const sent = Number(/"sent":(\d+)/.exec(text)?.[1]);
              latencies.push((at - sent) / 1000);
            }
          }
        }
      }
    }
  })();

  // The producer: a fixed rate, sent every TICK_MS.
  const producer = new Producer({ ...conn.base });
  const sender = new RecordSender(lib, producer, conn, {
    acks: 1, compression: 0, idempotent: false, batchBytes: 256 * 1024, timeoutMs: 30_000, deliveryTimeoutMs: 30_000, topicWait: DEFAULT_TOPIC_WAIT,
  }, silent);
  await sender.open();
  await sender.prepare([input]);
  // A moment for the query to settle before measuring.
  await new Promise((r) => setTimeout(r, 2000));
  const start = performance.now();
  let produced = 0;
  while (performance.now() - start < seconds * 1000) {
    const owed = Math.floor(((performance.now() - start) / 1000) * rate) - produced;
    for (let i = 0; i < owed; i++) {
      const id = produced++;
      sender.add(input, null, String(id), `{"id":${id},"sent":${Math.round(nowMicros())},"pad":"${"x".repeat(40)}"}`, Date.now());
    }
    if (owed > 0) await sender.flush();
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  const drainUntil = performance.now() + DRAIN_MS;
  while (latencies.length < produced && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
  consuming = false;
  await consumed;
  side.kill("SIGTERM");
  await new Promise((r) => side.once("exit", r));
  await Promise.allSettled([producer.close(), consumer.close()]);

  const sorted = Float64Array.from(latencies).sort();
  return {
    mode,
    rate,
    produced,
    received: latencies.length,
    p50Ms: Number(percentile(sorted, 0.5).toFixed(2)),
    p99Ms: Number(percentile(sorted, 0.99).toFixed(2)),
    maxMs: Number((sorted[sorted.length - 1] ?? NaN).toFixed(2)),
  };
}

const results: Figures[] = [];
for (const mode of modes) {
  for (const rate of rates) {
    const f = await measure(mode, rate);
    console.log(`${mode} at ${rate}/s: p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, max ${f.maxMs} ms (${f.received} of ${f.produced} records)`);
    results.push(f);
  }
}
console.log(JSON.stringify({ seconds, partitions: PARTITIONS, results }));
process.exit(0);
