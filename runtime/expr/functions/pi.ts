// pi(): π.
import { constant } from "./constants.ts";

export const fn = constant("pi", Math.PI);
export default fn;
