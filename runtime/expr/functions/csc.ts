// csc(x): cosecant, 1 / sin(x).
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("csc", (x) => 1 / Math.sin(x));
export default fn;
