// month(date): 1-12.
import { monthOfDays } from "../datetime/civil_date.ts";
import { dateFieldFunction } from "./date_field_function.ts";

export const fn = dateFieldFunction("month", monthOfDays);
export default fn;
