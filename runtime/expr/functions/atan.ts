// atan(x): arc tangent in radians.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("atan", Math.atan);
export default fn;
