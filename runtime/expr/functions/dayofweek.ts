// dayofweek(date): 1 = Sunday … 7 = Saturday.
import { isoDayOfWeek } from "../datetime/civil_date.ts";
import { dateFieldFunction } from "./date_field_function.ts";

export const fn = dateFieldFunction("dayofweek", (d) => (isoDayOfWeek(d) % 7) + 1);
export default fn;
