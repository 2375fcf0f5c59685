// Golden for tests/connect_server/tutorial.test.ts: the tutorial's PySpark examples whose output is
// determined by their input (tests/connect_server/tutorial_examples.ts FILE_EXAMPLES), run by
// PySpark 4.1.1's Connect client against Spark 4.1.1's own Connect server
// (scripts/spark/start-connect.sh, stopped when this script ends): what the client prints and the
// console batches the server prints.
//   bun scripts/goldens/tutorial_pyspark.ts      (about 3 minutes; starts a JVM)
// writes tests/connect_server/tutorial_golden.json.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sparkConnect, sparkConnectLog } from "../spark/service.ts";
import { consoleBatches, type ExampleOutput, FILE_EXAMPLES, repoRoot, runExample } from "../../tests/connect_server/tutorial_examples.ts";

const url = await sparkConnect();
const scratch = mkdtempSync(join(tmpdir(), "sluice-tutorial-golden-"));
const golden: Record<string, ExampleOutput> = {};
try {
  for (const [sample, prepare] of Object.entries(FILE_EXAMPLES)) {
    const dir = join(scratch, sample);
    prepare(dir);
    const before = readFileSync(sparkConnectLog(), "utf8").length;
    const client = await runExample(sample, url, { SLUICE_SAMPLE_DIR: dir });
    golden[sample] = { client, console: consoleBatches(readFileSync(sparkConnectLog(), "utf8").slice(before)) };
    console.log(`${sample}: ${golden[sample]!.console.length} console batches`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
writeFileSync(join(repoRoot, "tests", "connect_server", "tutorial_golden.json"), `${JSON.stringify(golden, null, 1)}\n`);
process.exit(0);
