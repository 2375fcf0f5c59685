// equal_null_safe (<=>): like = but never NULL; NULL <=> NULL is true.
import { comparisonFunction } from "../comparison.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = comparisonFunction("equal_null_safe", "<=>");

export default fn;
