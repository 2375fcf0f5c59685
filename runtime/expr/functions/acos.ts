// acos(x): arc cosine in radians (NaN outside [-1, 1]).
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("acos", Math.acos);
export default fn;
