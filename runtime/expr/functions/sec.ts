// sec(x): secant, 1 / cos(x).
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("sec", (x) => 1 / Math.cos(x));
export default fn;
