// less_than_or_equal (<=), with Spark's ordering.
import { comparisonFunction } from "../comparison.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = comparisonFunction("less_than_or_equal", "<=");

export default fn;
