// try_to_binary(str[, fmt]): to_binary giving NULL for malformed input (see to_binary.ts).
import { toBinaryFunction } from "./to_binary.ts";

export const fn = toBinaryFunction("try_to_binary");
export default fn;
