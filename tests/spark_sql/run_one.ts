// Child process entry: runs one test file and prints its FileReport as JSON on stdout. Each file
// runs in its own process so a query that hangs or crashes the runtime costs only that file.
import { sparkSqlTestsDir } from "./spark_tests_jar.ts";
import { readTestFile } from "./test_file.ts";
import { runTestFile } from "./run_test_file.ts";

const name = process.argv[2];
if (!name) {
  process.stderr.write("usage: bun tests/spark_sql/run_one.ts INPUT_FILE (relative to sql-tests/inputs)\n");
  process.exit(2);
}
const dir = sparkSqlTestsDir();
const report = runTestFile(dir, readTestFile(dir, name));
process.stdout.write(JSON.stringify(report) + "\n");
