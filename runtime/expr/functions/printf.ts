// printf(fmt, args…): format_string under its other name (see format_string.ts).
import { formatStringFunction } from "./format_string.ts";

export const fn = formatStringFunction("printf");
export default fn;
