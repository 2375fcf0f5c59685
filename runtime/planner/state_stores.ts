// The stores each kind of stateful operator keeps, as the planner declares them: key and value
// schemas (also checked against the checkpoint on restart), the event time the store is ordered
// by (what a watermark evicts), and how keys map to partitions.
import type { Bound } from "../expr/bound.ts";
import type { Plan } from "../plan/plan.ts";
import type { StatePartitioning, StoreSpec } from "../state/operator_state.ts";
import type { StateSchema } from "../state/state_schema.ts";
import { DEFAULT_STORE_NAME } from "../state/state_store_id.ts";
import { ArrayType, BINARY, BOOLEAN, LONG, StructField, StructType } from "../types/data_type.ts";
import type { JoinStatePredicates, StatePredicate } from "../plan/join_watermark.ts";

type Aggregate = Extract<Plan, { kind: "aggregate" }>;
type Dedup = Extract<Plan, { kind: "dedup" }>;
type GroupsWithState = Extract<Plan, { kind: "flatMapGroupsWithState" }>;

export interface OperatorStores {
  readonly operatorName: string;
  readonly stores: readonly StoreSpec[];
  readonly partitioning: StatePartitioning;
}

/** The schema file's view of an operator: its name and its default store's layout. */
export function stateSchemaOf(o: OperatorStores): StateSchema {
  const s = o.stores[0]!;
  return { operatorName: o.operatorName, keySchema: s.keySchema, valueSchema: s.valueSchema };
}

const hashOn = (keySchema: StructType): StatePartitioning =>
  keySchema.fields.length === 0 ? { kind: "single" } : { kind: "hash", keyTypes: keySchema.fields.map((f) => f.dataType) };

/** The event time (µs) of an aggregation's group key: its window's end, or the timestamp itself. */
export function groupEventTime(node: Aggregate): ((key: readonly unknown[]) => number | null) | undefined {
  const et = node.eventTimeKey;
  if (!et) return undefined;
  return et.isWindow
    ? (key) => ((key[et.slot] as unknown[] | null)?.[1] as number | undefined) ?? null
    : (key) => key[et.slot] as number | null;
}

/** Spark's StateStoreSaveExec: one store of group key → aggregation buffers. */
export function aggregateStores(node: Aggregate): OperatorStores {
  const keySchema = new StructType(node.groupings.map((g, i) => new StructField(`key${i}`, g.type, g.nullable)));
  // Named after the buffer ("sum:double" -> sum), so messages print struct<sum:double>.
  const valueSchema = new StructType(node.aggregates.map((a) => new StructField(a.bufferSchema.split(":")[0]!, a.type, true)));
  const eventTime = groupEventTime(node);
  return {
    operatorName: "stateStoreSave",
    stores: [{ name: DEFAULT_STORE_NAME, keySchema, valueSchema, eventTimeOf: eventTime && ((k) => eventTime(k)) }],
    partitioning: hashOn(keySchema),
  };
}

/** [start, end, rows] of a session: the layout SessionAggregateExec keeps per group. */
export type Session = [number, number, unknown[]];

/** Spark's SessionWindowStateStoreSaveExec: group key (without the session) → its open sessions. */
export function sessionStores(node: Aggregate): OperatorStores {
  const slot = node.session!.slot;
  const keys = node.groupings.filter((_, i) => i !== slot);
  const keySchema = new StructType(keys.map((g, i) => new StructField(`key${i}`, g.type, g.nullable)));
  // Sessions as [start, end, entries]; the entries' layout follows the aggregates' arguments.
  const valueSchema = new StructType([
    new StructField("sessions", new ArrayType(new StructType([
      new StructField("start", LONG, false), new StructField("end", LONG, false),
      new StructField(node.aggregates.map((a) => a.bufferSchema).join(";") || "rows", BINARY, false),
    ]))),
  ]);
  // A group is ordered by the earliest end among its sessions: the first to close.
  const firstEnd = (_k: readonly unknown[], v: readonly unknown[]) => {
    let min: number | null = null;
    for (const s of v[0] as Session[]) if (min === null || s[1] < min) min = s[1];
    return min;
  };
  return {
    operatorName: "sessionWindowStateStoreSaveExec",
    stores: [{ name: DEFAULT_STORE_NAME, keySchema, valueSchema, eventTimeOf: node.eventTimeKey ? firstEnd : undefined }],
    partitioning: hashOn(keySchema),
  };
}

/** Whether a dedup's state can be evicted: within a watermark, or with the event time among the keys. */
export function dedupEvicts(node: Dedup): boolean {
  const et = node.eventTime;
  return et !== undefined && (node.withinWatermark || et.inKeys);
}

/** Spark's StreamingDeduplicateExec (WithinWatermark): dedup key → nothing, or its expiry time. */
export function dedupStores(node: Dedup): OperatorStores {
  const input = node.input.output;
  const keySchema = new StructType(node.keys.map((k) => new StructField(input[k]!.name, input[k]!.type, input[k]!.nullable)));
  const valueSchema = new StructType(node.withinWatermark ? [new StructField("expiresAtMicros", LONG, false)] : []);
  const et = node.eventTime;
  const keySlot = et?.inKeys ? node.keys.indexOf(et.slot) : -1;
  const eventTimeOf = !dedupEvicts(node) ? undefined
    : node.withinWatermark ? (_k: readonly unknown[], v: readonly unknown[]) => v[0] as number
    : (k: readonly unknown[]) => k[keySlot] as number | null;
  return {
    operatorName: node.withinWatermark ? "dedupeWithinWatermark" : "dedupe",
    stores: [{ name: DEFAULT_STORE_NAME, keySchema, valueSchema, eventTimeOf }],
    partitioning: hashOn(keySchema),
  };
}

/** Spark's StreamingGlobalLimitExec: the count of rows emitted so far, in one partition. */
export function limitStores(): OperatorStores {
  return {
    operatorName: "globalLimit",
    stores: [{ name: DEFAULT_STORE_NAME, keySchema: new StructType([]), valueSchema: new StructType([new StructField("count", LONG, false)]) }],
    partitioning: { kind: "single" },
  };
}

/**
 * Spark's FlatMapGroupsWithStateExec (state format version 2): grouping key → the user's state
 * (null once removed while a timeout is still set) and its timeout timestamp (ms, -1 when none).
 * Ordered by the timeout, so finding what timed out costs what times out.
 */
export function groupsWithStateStores(node: GroupsWithState): OperatorStores {
  const keySchema = new StructType(node.groupings.map((g, i) => new StructField(g.kind === "ref" ? g.name ?? `key${i}` : `key${i}`, g.type, g.nullable)));
  const valueSchema = new StructType([new StructField("groupState", node.stateSchema, true), new StructField("timeoutTimestamp", LONG, false)]);
  const timed = node.timeout !== "NoTimeout";
  return {
    operatorName: "flatMapGroupsWithState",
    stores: [{
      name: DEFAULT_STORE_NAME, keySchema, valueSchema,
      eventTimeOf: timed ? (_k, v) => ((v[1] as number) < 0 ? null : (v[1] as number) * 1000) : undefined,
    }],
    partitioning: hashOn(keySchema),
  };
}

type Join = Extract<Plan, { kind: "join" }>;

/** Spark's names of a join side's two stores (SymmetricHashJoinStateManager.allStateStoreNames). */
export function joinStoreNames(side: "left" | "right"): { readonly numValues: string; readonly values: string } {
  return { numValues: `${side}-keyToNumValues`, values: `${side}-keyWithIndexToValue` };
}

/** The event time (µs) of a timestamp or of a window's end. */
const timeOf = (v: unknown, isWindow: boolean): number | null =>
  isWindow ? ((v as unknown[] | null)?.[1] as number | undefined) ?? null : (v as number | null);

/**
 * Spark's StreamingSymmetricHashJoinExec: per side, keyToNumValues (join key → how many rows) and
 * keyWithIndexToValue ([join key…, index] → [row…, matched]). Stores whose side is evicted by the
 * watermark are ordered by the event time that evicts them.
 */
export function joinStores(node: Join, predicates: JoinStatePredicates): OperatorStores {
  const keyFields = (keys: readonly Bound[]) => keys.map((k, i) => new StructField(`field${i}`, k.type, k.nullable));
  const stores: StoreSpec[] = [];
  for (const side of ["left", "right"] as const) {
    const keys = side === "left" ? node.leftKeys : node.rightKeys;
    const attrs = side === "left" ? node.left.output : node.right.output;
    const pred: StatePredicate | undefined = predicates[side];
    const names = joinStoreNames(side);
    const keySchema = new StructType(keyFields(keys));
    const byKey = pred?.kind === "key" ? (k: readonly unknown[]) => timeOf(k[pred.ordinal], pred.isWindow) : undefined;
    const byValue = pred?.kind === "value" ? (_k: readonly unknown[], v: readonly unknown[]) => timeOf(v[pred.slot], pred.isWindow) : undefined;
    stores.push({ name: names.numValues, keySchema, valueSchema: new StructType([new StructField("value", LONG, false)]), eventTimeOf: byKey });
    stores.push({
      name: names.values,
      keySchema: new StructType([...keyFields(keys), new StructField("index", LONG, false)]),
      valueSchema: new StructType([...attrs.map((a) => new StructField(a.name, a.type, a.nullable)), new StructField("matched", BOOLEAN, false)]),
      numColsPrefixKey: keys.length,
      eventTimeOf: byKey ?? byValue,
    });
  }
  const keyTypes = node.leftKeys.map((k) => k.type);
  return { operatorName: "symmetricHashJoin", stores, partitioning: keyTypes.length === 0 ? { kind: "single" } : { kind: "hash", keyTypes } };
}
