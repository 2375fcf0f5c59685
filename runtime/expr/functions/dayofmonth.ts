// dayofmonth(date): 1-31.
import { dayOfMonthOfDays } from "../datetime/civil_date.ts";
import { dateFieldFunction } from "./date_field_function.ts";

export const fn = dateFieldFunction("dayofmonth", dayOfMonthOfDays);
export default fn;
