// tanh(x): hyperbolic tangent.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("tanh", Math.tanh);
export default fn;
