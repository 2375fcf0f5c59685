// log1p(x): ln(1 + x); NULL for x <= -1.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("log1p", Math.log1p, -1);
export default fn;
