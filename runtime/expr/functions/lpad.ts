// lpad(str, len[, pad]): see pad.ts.
import { padFunction } from "./pad.ts";

export const fn = padFunction("lpad");
export default fn;
