// The long fault runs (issue 17), outside CI: the kill -9 matrix with many kills per cell (file
// sinks, stateless and stateful; Kafka -> PostgreSQL). Starts a Kafka broker and a PostgreSQL
// server (scripts/kafka, scripts/postgres), so run it under the heavy lock:
//
//   flock /tmp/sluice-heavy.lock bun tests/faults/long.ts [kills=20]
//
// Prints one summary line per matrix and exits 1 if anything was lost, doubled or changed.
import { killMatrixCell, type KillResult, summary } from "./kill9_files.ts";
import { kafkaPgSummary, killKafkaToPostgres } from "./kill9_kafka_pg.ts";

const kills = Number(process.argv[2] ?? 20);
const results: KillResult[] = [];
for (const format of ["json", "parquet", "csv"] as const) {
  for (const shape of ["stateless", "dedup"] as const) {
    const r = await killMatrixCell(format, shape, kills);
    console.log(`  ${format} ${shape}: ${r.tries} tries, ${r.kills} kills, ${r.lost} lost, ${r.duplicated} duplicated, ${r.wrong} changed`);
    results.push(r);
  }
}
console.log(summary(results));
const kp = await killKafkaToPostgres(20_000, kills);
console.log(kafkaPgSummary(kp));
const bad = results.some((r) => r.lost + r.duplicated + r.wrong > 0) || kp.lost + kp.duplicated + kp.changed > 0;
process.exit(bad ? 1 : 0);
