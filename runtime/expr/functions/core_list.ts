// The core scalar functions: operators, comparisons, string, regex, collection and math
// functions. functions/mod.ts merges this list with the date/time list into the registry.
import type { ScalarFunction } from "../function_def.ts";
import { fn as abs } from "./abs.ts";
import { fn as add } from "./add.ts";
import { fn as array } from "./array.ts";
import { fn as bitwiseAnd } from "./bitwise_and.ts";
import { fn as bitwiseNot } from "./bitwise_not.ts";
import { fn as bitwiseOr } from "./bitwise_or.ts";
import { fn as bitwiseXor } from "./bitwise_xor.ts";
import { fn as bround } from "./bround.ts";
import { fn as ceil } from "./ceil.ts";
import { fn as concat } from "./concat.ts";
import { fn as concatOp } from "./concat_op.ts";
import { fn as concatWs } from "./concat_ws.ts";
import { fn as div } from "./div.ts";
import { fn as divide } from "./divide.ts";
import { fn as elementAt } from "./element_at.ts";
import { fn as equal } from "./equal.ts";
import { fn as equalNullSafe } from "./equal_null_safe.ts";
import { fn as exp } from "./exp.ts";
import { fn as floor } from "./floor.ts";
import { fn as getFn } from "./get.ts";
import { fn as getItem } from "./get_item.ts";
import { fn as greaterThan } from "./greater_than.ts";
import { fn as greaterThanOrEqual } from "./greater_than_or_equal.ts";
import { fn as greatest } from "./greatest.ts";
import { fn as ilike } from "./ilike.ts";
import { fn as inList } from "./in.ts";
import { fn as initcap } from "./initcap.ts";
import { fn as isNotNull } from "./is_not_null.ts";
import { fn as isNull } from "./is_null.ts";
import { fn as isnan } from "./isnan.ts";
import { fn as least } from "./least.ts";
import { fn as left } from "./left.ts";
import { fn as length } from "./length.ts";
import { fn as lessThan } from "./less_than.ts";
import { fn as lessThanOrEqual } from "./less_than_or_equal.ts";
import { fn as like } from "./like.ts";
import { fn as ln } from "./ln.ts";
import { fn as logFn } from "./log.ts";
import { fn as log10 } from "./log10.ts";
import { fn as log2 } from "./log2.ts";
import { fn as lower } from "./lower.ts";
import { fn as ltrim } from "./ltrim.ts";
import { fn as makeDtInterval } from "./make_dt_interval.ts";
import { fn as makeInterval } from "./make_interval.ts";
import { fn as makeYmInterval } from "./make_ym_interval.ts";
import { fn as mapFn } from "./map.ts";
import { fn as multiply } from "./multiply.ts";
import { fn as namedStruct } from "./named_struct.ts";
import { fn as not } from "./not.ts";
import { fn as notEqual } from "./not_equal.ts";
import { fn as nullif } from "./nullif.ts";
import { fn as octetLength } from "./octet_length.ts";
import { fn as pmod } from "./pmod.ts";
import { fn as pow } from "./pow.ts";
import { fn as rand } from "./rand.ts";
import { fn as randn } from "./randn.ts";
import { fn as regexpExtract } from "./regexp_extract.ts";
import { fn as regexpReplace } from "./regexp_replace.ts";
import { fn as remainder } from "./remainder.ts";
import { fn as right } from "./right.ts";
import { fn as rlike } from "./rlike.ts";
import { fn as round } from "./round.ts";
import { fn as rtrim } from "./rtrim.ts";
import { fn as size } from "./size.ts";
import { fn as split } from "./split.ts";
import { fn as sqrt } from "./sqrt.ts";
import { fn as struct } from "./struct.ts";
import { fn as substring } from "./substring.ts";
import { fn as subtract } from "./subtract.ts";
import { fn as trim } from "./trim.ts";
import { fn as tryAdd } from "./try_add.ts";
import { fn as tryDivide } from "./try_divide.ts";
import { fn as tryElementAt } from "./try_element_at.ts";
import { fn as tryMod } from "./try_mod.ts";
import { fn as tryMultiply } from "./try_multiply.ts";
import { fn as trySubtract } from "./try_subtract.ts";
import { fn as typeOf } from "./typeof.ts";
import { fn as unaryMinus } from "./unary_minus.ts";
import { fn as unaryPositive } from "./unary_positive.ts";
import { fn as upper } from "./upper.ts";

export const coreFunctions: ScalarFunction[] = [
  abs,
  add,
  array,
  bitwiseAnd,
  bitwiseNot,
  bitwiseOr,
  bitwiseXor,
  bround,
  ceil,
  concat,
  concatOp,
  concatWs,
  div,
  divide,
  elementAt,
  equal,
  equalNullSafe,
  exp,
  floor,
  getFn,
  getItem,
  greaterThan,
  greaterThanOrEqual,
  greatest,
  ilike,
  inList,
  initcap,
  isNotNull,
  isNull,
  isnan,
  least,
  left,
  length,
  lessThan,
  lessThanOrEqual,
  like,
  ln,
  logFn,
  log10,
  log2,
  lower,
  ltrim,
  makeDtInterval,
  makeInterval,
  makeYmInterval,
  mapFn,
  multiply,
  namedStruct,
  not,
  notEqual,
  nullif,
  octetLength,
  pmod,
  pow,
  rand,
  randn,
  regexpExtract,
  regexpReplace,
  remainder,
  right,
  rlike,
  round,
  rtrim,
  size,
  split,
  sqrt,
  struct,
  substring,
  subtract,
  trim,
  tryAdd,
  tryDivide,
  tryElementAt,
  tryMod,
  tryMultiply,
  trySubtract,
  typeOf,
  unaryMinus,
  unaryPositive,
  upper,
];
