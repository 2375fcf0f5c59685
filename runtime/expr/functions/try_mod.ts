// try_mod(a, b): a % b (NULL for a zero divisor), or NULL where the operator would fail.
import type { ScalarFunction } from "../function_def.ts";
import { fn as base } from "./remainder.ts";
import { tryFunction } from "./try_add.ts";

export const fn: ScalarFunction = tryFunction("try_mod", base);

export default fn;
