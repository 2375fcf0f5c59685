// minute(ts): minute of the hour (0-59) in the session time zone.
import { MICROS_PER_MINUTE } from "../datetime/civil_date.ts";
import { timeFieldFunction } from "./time_field_function.ts";

export const fn = timeFieldFunction("minute", (t) => Math.floor(t / MICROS_PER_MINUTE) % 60);
export default fn;
