// The tutorial's examples in PySpark (samples/NN/pipeline.py), as the tutorial test and its golden
// generator (scripts/goldens/tutorial_pyspark.ts) run them: each example's input, how to run it
// with PySpark's Connect client against a server, and the console sink's batches of a server's
// stdout in a comparable form.
import { spawn } from "node:child_process";
import { readdirSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { writeSensorFiles, writeTransactionFiles } from "../../scripts/sample_data.ts";
import { generateEvents } from "../../samples/08-ecommerce/generate_events.ts";

export const repoRoot = join(import.meta.dir, "..", "..");

/**
 * Files written within one millisecond share a modification time, and a file stream takes them
 * in modification-time order (Spark's and Sluice's): an hour ago plus one second per file, in
 * name order, so that every server batches them alike.
 */
function spreadModificationTimes(dir: string): void {
  const start = Date.now() - 3_600_000;
  readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile()).sort().forEach((n, i) => {
    const t = new Date(start + i * 1000);
    utimesSync(join(dir, n), t, t);
  });
}

function files(dir: string, write: (dir: string) => unknown): void {
  write(dir);
  spreadModificationTimes(dir);
}

/** The examples whose output is determined by their input (files, trigger availableNow). */
export const FILE_EXAMPLES: Record<string, (dir: string) => void> = {
  "03-file-streaming": (dir) => files(join(dir, "input-json"), (d) => writeTransactionFiles(d, { files: 3 })),
  "04-multiple-sinks": (dir) => files(join(dir, "input"), (d) => writeTransactionFiles(d, { files: 4 })),
  "06-windows": (dir) => files(join(dir, "readings"), (d) => writeSensorFiles(d, { files: 3, late: false })),
  "07-watermarking": (dir) => files(join(dir, "readings"), (d) => writeSensorFiles(d, { files: 4, late: true })),
  "08-ecommerce": (dir) => files(join(dir, "input"), (d) => generateEvents(d)),
};

/** Runs samples/<sample>/pipeline.py with PySpark's Connect client against `url`; its stdout. */
export async function runExample(sample: string, url: string, env: Record<string, string> = {}): Promise<string> {
  const child = spawn("python3", [join(repoRoot, "samples", sample, "pipeline.py")], {
    cwd: repoRoot, env: { ...process.env, SPARK_REMOTE: url, ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "", err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`${sample}/pipeline.py exited ${code}:\n${err}`);
  return out;
}

const CONSOLE_BATCH = /-{40,}\nBatch: (\d+)\n-{40,}\n((?:[+|].*\n)*(?:only showing.*\n)?)/g;

/**
 * The console sink's batches in a server's output: each as its id, header and sorted rows (row
 * order within a batch is not defined), the list sorted too (queries print concurrently).
 */
export function consoleBatches(text: string): string[] {
  return [...text.matchAll(CONSOLE_BATCH)].map((m) => {
    const lines = m[2]!.split("\n").filter((l) => l !== "");
    const header = lines.slice(0, 3).join("\n");
    const rest = lines.slice(3).filter((l) => l.startsWith("|")).sort().join("\n");
    const tail = lines.filter((l) => l.startsWith("only showing")).join("\n");
    return `Batch ${m[1]}\n${header}\n${rest}${tail ? `\n${tail}` : ""}`;
  }).sort();
}

/** What one example gives: the client's stdout and the server's console batches. */
export interface ExampleOutput {
  client: string;
  console: string[];
}
