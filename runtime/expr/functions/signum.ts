// signum(x) (sign): -1.0, 0.0 or 1.0 as a double (NaN stays NaN, zeros keep their sign).
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("signum", (x) => (x > 0 ? 1 : x < 0 ? -1 : x), undefined, ["sign"]);
export default fn;
