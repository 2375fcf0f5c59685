// expm1(x): e^x - 1.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("expm1", Math.expm1);
export default fn;
