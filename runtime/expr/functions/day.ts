// day(date): the same as dayofmonth(), under its own name (Spark keeps the alias in column names).
import { dayOfMonthOfDays } from "../datetime/civil_date.ts";
import { dateFieldFunction } from "./date_field_function.ts";

export const fn = dateFieldFunction("day", dayOfMonthOfDays);
export default fn;
