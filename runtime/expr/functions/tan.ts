// tan(x): tangent of x radians.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("tan", Math.tan);
export default fn;
