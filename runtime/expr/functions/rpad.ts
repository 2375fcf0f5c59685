// rpad(str, len[, pad]): see pad.ts.
import { padFunction } from "./pad.ts";

export const fn = padFunction("rpad");
export default fn;
