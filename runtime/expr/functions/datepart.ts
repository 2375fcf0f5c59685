// datepart(field, source): extract under another name (see extract.ts).
import { extractFunction } from "./extract.ts";

export const fn = extractFunction("datepart");
export default fn;
