// now(): current_timestamp() under the name Spark shows in column names.
import type { ScalarFunction } from "../function_def.ts";
import { fn as currentTimestamp } from "./current_timestamp.ts";

export const fn: ScalarFunction = { ...currentTimestamp, name: "now" };
export default fn;
