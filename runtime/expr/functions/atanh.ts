// atanh(x): inverse hyperbolic tangent, (log1p(x) - log1p(-x)) / 2 as Spark computes it.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("atanh", (x) => 0.5 * (Math.log1p(x) - Math.log1p(-x)));
export default fn;
