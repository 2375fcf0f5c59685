// equal (=): Spark's equality after coercing both sides to a common type; NaN equals NaN, -0.0 equals 0.0.
import { comparisonFunction } from "../comparison.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = comparisonFunction("equal", "=");

export default fn;
