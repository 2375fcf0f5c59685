// timestamp_millis(n): the instant n milliseconds after the epoch.
import { timestampFromIntegral } from "./timestamp_from_integral.ts";

export const fn = timestampFromIntegral("timestamp_millis", 1000);
export default fn;
