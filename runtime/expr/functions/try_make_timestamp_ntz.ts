// try_make_timestamp_ntz(year, month, day, hour, min, sec…): see make_timestamp.ts.
import { makeTimestampFunction } from "./make_timestamp.ts";

export const fn = makeTimestampFunction("try_make_timestamp_ntz");
export default fn;
