// Kafka throughput, Sluice against PySpark 4.1.1 (local[2], spark-sql-kafka from Maven Central) on
// the same topic in the same run, each side in a process of its own, runs alternating
// (Sluice, PySpark, Sluice, PySpark, …), medians and peak RSS:
//   query  1 M JSON order records in 4 partitions → from_json → 1-minute watermark → 5-minute
//          windowed revenue per category, update mode into a memory table, availableNow with
//          250 000 records per trigger (scripts/bench/kafka-throughput-side.ts, kafka_throughput.py)
//   sink   the same records' keys and values written to another topic (the Kafka sink), 250 000
//          records per trigger
//
//   bun scripts/bench/kafka-throughput.ts [records=1000000] [runs=3] [maxOffsetsPerTrigger=250000]
//
// Starts a throwaway broker (scripts/kafka) unless SLUICE_KAFKA_BOOTSTRAP points at one; needs
// python3 with pyspark 4.1.1 and Java 17. Last line: one JSON object.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { orderEvents, produceEvents } from "../../samples/kafka-to-postgres/generate.ts";
import { kafkaBroker } from "../kafka/service.ts";

const records = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const maxOffsetsPerTrigger = Number(process.argv[4] ?? 250_000);
const root = resolve(import.meta.dir, "../..");
const bun = process.execPath;

interface SideResult {
  seconds: number;
  records: number;
  recordsPerSecond: number;
  peakRssMb: number;
  outputRows: number;
  sinkRecordsPerSecond?: number;
}

const broker = await kafkaBroker();
const topic = `bench-throughput-${Date.now()}`;
const t0 = performance.now();
await produceEvents(broker.bootstrap, topic, orderEvents(records), 4);
console.log(`produced ${records} records to ${topic} (4 partitions) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

function side(command: string, args: string[]): SideResult {
  const r = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 64 << 20, timeout: 30 * 60_000 });
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  if (r.status !== 0 || !last.startsWith("{")) {
    console.error(r.stdout.slice(-2000), r.stderr.slice(-4000));
    throw new Error(`${command} ${args.join(" ")} failed (exit ${r.status})`);
  }
  return JSON.parse(last) as SideResult;
}
const sluice = (mode: string, extra: string) =>
  side(bun, [join(root, "scripts/bench/kafka-throughput-side.ts"), mode, broker.bootstrap, topic, String(records), extra]);
const pyspark = (mode: string, extra: string) =>
  side("python3", [join(root, "scripts/bench/kafka_throughput.py"), mode, broker.bootstrap, topic, String(records), extra]);

// The first PySpark run fetches spark-sql-kafka into the Ivy cache: not timed.
if (!existsSync(join(homedir(), ".ivy2.5.2", "jars", "org.apache.spark_spark-sql-kafka-0-10_2.13-4.1.1.jar")) &&
  !existsSync(join(homedir(), ".ivy2", "jars", "org.apache.spark_spark-sql-kafka-0-10_2.13-4.1.1.jar"))) {
  console.log("warming up PySpark (fetching spark-sql-kafka)");
  pyspark("query", String(maxOffsetsPerTrigger));
}

const results: Record<string, SideResult[]> = { sluiceQuery: [], pysparkQuery: [], sluiceSink: [], pysparkSink: [] };
for (let run = 0; run < runs; run++) {
  const s = sluice("query", String(maxOffsetsPerTrigger));
  const p = pyspark("query", String(maxOffsetsPerTrigger));
  if (s.outputRows !== p.outputRows) throw new Error(`the two sides disagree: Sluice ${s.outputRows} output rows, PySpark ${p.outputRows}`);
  results.sluiceQuery!.push(s);
  results.pysparkQuery!.push(p);
  results.sluiceSink!.push(sluice("sink", `${topic}-sluice-${run}`));
  results.pysparkSink!.push(pyspark("sink", `${topic}-pyspark-${run}`));
  console.log(`run ${run + 1}: query Sluice ${s.seconds} s, PySpark ${p.seconds} s; sink Sluice ${results.sluiceSink!.at(-1)!.seconds} s, PySpark ${results.pysparkSink!.at(-1)!.seconds} s`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const summary = (rs: SideResult[]) => ({
  seconds: median(rs.map((r) => r.seconds)),
  recordsPerSecond: Math.round(median(rs.map((r) => r.recordsPerSecond))),
  peakRssMb: median(rs.map((r) => r.peakRssMb)),
});
const figures = {
  records,
  partitions: 4,
  maxOffsetsPerTrigger,
  runs,
  query: {
    sluice: summary(results.sluiceQuery!),
    pyspark: summary(results.pysparkQuery!),
    ratio: Number((median(results.sluiceQuery!.map((r) => r.recordsPerSecond)) / median(results.pysparkQuery!.map((r) => r.recordsPerSecond))).toFixed(2)),
    outputRows: results.sluiceQuery![0]!.outputRows,
  },
  sink: {
    sluice: { ...summary(results.sluiceSink!), sinkRecordsPerSecond: Math.round(median(results.sluiceSink!.map((r) => r.sinkRecordsPerSecond ?? 0))) },
    pyspark: summary(results.pysparkSink!),
    ratio: Number((median(results.sluiceSink!.map((r) => r.recordsPerSecond)) / median(results.pysparkSink!.map((r) => r.recordsPerSecond))).toFixed(2)),
  },
};
console.log(JSON.stringify(figures));
process.exit(0);
