// JSON and CSV functions beyond the time list (from_json, to_json, get_json_object live there); mod.ts merges the lists.
import type { ScalarFunction } from "../function_def.ts";
import { fn as jsonArrayLength } from "./json_array_length.ts";
import { fn as jsonObjectKeys } from "./json_object_keys.ts";
import { fn as schemaOfJson } from "./schema_of_json.ts";
import { fn as fromCsv } from "./from_csv.ts";
import { fn as schemaOfCsv } from "./schema_of_csv.ts";
import { fn as toCsv } from "./to_csv.ts";

export const jsonFunctions: ScalarFunction[] = [jsonArrayLength, jsonObjectKeys, schemaOfJson, fromCsv, schemaOfCsv, toCsv];
