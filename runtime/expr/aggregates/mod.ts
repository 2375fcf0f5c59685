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

const ALL: AggregateFunction[] = [
  count, sum, avg, min, max, first, last, collect_list, collect_set, approx_count_distinct,
  stddev_samp, stddev_pop, var_samp, var_pop,
];

const byName = new Map<string, AggregateFunction>();
for (const f of ALL) for (const n of [f.name, ...(f.aliases ?? [])]) byName.set(n, f);

export function lookupAggregate(name: string): AggregateFunction | undefined {
  return byName.get(name.toLowerCase());
}

export function isAggregateName(name: string): boolean {
  return byName.has(name.toLowerCase());
}
