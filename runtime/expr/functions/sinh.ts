// sinh(x): hyperbolic sine.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("sinh", Math.sinh);
export default fn;
