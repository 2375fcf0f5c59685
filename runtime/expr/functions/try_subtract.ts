// try_subtract(a, b): a - b, or NULL where the operator would fail.
import type { ScalarFunction } from "../function_def.ts";
import { fn as base } from "./subtract.ts";
import { tryFunction } from "./try_add.ts";

export const fn: ScalarFunction = tryFunction("try_subtract", base);

export default fn;
