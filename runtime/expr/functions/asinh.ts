// asinh(x): inverse hyperbolic sine, log(x + sqrt(x² + 1)) as Spark computes it (-Infinity stays).
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("asinh", (x) => (x === -Infinity ? -Infinity : Math.log(x + Math.sqrt(x * x + 1))));
export default fn;
