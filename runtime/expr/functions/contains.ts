// contains(left, right): see string_predicate.ts.
import { stringPredicate } from "./string_predicate.ts";

export const fn = stringPredicate("contains");
export default fn;
