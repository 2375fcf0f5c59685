// timestamp_micros(n): the instant n microseconds after the epoch.
import { timestampFromIntegral } from "./timestamp_from_integral.ts";

export const fn = timestampFromIntegral("timestamp_micros", 1);
export default fn;
