// a & b: bitwise on integral types; the result has the operands' type.
import { bitwiseFunction } from "../bitwise.ts";
import type { ScalarFunction } from "../function_def.ts";

export const fn: ScalarFunction = bitwiseFunction("bitwise_and", "&");

export default fn;
