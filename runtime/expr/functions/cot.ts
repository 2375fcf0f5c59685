// cot(x): cotangent, 1 / tan(x).
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("cot", (x) => 1 / Math.tan(x));
export default fn;
