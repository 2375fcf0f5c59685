// flatMapGroupsWithState / mapGroupsWithState (Spark's FlatMapGroupsWithState logical node; PySpark's
// applyInPandasWithState): the input grouped by key expressions, a user function called once per
// key with the key's rows of the batch and its GroupState, and once per timed-out key. The node
// keeps the user function behind `call`, which the API layer builds: it hands the user public
// values and a GroupState, and gives back engine rows and what became of the state, so the
// engine (exec/groups_with_state_exec.ts) only reads and writes the state store.
import type { Bound } from "../expr/bound.ts";
import type { Expr } from "../expr/expr.ts";
import { userError } from "../errors.ts";
import type { Row } from "../plugin/contract.ts";
import type { StructType } from "../types/data_type.ts";
import { attributesOf } from "./attribute.ts";
import type { Plan } from "./plan.ts";
import { ExprResolver, type ResolveContext } from "./resolve_expr.ts";

/** Spark's GroupStateTimeout kinds. */
export type GroupStateTimeoutKind = "NoTimeout" | "ProcessingTimeTimeout" | "EventTimeTimeout";

/** Spark's GroupStateImpl.NO_TIMESTAMP: no timeout set. */
export const NO_TIMESTAMP = -1;

/** What a GroupState starts from for one call of the user function. */
export interface StateCallInput {
  /** The state row (engine values, in the state schema), or undefined when the key has none. */
  readonly value: readonly unknown[] | undefined;
  readonly batchProcessingTimeMs: number;
  /** This batch's watermark, or NO_TIMESTAMP when the query has none. */
  readonly eventTimeWatermarkMs: number;
  readonly watermarkPresent: boolean;
  readonly hasTimedOut: boolean;
  readonly timeout: GroupStateTimeoutKind;
}

/** What the call left: the state row (undefined: none), and the flags Spark's exec reads. */
export interface StateCallResult {
  readonly rows: Row[];
  readonly value: readonly unknown[] | undefined;
  readonly updated: boolean;
  readonly removed: boolean;
  /** The timeout set during this call, or NO_TIMESTAMP (a timeout lasts one call). */
  readonly timeoutTimestampMs: number;
}

/** The user function as the engine calls it: engine key and rows in, engine rows and state out. */
export type GroupsWithStateCall = (key: readonly unknown[], rows: readonly Row[], input: StateCallInput) => StateCallResult;

export type GroupsWithStateNode = Extract<Plan, { kind: "flatMapGroupsWithState" }>;

export interface GroupsWithStateSpec {
  readonly call: GroupsWithStateCall;
  readonly outputSchema: StructType;
  readonly stateSchema: StructType;
  /** The function's output mode (flatMapGroupsWithState's outputMode argument). */
  readonly funcOutputMode: "append" | "update";
  readonly timeout: GroupStateTimeoutKind;
  readonly isMapGroupsWithState: boolean;
}

export function groupsWithState(input: Plan, groupingExprs: readonly Expr[], spec: GroupsWithStateSpec, ctx: ResolveContext): Plan {
  const r = new ExprResolver(input.output, ctx);
  const groupings: Bound[] = groupingExprs.map((g) => r.resolve(g));
  const wm = input.output.findIndex((a) => a.watermarkDelayMs !== undefined);
  const eventTime = wm >= 0 ? { slot: wm, delayMs: input.output[wm]!.watermarkDelayMs! } : undefined;
  return Object.freeze({
    kind: "flatMapGroupsWithState" as const, input, groupings, sources: groupingExprs, ...spec, eventTime,
    output: attributesOf(spec.outputSchema), streaming: input.streaming,
  });
}

/** flatMapGroupsWithState's outputMode argument: "append" or "update" (Spark's OutputMode names). */
export function groupsWithStateMode(mode: string): "append" | "update" {
  const m = mode.toLowerCase();
  if (m === "append" || m === "update") return m;
  throw userError("STREAMING_OUTPUT_MODE.INVALID", `The output mode \`${mode}\` is invalid. Valid output modes are 'Append', 'Complete', 'Update'.`, {
    sqlState: "42KDE", hint: 'flatMapGroupsWithState takes "append" or "update".',
  });
}
