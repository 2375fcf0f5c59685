// atan2(y, x): the angle of the point (x, y) in radians.
import { binaryMath } from "./unary_math.ts";

export const fn = binaryMath("atan2", Math.atan2);
export default fn;
