// Spark Connect plan ids: a client tags each relation with a plan id and a column taken from a
// DataFrame (df["k"]) with the id of that DataFrame's relation. While one request's relation tree
// is turned into DataFrames, each client id stands for a Sluice plan id (plan/plan_ids.ts), bound
// to the plan built from the relation carrying it.
import { reservePlanId } from "../../plan/plan_ids.ts";

let current: Map<bigint, number> | undefined;

/** Runs `f` with a fresh map of client plan ids, unless one is already open (a nested relation). */
export function withClientPlanIds<T>(f: () => T): T {
  if (current) return f();
  current = new Map();
  try {
    return f();
  } finally {
    current = undefined;
  }
}

/** The Sluice plan id a client plan id stands for in the request being converted. */
export function sluicePlanId(clientId: bigint): number | undefined {
  if (!current) return undefined;
  let id = current.get(clientId);
  if (id === undefined) {
    id = reservePlanId();
    current.set(clientId, id);
  }
  return id;
}
