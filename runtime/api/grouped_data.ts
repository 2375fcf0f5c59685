// df.groupBy(...): PySpark's GroupedData. agg() takes Columns (F.sum("x").alias("total")) or a
// {column: "function"} object; count/sum/avg/min/max are shorthands.
import type { Expr } from "../expr/expr.ts";
import { userError } from "../errors.ts";
import { aggregate } from "../plan/aggregate.ts";
import { type GroupStateTimeoutKind, groupsWithState, groupsWithStateMode, type GroupsWithStateCall } from "../plan/groups_with_state.ts";
import type { Plan } from "../plan/plan.ts";
import { schemaOf } from "../plan/attribute.ts";
import { type DataType, INT, StructType } from "../types/data_type.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import { Column, col } from "./column.ts";
import type { DataFrame } from "./data_frame.ts";
import { GroupState } from "./group_state.ts";
import { type Row as PublicRow, toPublicRow, toPublicValue } from "./row.ts";
import { rowsFromUser } from "./rows_from_user.ts";

/** A row the user function returns: values in schema order, or an object keyed by column name. */
export type UserRow = readonly unknown[] | Record<string, unknown>;
/** flatMapGroupsWithState's function: the key's values, its rows this batch (none on a timeout), its state. */
export type FlatMapGroupsWithStateFunction = (key: unknown[], rows: PublicRow[], state: GroupState) => Iterable<UserRow>;
/** mapGroupsWithState's function: one output row per call. */
export type MapGroupsWithStateFunction = (key: unknown[], rows: PublicRow[], state: GroupState) => UserRow;

const TIMEOUTS: readonly GroupStateTimeoutKind[] = ["NoTimeout", "ProcessingTimeTimeout", "EventTimeTimeout"];

const NUMERIC = new Set(["byte", "short", "int", "long", "float", "double", "decimal"]);

export class GroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly groupings: readonly Expr[],
    private readonly make: (plan: Plan) => DataFrame,
  ) {}

  /**
   * agg(F.count("*"), F.avg("x")) or agg({ x: "avg", y: "max" }). An object's entries come out in
   * the order PySpark's dict gives them: a java.util.HashMap's iteration order.
   */
  agg(...exprs: (Column | Record<string, string>)[]): DataFrame {
    const list: Expr[] = exprs.flatMap((e) =>
      e instanceof Column
        ? [e.expr]
        : javaHashMapOrder(Object.entries(e)).map(([c, fn]): Expr => ({ kind: "call", name: fn === "mean" ? "avg" : fn, args: [c === "*" ? { kind: "star" } : col(c).expr] }))
    );
    return this.withAggregates(list);
  }
  count(): DataFrame {
    return this.withAggregates([{ kind: "alias", arg: { kind: "call", name: "count", args: [{ kind: "literal", value: 1, type: INT }] }, names: ["count"] }]);
  }
  sum(...cols: string[]): DataFrame { return this.simple("sum", cols); }
  avg(...cols: string[]): DataFrame { return this.simple("avg", cols); }
  mean(...cols: string[]): DataFrame { return this.simple("avg", cols); }
  min(...cols: string[]): DataFrame { return this.simple("min", cols); }
  max(...cols: string[]): DataFrame { return this.simple("max", cols); }

  /**
   * Arbitrary stateful processing (Spark's flatMapGroupsWithState; PySpark's applyInPandasWithState
   * with rows instead of pandas DataFrames): `func(key, rows, state)` is called once per key with
   * data in each batch, and once per key whose timeout passed, and returns the output rows.
   * `outputMode` is "append" or "update" (it must fit the query's, as Spark's rules say).
   */
  flatMapGroupsWithState(
    func: FlatMapGroupsWithStateFunction, outputStructType: StructType | string, stateStructType: StructType | string,
    outputMode: string, timeoutConf: GroupStateTimeoutKind | string = "NoTimeout",
  ): DataFrame {
    return this.withState((key, rows, state) => Array.from(func(key, rows, state) ?? []), outputStructType, stateStructType,
      groupsWithStateMode(outputMode), timeoutConf, false);
  }

  /** Spark's mapGroupsWithState: exactly one output row per call; update output mode only. */
  mapGroupsWithState(
    func: MapGroupsWithStateFunction, outputStructType: StructType | string, stateStructType: StructType | string,
    timeoutConf: GroupStateTimeoutKind | string = "NoTimeout",
  ): DataFrame {
    return this.withState((key, rows, state) => [func(key, rows, state)], outputStructType, stateStructType, "update", timeoutConf, true);
  }

  private withState(
    func: (key: unknown[], rows: PublicRow[], state: GroupState) => UserRow[], outputStructType: StructType | string,
    stateStructType: StructType | string, mode: "append" | "update", timeoutConf: string, isMap: boolean,
  ): DataFrame {
    const name = isMap ? "mapGroupsWithState" : "flatMapGroupsWithState";
    if (typeof func !== "function") {
      throw userError("NOT_CALLABLE", `Argument \`func\` should be a callable, got ${typeof func}.`, { hint: `${name}((key, rows, state) => …, …)` });
    }
    const timeout = TIMEOUTS.find((t) => t === timeoutConf);
    if (timeout === undefined) {
      throw userError("INVALID_GROUP_STATE_TIMEOUT", `Unknown GroupStateTimeout ${JSON.stringify(timeoutConf)}.`, {
        hint: "Use GroupStateTimeout.NoTimeout, GroupStateTimeout.ProcessingTimeTimeout or GroupStateTimeout.EventTimeTimeout.",
      });
    }
    const schema = (s: StructType | string) => (typeof s === "string" ? parseSchemaDDL(s) : s);
    const outputSchema = schema(outputStructType), stateSchema = schema(stateStructType);
    const inputSchema = schemaOf(this.df.plan.output);
    let keyTypes: DataType[] = [];
    const call: GroupsWithStateCall = (key, rows, input) => {
      const state = new GroupState(input, stateSchema);
      const result = func(key.map((v, i) => toPublicValue(keyTypes[i]!, v ?? null)), rows.map((r) => toPublicRow(inputSchema, r)), state);
      for (const r of result) {
        if (r instanceof Promise) {
          throw userError("ASYNC_GROUPS_WITH_STATE_FUNCTION", `The ${name} function returned a promise.`, {
            hint: `${name} calls its function synchronously (as Spark does): compute the rows without await.`,
          });
        }
      }
      return { rows: rowsFromUser(result, outputSchema), ...state.outcome() };
    };
    const built = groupsWithState(this.df.plan, this.groupings, {
      call, outputSchema, stateSchema, funcOutputMode: mode, timeout, isMapGroupsWithState: isMap,
    }, { ...this.df.sparkSession.resolveContext(), inputPlans: [this.df.plan] });
    keyTypes = (built as Extract<Plan, { kind: "flatMapGroupsWithState" }>).groupings.map((g) => g.type);
    return this.make(built);
  }

  private simple(fn: string, cols: string[]): DataFrame {
    const targets = cols.length > 0 ? cols : this.df.plan.output.filter((a) => NUMERIC.has(a.type.kind)).map((a) => a.name);
    return this.withAggregates(targets.map((c): Expr => ({ kind: "call", name: fn, args: [col(c).expr] })));
  }
  /** Output: the grouping columns, then the aggregates, as Spark's groupBy().agg(). */
  private withAggregates(aggs: Expr[]): DataFrame {
    return this.make(aggregate(this.df.plan, this.groupings, [...this.groupings, ...aggs], { ...this.df.sparkSession.resolveContext(), inputPlans: [this.df.plan] }));
  }
}

/** Java's String.hashCode over UTF-16 code units. */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Entries in the iteration order of a java.util.HashMap filled in this order (py4j's dict conversion). */
export function javaHashMapOrder<V>(entries: [string, V][]): [string, V][] {
  let capacity = 16;
  while (entries.length > capacity * 0.75) capacity *= 2;
  const bucket = (k: string) => {
    const h = javaStringHash(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return entries.map((e, i) => ({ e, i, b: bucket(e[0]) })).sort((x, y) => x.b - y.b || x.i - y.i).map((x) => x.e);
}
