// year(date): the proleptic Gregorian year.
import { yearOfDays } from "../datetime/civil_date.ts";
import { dateFieldFunction } from "./date_field_function.ts";

export const fn = dateFieldFunction("year", yearOfDays);
export default fn;
