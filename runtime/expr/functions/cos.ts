// cos(x): cosine of x radians.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("cos", Math.cos);
export default fn;
