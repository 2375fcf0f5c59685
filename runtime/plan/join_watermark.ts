// How a stream-stream join's state is evicted, derived from its condition and the watermarks as
// Spark derives it (StreamingJoinHelper.getStateValueWatermark and
// StreamingSymmetricHashJoinHelper.getStateWatermarkPredicates):
//   - a join key that is an event-time column (with a watermark) evicts both sides' state by key:
//     a key whose event time (a window's end) is at or below the watermark is dropped;
//   - otherwise a side with an event-time column is evicted by value when the condition bounds it
//     against the other side's event-time column (`rt <= lt + interval 1 hour`, …): each such
//     conjunct `a < b` is rewritten as a sum of terms, the other side's column replaced by the
//     watermark, and the side's own column solved for; the smallest bound wins (minus 1 ms for
//     `<=`, as Spark's eviction is inclusive);
//   - no eviction otherwise.
import type { Bound } from "../expr/bound.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { longToDouble } from "../types/long.ts";
import type { Attribute } from "./attribute.ts";
import type { Plan } from "./plan.ts";

type JoinNode = Extract<Plan, { kind: "join" }>;

/** How one side's state is evicted once the watermark is known. */
export type StatePredicate =
  /** By key: state whose join key `ordinal` (a timestamp, or a window's end) is at or below the watermark. */
  | { readonly kind: "key"; readonly ordinal: number; readonly isWindow: boolean }
  /** By value: rows whose event-time column `slot` (side-local) is at or below `stateWatermark(wm)`. */
  | { readonly kind: "value"; readonly slot: number; readonly isWindow: boolean; readonly stateWatermark: (watermarkMs: number) => number | undefined };

export interface JoinStatePredicates {
  readonly left?: StatePredicate;
  readonly right?: StatePredicate;
}

const isWindowType = (a: { type: { kind: string } }) => a.type.kind === "struct";

/** The first event-time column of a side (WatermarkSupport.findEventTimeColumn), side-local. */
export function eventTimeSlot(attrs: readonly Attribute[]): number | undefined {
  const i = attrs.findIndex((a) => a.watermarkDelayMs !== undefined);
  return i < 0 ? undefined : i;
}

/** The join key ordinal whose key is an event-time column on either side (findJoinKeyOrdinalForWatermark). */
export function watermarkKeyOrdinal(j: JoinNode): number | undefined {
  const lw = j.left.output.length;
  const isEventTime = (k: Bound, offset: number) =>
    k.kind === "ref" && (offset === 0 ? j.left.output[k.ordinal] : j.right.output[k.ordinal - offset])?.watermarkDelayMs !== undefined;
  const l = j.leftKeys.findIndex((k) => isEventTime(k, 0));
  if (l >= 0) return l;
  const r = j.rightKeys.findIndex((k) => isEventTime(k, lw));
  return r >= 0 ? r : undefined;
}

/** StreamingJoinHelper.isWatermarkInJoinKeys: an event-time column among either side's keys. */
export function isWatermarkInJoinKeys(j: JoinNode): boolean {
  return watermarkKeyOrdinal(j) !== undefined;
}

/** The state predicates of both sides (getStateWatermarkPredicates). */
export function joinStatePredicates(j: JoinNode): JoinStatePredicates {
  const keyOrdinal = watermarkKeyOrdinal(j);
  const side = (mine: "left" | "right"): StatePredicate | undefined => {
    const attrs = mine === "left" ? j.left.output : j.right.output;
    const keys = mine === "left" ? j.leftKeys : j.rightKeys;
    if (keyOrdinal !== undefined) return { kind: "key", ordinal: keyOrdinal, isWindow: isWindowType(keys[keyOrdinal]!) };
    const slot = eventTimeSlot(attrs);
    if (slot === undefined) return undefined;
    const stateWatermark = (wm: number) => stateValueWatermark(j, mine, wm);
    // Spark builds the predicate only when the condition bounds this side (a watermark is found).
    if (stateWatermark(0) === undefined) return undefined;
    return { kind: "value", slot, isWindow: isWindowType(attrs[slot]!), stateWatermark };
  };
  return { left: side("left"), right: side("right") };
}

/**
 * StreamingJoinHelper.getStateValueWatermark: the state watermark (ms) of side `mine` given the
 * other side's event-time watermark, from the join's non-equi condition; undefined if none.
 */
export function stateValueWatermark(j: JoinNode, mine: "left" | "right", watermarkMs: number): number | undefined {
  if (!j.residual) return undefined;
  const lw = j.left.output.length;
  const both = [...j.left.output, ...j.right.output];
  const isMine = (o: number) => (mine === "left" ? o < lw : o >= lw);
  // The other side must have an event-time column.
  if (!both.some((a, o) => !isMine(o) && a.watermarkDelayMs !== undefined)) return undefined;
  const found: number[] = [];
  for (const c of conjuncts(j.residual)) {
    if (c.kind !== "fn" || c.args.length !== 2) continue;
    const [l, r] = c.args as [Bound, Bound];
    let w: number | undefined;
    switch (c.name) {
      case "less_than":
        w = fromLessThan(l, r, isMine, both, watermarkMs);
        break;
      case "less_than_or_equal":
        w = fromLessThan(l, r, isMine, both, watermarkMs);
        if (w !== undefined) w -= 1;
        break;
      case "greater_than":
        w = fromLessThan(r, l, isMine, both, watermarkMs);
        break;
      case "greater_than_or_equal":
        w = fromLessThan(r, l, isMine, both, watermarkMs);
        if (w !== undefined) w -= 1;
        break;
    }
    if (w !== undefined) found.push(w);
  }
  return found.length === 0 ? undefined : Math.min(...found);
}

function conjuncts(b: Bound): Bound[] {
  return b.kind === "and" ? [...conjuncts(b.left), ...conjuncts(b.right)] : [b];
}

/** A term of `l - r` as a sum: a column (side slot) or a constant in microseconds, maybe negated. */
type Term = { readonly ref?: number; readonly micros?: number; readonly negate: boolean };

/** getStateWatermarkFromLessThenPredicate: solves `l < r` for this side's column. */
function fromLessThan(l: Bound, r: Bound, isMine: (o: number) => boolean, both: readonly Attribute[], watermarkMs: number): number | undefined {
  const terms: Term[] = [];
  if (!collect(l, false, terms) || !collect(r, true, terms)) return undefined;
  const refs = [...new Set(terms.filter((t) => t.ref !== undefined).map((t) => t.ref!))];
  if (refs.filter(isMine).length > 1 || refs.filter((o) => !isMine(o)).length > 1) return undefined;
  const mineTerms = terms.filter((t) => t.ref !== undefined && isMine(t.ref));
  // Spark keeps the terms as a set: the same column twice (x - x) still counts once.
  if (mineTerms.length === 0) return undefined;
  if (!mineTerms.every((t) => t.negate === mineTerms[0]!.negate)) return undefined;
  // The constraint term must be `-mine` so that `-mine + rest < 0` solves to `rest < mine`.
  if (!mineTerms[0]!.negate) return undefined;
  let sum = 0;
  const seen = new Set<string>();
  for (const t of terms) {
    if (t.ref !== undefined && isMine(t.ref)) continue;
    const key = t.ref !== undefined ? `r${t.ref}${t.negate}` : `c${t.micros}${t.negate}`;
    if (seen.has(key)) continue; // ExpressionSet: equal terms once
    seen.add(key);
    let v: number;
    if (t.ref !== undefined) {
      // Only the other side's event-time column can be replaced by the watermark.
      if (both[t.ref]!.watermarkDelayMs === undefined) return undefined;
      v = watermarkMs * 1000;
    } else v = t.micros!;
    sum += t.negate ? -v : v;
  }
  return Math.trunc(sum / 1000);
}

/** collectTerms: adds the terms of `b` (negated when `negate`); false when `b` has another shape. */
function collect(b: Bound, negate: boolean, out: Term[]): boolean {
  switch (b.kind) {
    case "ref":
      out.push({ ref: b.ordinal, negate });
      return true;
    case "lit": {
      const micros = literalMicros(b.value, b.type.kind);
      if (micros === undefined) return false;
      out.push({ micros, negate });
      return true;
    }
    case "fn":
      switch (b.name) {
        case "add":
          return b.args.length === 2 && collect(b.args[0]!, negate, out) && collect(b.args[1]!, negate, out);
        case "subtract":
          return b.args.length === 2 && collect(b.args[0]!, negate, out) && collect(b.args[1]!, !negate, out);
        case "unary_minus":
          return collect(b.args[0]!, !negate, out);
        case "cast": {
          const k = b.type.kind;
          const numeric = ["byte", "short", "int", "long", "float", "double", "decimal", "timestamp"].includes(k);
          return numeric && b.args.length === 1 && collect(b.args[0]!, negate, out);
        }
        default:
          return false;
      }
    default:
      return false;
  }
}

/** A literal as microseconds, as collectTerms converts it; undefined for what it refuses. */
function literalMicros(value: unknown, kind: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  switch (kind) {
    case "calendar_interval": {
      const iv = value as CalendarInterval;
      if (!(iv instanceof CalendarInterval) || iv.months !== 0) return undefined;
      return iv.days * 86_400_000_000 + iv.micros;
    }
    case "daytime_interval":
    case "timestamp":
      return longToDouble(value as number | bigint);
    case "byte":
    case "short":
    case "int":
    case "long":
    case "float":
    case "double":
      return longToDouble(value as number | bigint) * 1_000_000;
    case "decimal":
      return undefined;
    default:
      return undefined;
  }
}
