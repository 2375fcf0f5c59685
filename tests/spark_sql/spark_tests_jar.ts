// Spark's own SQL golden tests come from the spark-sql tests jar on Maven Central, fetched with
// Maven the first time (as scripts/kafka/start.sh fetches the Kafka jars) and extracted under
// .tmp/spark-sql-tests/<version>/: sql-tests/inputs, sql-tests/results and the test-data files
// the suite's tables are loaded from. Nothing of Spark's is committed.
// SLUICE_SPARK_SQL_TESTS=DIR uses an already extracted copy instead.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { zipEntries } from "./zip_entries.ts";

export const SPARK_TESTS_VERSION = "4.1.0";
const ARTIFACT = `org.apache.spark:spark-sql_2.13:${SPARK_TESTS_VERSION}:jar:tests`;
const root = resolve(import.meta.dir, "../..");

/** The directory holding `sql-tests/` and `test-data/`, fetching and extracting them when missing. */
export function sparkSqlTestsDir(): string {
  const given = process.env.SLUICE_SPARK_SQL_TESTS;
  if (given) return given;
  const dir = join(root, ".tmp", "spark-sql-tests", SPARK_TESTS_VERSION);
  const done = join(dir, ".complete");
  if (existsSync(done)) return dir;
  const jarDir = join(root, ".tmp", "spark-sql-tests", "jar");
  mkdirSync(jarDir, { recursive: true });
  const jar = join(jarDir, `spark-sql_2.13-${SPARK_TESTS_VERSION}-tests.jar`);
  if (!existsSync(jar)) {
    process.stderr.write(`fetching ${ARTIFACT} from Maven Central into ${jarDir} (once)\n`);
    execFileSync("mvn", ["-q", "-B", "dependency:copy", `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${jarDir}`], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (!existsSync(jar)) throw new Error(`mvn did not write ${jar} (found: ${readdirSync(jarDir).join(", ")})`);
  }
  rmSync(dir, { recursive: true, force: true });
  for (const e of zipEntries(jar, ["sql-tests/inputs/", "sql-tests/results/", "test-data/postgresql/"])) {
    const to = join(dir, e.name);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, e.data);
  }
  writeFileSync(done, "");
  return dir;
}
