// cosh(x): hyperbolic cosine.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("cosh", Math.cosh);
export default fn;
