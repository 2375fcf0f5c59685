// weekday(date): 0 = Monday … 6 = Sunday.
import { isoDayOfWeek } from "../datetime/civil_date.ts";
import { dateFieldFunction } from "./date_field_function.ts";

export const fn = dateFieldFunction("weekday", (d) => isoDayOfWeek(d) - 1);
export default fn;
