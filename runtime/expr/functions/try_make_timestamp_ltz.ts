// try_make_timestamp_ltz(year, month, day, hour, min, sec…): see make_timestamp.ts.
import { makeTimestampFunction } from "./make_timestamp.ts";

export const fn = makeTimestampFunction("try_make_timestamp_ltz");
export default fn;
