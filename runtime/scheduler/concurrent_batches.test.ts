// Two queries of one session run batches at the same time: each batch's facts (its timestamp for
// current_timestamp(), rand()'s generator, its watermark) travel in the batch's own context, so
// neither query sees the other's, whatever order their batches finish in.
import { afterEach, expect, test } from "bun:test";
import { functions as F, SparkSession } from "sluice";
import { defineSource, type Offset } from "../plugin/contract.ts";
import { ManualClock } from "../testing/manual_clock.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { XorShiftRandom } from "../expr/functions/rand.ts";

const schema = parseSchemaDDL("value BIGINT");

/** A source whose reads wait at a gate the test opens; `reached` resolves when a read waits there. */
class Gate {
  private open!: () => void;
  private arrived!: () => void;
  readonly opened = new Promise<void>((r) => (this.open = r));
  readonly reached = new Promise<void>((r) => (this.arrived = r));
  arrive(): Promise<void> {
    this.arrived();
    return this.opened;
  }
  release(): void {
    this.open();
  }
}

const sessions: SparkSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop();
});

test("two queries of one session: each batch sees its own timestamp and its own rand() sequence", async () => {
  const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
  sessions.push(spark);
  const clock = new ManualClock(1_000_000);
  spark.clock = clock;
  const gates: Record<string, Gate> = { a: new Gate(), b: new Gate() };
  spark.plugins.registry.register(defineSource<{ gate: string }>({
    name: "gated",
    summary: "Three rows, read once the test opens the source's gate (tests only).",
    options: { type: "object", required: ["gate"], properties: { gate: { type: "string" } } },
    schema: () => schema,
    create: (o) => ({
      schema,
      description: `gated[${o.gate}]`,
      latestOffset: (start: Offset) => (start === null ? 1 : start),
      getBatch: async () => {
        await gates[o.gate]!.arrive();
        return [[1], [2], [3]];
      },
    }),
  }), "test");

  const outputs: Record<string, unknown[][]> = {};
  const query = (gate: string) => spark.readStream.format("gated").option("gate", gate).load()
    .select(F.col("value"), F.current_timestamp().alias("now"), F.rand(7).alias("r"))
    .writeStream.foreachBatch((df) => void (outputs[gate] = df.collectRaw().rows)).start();

  const a = query("a");
  await gates.a!.reached; // a's batch 0 is planned at 1 000 000 ms and waits for its rows
  clock.setTime(2_000_000);
  const b = query("b");
  await gates.b!.reached; // b's batch 0 is planned at 2 000 000 ms
  gates.b!.release();
  await b.processAllAvailable();
  gates.a!.release();
  await a.processAllAvailable();

  const seq = new XorShiftRandom(7n);
  const expected = [1, 2, 3].map(() => seq.nextDouble());
  expect(outputs.a).toEqual([1, 2, 3].map((v, i) => [v, 1_000_000_000, expected[i]]));
  expect(outputs.b).toEqual([1, 2, 3].map((v, i) => [v, 2_000_000_000, expected[i]]));
});
