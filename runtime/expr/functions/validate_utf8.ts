// validate_utf8(str): see utf8_validity.ts.
import { utf8Function } from "./utf8_validity.ts";

export const fn = utf8Function("validate_utf8");
export default fn;
