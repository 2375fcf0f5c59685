// not_equal (!=, <>): NOT (a = b).
import { comparisonFunction } from "../comparison.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = comparisonFunction("not_equal", "!=");

export default fn;
