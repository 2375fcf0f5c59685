// Writes runtime/api/function_exports.ts: every function of `functions` (F.) as a named export of
// "sluice", so `import { col, lit, when } from "sluice"` works as PySpark's
// `from pyspark.sql.functions import col, lit, when`. Run after adding a function:
//
//   bun scripts/gen_function_exports.ts
//
// runtime/api/function_exports.test.ts fails while the file is out of date.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { functionExportsSource } from "../runtime/api/function_exports_source.ts";

const path = join(import.meta.dir, "..", "runtime", "api", "function_exports.ts");
writeFileSync(path, functionExportsSource());
console.log(`wrote ${path}`);
