// The short kill -9 matrix for CI: each file sink format (stateless, and with state) and Kafka ->
// PostgreSQL, killed twice at random moments. tests/faults/long.ts runs the same with 20 kills.
import { afterAll, describe, expect, test } from "bun:test";
import { killMatrixCell, type KillResult, summary } from "./kill9_files.ts";
import { kafkaPgSummary, killKafkaToPostgres } from "./kill9_kafka_pg.ts";

const results: KillResult[] = [];

describe("kill -9 matrix (short)", () => {
  for (const [format, shape] of [["json", "stateless"], ["parquet", "stateless"], ["csv", "dedup"]] as const) {
    test(`${format} sink, ${shape}`, async () => {
      const r = await killMatrixCell(format, shape, 2);
      results.push(r);
      expect({ lost: r.lost, duplicated: r.duplicated, wrong: r.wrong }).toEqual({ lost: 0, duplicated: 0, wrong: 0 });
    }, 120_000);
  }
  afterAll(() => console.log(summary(results)));

  test("Kafka -> PostgreSQL", async () => {
    const r = await killKafkaToPostgres(3000, 2);
    console.log(kafkaPgSummary(r));
    expect({ lost: r.lost, duplicated: r.duplicated, changed: r.changed }).toEqual({ lost: 0, duplicated: 0, changed: 0 });
  }, 300_000);
});
