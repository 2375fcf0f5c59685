// e(): Euler's number.
import { constant } from "./constants.ts";

export const fn = constant("e", Math.E);
export default fn;
