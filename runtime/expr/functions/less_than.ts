// less_than (<): Spark's ordering (NaN largest, strings by code point, arrays and structs element-wise).
import { comparisonFunction } from "../comparison.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = comparisonFunction("less_than", "<");

export default fn;
