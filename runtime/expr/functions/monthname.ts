// monthname(date): see day_month_name.ts.
import { nameFunction } from "./day_month_name.ts";

export const fn = nameFunction("monthname");
export default fn;
