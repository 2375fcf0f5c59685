// The function registry: one table for the DataFrame API and SQL, so each function has exactly one
// implementation. Names are case-insensitive, as in Spark.
import type { ScalarFunction } from "../function_def.ts";
import { coreFunctions } from "./core_list.ts";
import { datetimeFunctions } from "./datetime_list.ts";
import { jsonFunctions } from "./json_list.ts";
import { mathFunctions } from "./math_list.ts";
import { miscFunctions } from "./misc_list.ts";
import { stringFunctions } from "./string_list.ts";
import { timeFunctions } from "./time_list.ts";
import { window_time } from "./window_time.ts";

const byName = new Map<string, ScalarFunction>();
for (const f of [...coreFunctions, ...timeFunctions, ...stringFunctions, ...datetimeFunctions, ...mathFunctions, ...jsonFunctions, ...miscFunctions, window_time]) {
  for (const name of [f.name, ...(f.aliases ?? [])]) {
    const key = name.toLowerCase();
    if (byName.has(key) && byName.get(key) !== f) throw new Error(`function ${name} registered twice`);
    byName.set(key, f);
  }
}

export function lookupFunction(name: string): ScalarFunction | undefined {
  return byName.get(name.toLowerCase());
}

export function functionNames(): string[] {
  return [...byName.keys()].sort();
}
