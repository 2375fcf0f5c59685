// Spark's own SQL golden tests come from the spark-sql tests jar on Maven Central, fetched with
// Maven the first time (as scripts/kafka/start.sh fetches the Kafka jars) and extracted under
// .tmp/spark-sql-tests/<version>/: sql-tests/inputs, sql-tests/results, the test-data files
// the suite's tables are loaded from, and Spark's error message templates. Nothing of Spark's is committed.
// SLUICE_SPARK_SQL_TESTS=DIR uses an already extracted copy instead.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { zipEntries } from "./zip_entries.ts";

export const SPARK_TESTS_VERSION = "4.1.0";
const ARTIFACT = `org.apache.spark:spark-sql_2.13:${SPARK_TESTS_VERSION}:jar:tests`;
/** Spark's error message templates (error/error-conditions.json), to print the messages Spark gave. */
const COMMON_UTILS = `org.apache.spark:spark-common-utils_2.13:${SPARK_TESTS_VERSION}`;
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
  const jar = fetchJar(jarDir, ARTIFACT, `spark-sql_2.13-${SPARK_TESTS_VERSION}-tests.jar`);
  const utils = fetchJar(jarDir, COMMON_UTILS, `spark-common-utils_2.13-${SPARK_TESTS_VERSION}.jar`);
  rmSync(dir, { recursive: true, force: true });
  const entries = [
    ...zipEntries(jar, ["sql-tests/inputs/", "sql-tests/results/", "test-data/postgresql/"]),
    ...zipEntries(utils, ["error/error-conditions.json"]),
  ];
  for (const e of entries) {
    const to = join(dir, e.name);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, e.data);
  }
  writeFileSync(done, "");
  return dir;
}

function fetchJar(jarDir: string, artifact: string, file: string): string {
  const jar = join(jarDir, file);
  if (existsSync(jar)) return jar;
  process.stderr.write(`fetching ${artifact} from Maven Central into ${jarDir} (once)\n`);
  execFileSync("mvn", ["-q", "-B", "dependency:copy", `-Dartifact=${artifact}`, `-DoutputDirectory=${jarDir}`], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (!existsSync(jar)) throw new Error(`mvn did not write ${jar} (found: ${readdirSync(jarDir).join(", ")})`);
  return jar;
}
