// The aggregate function registry, shared by the DataFrame API and SQL.
import type { AggregateFunction } from "../aggregate_def.ts";
import { approx_count_distinct } from "./approx_count_distinct.ts";
import { avg } from "./avg.ts";
import { stddev_pop, stddev_samp, var_pop, var_samp } from "./central_moment.ts";
import { collect_list, collect_set } from "./collect.ts";
import { count } from "./count.ts";
import { first, last } from "./first_last.ts";
import { max, min } from "./min_max.ts";
import { sum } from "./sum.ts";
import { any_value } from "./any_value.ts";
import { bit_and, bit_or, bit_xor } from "./bit_agg.ts";
import { bool_and, bool_or } from "./bool_agg.ts";
import { count_if } from "./count_if.ts";
import { corr, covar_pop, covar_samp, regr_intercept, regr_r2, regr_slope, regr_sxx, regr_sxy, regr_syy } from "./covariance.ts";
import { histogram_numeric } from "./histogram_numeric.ts";
import { kurtosis, skewness } from "./higher_moments.ts";
import { max_by, min_by } from "./max_min_by.ts";
import { regr_avgx, regr_avgy, regr_count } from "./regr_simple.ts";
import { try_avg, try_sum } from "./try_sum_avg.ts";

const ALL: AggregateFunction[] = [
  count, sum, avg, min, max, first, last, collect_list, collect_set, approx_count_distinct,
  stddev_samp, stddev_pop, var_samp, var_pop,
  any_value, bit_and, bit_or, bit_xor, bool_and, bool_or, count_if, corr, covar_pop, covar_samp, histogram_numeric, kurtosis,
  max_by, min_by, regr_avgx, regr_avgy, regr_count, regr_intercept, regr_r2, regr_slope, regr_sxx, regr_sxy, regr_syy, skewness,
  try_avg, try_sum,
];

const byName = new Map<string, AggregateFunction>();
for (const f of ALL) for (const n of [f.name, ...(f.aliases ?? [])]) byName.set(n, f);

export function lookupAggregate(name: string): AggregateFunction | undefined {
  return byName.get(name.toLowerCase());
}

export function isAggregateName(name: string): boolean {
  return byName.has(name.toLowerCase());
}
