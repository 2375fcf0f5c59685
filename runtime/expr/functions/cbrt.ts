// cbrt(x): cube root.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("cbrt", Math.cbrt);
export default fn;
