// second(ts): second of the minute (0-59); the fraction is dropped.
import { MICROS_PER_SECOND } from "../datetime/civil_date.ts";
import { timeFieldFunction } from "./time_field_function.ts";

export const fn = timeFieldFunction("second", (t) => Math.floor(t / MICROS_PER_SECOND) % 60);
export default fn;
