// greater_than (>), with Spark's ordering.
import { comparisonFunction } from "../comparison.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = comparisonFunction("greater_than", ">");

export default fn;
