// hour(ts): hour of the day (0-23) in the session time zone.
import { MICROS_PER_HOUR } from "../datetime/civil_date.ts";
import { timeFieldFunction } from "./time_field_function.ts";

export const fn = timeFieldFunction("hour", (t) => Math.floor(t / MICROS_PER_HOUR));
export default fn;
