// The kill -9 matrix for Kafka -> PostgreSQL (issue 17): events with ids beyond 2^53 go through a
// Kafka topic, from_json, and the postgres sink in append mode into a table without a key, so a
// replayed batch would show as duplicate rows. The query is SIGKILLed at random moments and
// restarted until a run ends by itself (availableNow); then the table is compared with the events
// produced: nothing lost, nothing doubled, every id exact (read back as text).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { kafkaBroker } from "../../scripts/kafka/service.ts";
import { postgresServer } from "../../scripts/postgres/service.ts";
import { startSluice } from "./sluice_process.ts";

export interface KafkaPgResult {
  events: number;
  tries: number;
  kills: number;
  lost: number;
  duplicated: number;
  changed: number;
}

const idOf = (i: number) => 9007199254740993n + BigInt(i) * 1000003n;

async function produce(bootstrap: string, topic: string, count: number): Promise<void> {
  const { Admin, Producer } = await import("@platformatic/kafka");
  const base = { clientId: "sluice-faults", bootstrapBrokers: [bootstrap] };
  const admin = new Admin(base);
  try {
    await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
    for (let i = 0; i < 100; i++) {
      const md = await admin.metadata({ topics: [topic], forceUpdate: true }).catch(() => undefined);
      if (md?.topics.get(topic)?.partitions.every((p) => p.leader >= 0)) break;
      await Bun.sleep(50);
    }
  } finally {
    await admin.close();
  }
  const producer = new Producer({ ...base, idempotent: true });
  try {
    const messages = Array.from({ length: count }, (_, i) => ({
      topic, partition: i % 3, value: Buffer.from(`{"id": ${idOf(i)}, "n": ${i}}`),
    }));
    for (let i = 0; i < messages.length; i += 5000) await producer.send({ acks: -1, messages: messages.slice(i, i + 5000) });
  } finally {
    await producer.close();
  }
}

/** Produces `count` events, then runs the query to the end with `kills` SIGKILLs on the way. */
export async function killKafkaToPostgres(count: number, kills: number): Promise<KafkaPgResult> {
  const [broker, db] = await Promise.all([kafkaBroker(), postgresServer()]);
  const topic = `faults-${process.pid}-${Date.now()}`;
  const table = `faults_${process.pid}_${Date.now()}`;
  const dir = mkdtempSync(join(tmpdir(), "sluice-kill9-kafka-pg-"));
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  try {
    await produce(broker.bootstrap, topic, count);
    await sql.unsafe(`CREATE TABLE ${table} (id bigint, n integer)`);
    const pipeline = join(dir, "pipeline.ts");
    writeFileSync(pipeline, `import { functions as F, SparkSession } from "sluice";
const spark = SparkSession.builder.appName("kill9-kafka-pg").getOrCreate();
await spark.readStream.format("kafka").option("kafka.bootstrap.servers", ${JSON.stringify(broker.bootstrap)})
  .option("subscribe", ${JSON.stringify(topic)}).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", ${Math.max(100, Math.floor(count / 20))})
  .load()
  .select(F.from_json(F.col("value").cast("string"), "id BIGINT, n INT").alias("e")).select("e.*")
  .writeStream.format("postgres").option("url", ${JSON.stringify(db.url)}).option("table", ${JSON.stringify(table)}).option("mode", "append")
  .option("checkpointLocation", ${JSON.stringify(join(dir, "checkpoint"))})
  .trigger({ availableNow: true }).start().awaitTermination();
`);
    let tries = 0, killed = 0;
    for (;;) {
      tries++;
      const { proc, done } = startSluice(pipeline);
      if (killed < kills) {
        const ended = await Promise.race([done.then(() => true), Bun.sleep(800 + Math.random() * 3000).then(() => false)]);
        if (!ended) {
          proc.kill(9);
          await done;
          killed++;
          continue;
        }
      }
      const r = await done;
      if (r.code !== 0) throw new Error(`run ${tries} exited ${r.code}:\n${r.stderr}`);
      break;
    }
    const rows = await sql.unsafe(`SELECT id::text AS id, n FROM ${table}`);
    const seen = new Map<string, number>();
    for (const r of rows) seen.set(`${r.id}/${r.n}`, (seen.get(`${r.id}/${r.n}`) ?? 0) + 1);
    const want = new Set(Array.from({ length: count }, (_, i) => `${idOf(i)}/${i}`));
    return {
      events: count, tries, kills: killed,
      lost: [...want].filter((k) => !seen.has(k)).length,
      duplicated: [...seen.values()].reduce((a, c) => a + c - 1, 0),
      changed: [...seen.keys()].filter((k) => !want.has(k)).length,
    };
  } finally {
    await sql.unsafe(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await sql.end({ timeout: 1 });
    rmSync(dir, { recursive: true, force: true });
  }
}

export function kafkaPgSummary(r: KafkaPgResult): string {
  return `kill -9 (Kafka -> PostgreSQL): ${r.events} events, ${r.tries} tries, ${r.kills} kills, ${r.lost} lost, ${r.duplicated} duplicated, ${r.changed} changed`;
}
