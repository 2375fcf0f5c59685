// degrees(x): radians to degrees (Math.toDegrees).
import { unaryMath } from "./unary_math.ts";

export const fn = unaryMath("degrees", (x) => x * (180 / Math.PI));
export default fn;
