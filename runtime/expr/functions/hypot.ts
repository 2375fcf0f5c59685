// hypot(a, b): sqrt(a² + b²) without intermediate overflow.
import { binaryMath } from "./unary_math.ts";

export const fn = binaryMath("hypot", Math.hypot);
export default fn;
