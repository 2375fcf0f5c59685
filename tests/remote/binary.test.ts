// Remote mode from the compiled binary: its gRPC worker thread is embedded (scripts/build.ts).
import { beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sparkConnect } from "../../scripts/spark/service.ts";
import { buildTimeoutMs, exec, sluiceBinary } from "../e2e/sluice_binary.ts";

let url: string;
let binary: string;
beforeAll(async () => {
  [url, binary] = await Promise.all([sparkConnect(), sluiceBinary()]);
}, 600_000 + buildTimeoutMs);

test("dist/sluice run --remote runs a pipeline's plans on the Spark Connect server", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-remote-binary-"));
  try {
    const pipeline = join(dir, "pipeline.ts");
    writeFileSync(pipeline, `import { SparkSession, functions as F } from "sluice";
const spark = SparkSession.builder.getOrCreate();
spark.range(5).select(F.sum("id").alias("total"), F.expr("version()").alias("v")).show(1, false);
`);
    const r = await exec([binary, "run", pipeline, "--remote", url]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // version() is Spark's: the plan ran on the server.
    expect(r.stdout).toMatch(/\|10 {3}\|4\.1\.1 [0-9a-f]+\|/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
