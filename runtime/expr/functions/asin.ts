// asin(x): arc sine in radians (NaN outside [-1, 1]).
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("asin", Math.asin);
export default fn;
