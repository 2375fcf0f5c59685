// acosh(x): inverse hyperbolic cosine, log(x + sqrt(x² - 1)) as Spark computes it.
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("acosh", (x) => Math.log(x + Math.sqrt(x * x - 1)));
export default fn;
