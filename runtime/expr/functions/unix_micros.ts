// unix_micros(ts): whole microseconds since the epoch (rounded down).
import { unixTimeIn } from "./unix_time_units.ts";

export const fn = unixTimeIn("unix_micros", 1);
export default fn;
