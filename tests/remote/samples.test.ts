// The tutorial's samples that use only Spark's own sinks, run with `sluice run --remote URL` on a
// real Spark 4.1.1 Connect server: the pipeline prints exactly what it prints embedded, except the
// console sink's batches, which Spark prints on the server's stdout (its log), as it does for
// PySpark's Connect clients. The suite runs 04-multiple-sinks; scripts/spark/remote-conformance.sh
// (SLUICE_REMOTE_CONFORMANCE=all) runs 08-ecommerce as well.
import { beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sparkConnect, sparkConnectLog } from "../../scripts/spark/service.ts";

const root = join(import.meta.dir, "..", "..");
let url: string;

beforeAll(async () => {
  url = await sparkConnect();
}, 600_000);

function run(sample: string, remote: boolean): string {
  const args = [join(root, "runtime/main.ts"), "run", join(root, "samples", sample, "pipeline.ts"), ...(remote ? ["--remote", url] : [])];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 200_000, env: { ...process.env, SLUICE_SAMPLE_SECONDS: "0" } });
  if (r.status !== 0) throw new Error(`${sample}${remote ? " (remote)" : ""} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const CONSOLE_BATCH = /-{40,}\nBatch: \d+\n-{40,}\n(?:[+|].*\n)*(?:only showing.*\n)?\n?/g;

/** The console sink's batches, each as its sorted table rows. */
function consoleBatches(text: string): string[] {
  return [...text.matchAll(CONSOLE_BATCH)].map((m) => m[0].split("\n").filter((l) => l.startsWith("|")).sort().join("\n"));
}

describe("samples, remote", () => {
  const samples = process.env.SLUICE_REMOTE_CONFORMANCE === "all" ? ["04-multiple-sinks", "08-ecommerce"] : ["04-multiple-sinks"];
  for (const sample of samples) {
    test(`${sample} prints what it prints embedded; its console batches are on the server`, () => {
      const embedded = run(sample, false);
      const logBefore = readFileSync(sparkConnectLog(), "utf8").length;
      const remote = run(sample, true);
      expect(remote).toBe(embedded.replace(CONSOLE_BATCH, ""));
      const serverOut = readFileSync(sparkConnectLog(), "utf8").slice(logBefore);
      expect(consoleBatches(serverOut)).toEqual(consoleBatches(embedded));
    }, 240_000);
  }
});
