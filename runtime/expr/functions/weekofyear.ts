// weekofyear(date): ISO-8601 week number (weeks start on Monday, week 1 has the first Thursday).
import { isoWeekOfYear } from "../datetime/civil_date.ts";
import { dateFieldFunction } from "./date_field_function.ts";

export const fn = dateFieldFunction("weekofyear", isoWeekOfYear);
export default fn;
