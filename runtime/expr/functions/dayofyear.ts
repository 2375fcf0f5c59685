// dayofyear(date): 1-366.
import { dayOfYearOfDays } from "../datetime/civil_date.ts";
import { dateFieldFunction } from "./date_field_function.ts";

export const fn = dateFieldFunction("dayofyear", dayOfYearOfDays);
export default fn;
