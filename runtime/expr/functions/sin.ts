// sin(x): sine of x radians.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("sin", Math.sin);
export default fn;
