// startswith(left, right): see string_predicate.ts.
import { stringPredicate } from "./string_predicate.ts";

export const fn = stringPredicate("startswith");
export default fn;
