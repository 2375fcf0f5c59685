// unix_millis(ts): whole milliseconds since the epoch (rounded down).
import { unixTimeIn } from "./unix_time_units.ts";

export const fn = unixTimeIn("unix_millis", 1000);
export default fn;
