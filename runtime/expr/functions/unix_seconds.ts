// unix_seconds(ts): whole seconds since the epoch (rounded down).
import { unixTimeIn } from "./unix_time_units.ts";

export const fn = unixTimeIn("unix_seconds", 1_000_000);
export default fn;
