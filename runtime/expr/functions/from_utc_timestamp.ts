// from_utc_timestamp(ts, tz): see utc_timestamp.ts.
import { utcShiftFunction } from "./utc_timestamp.ts";

export const fn = utcShiftFunction("from_utc_timestamp");
export default fn;
