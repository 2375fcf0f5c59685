// radians(x): degrees to radians (Math.toRadians).
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("radians", (x) => x * (Math.PI / 180));
export default fn;
