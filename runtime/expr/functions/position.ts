// position(substr, str[, pos]): locate under its other name (see locate.ts).
import { locateFunction } from "./locate.ts";

export const fn = locateFunction("position");
export default fn;
