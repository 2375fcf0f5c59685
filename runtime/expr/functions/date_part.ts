// date_part(field, source): extract under another name (see extract.ts).
import { extractFunction } from "./extract.ts";

export const fn = extractFunction("date_part");
export default fn;
