// try_divide(a, b): a / b (NULL for division by zero), or NULL where the operator would fail.
import type { ScalarFunction } from "../function_def.ts";
import { fn as base } from "./divide.ts";
import { tryFunction } from "./try_add.ts";

export const fn: ScalarFunction = tryFunction("try_divide", base);

export default fn;
