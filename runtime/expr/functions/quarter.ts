// quarter(date): 1-4.
import { monthOfDays } from "../datetime/civil_date.ts";
import { dateFieldFunction } from "./date_field_function.ts";

export const fn = dateFieldFunction("quarter", (d) => Math.floor((monthOfDays(d) - 1) / 3) + 1);
export default fn;
