// PushDownPredicates into sources that declare `pushdown.filters`: the conjuncts of the filters
// right above a source (through other filters, aliases and projections that keep columns as they
// are) that a source can check — comparisons of a column with a literal of its type, null tests,
// and AND/OR/NOT of those — are handed to the source, which may skip data that cannot match (a
// Parquet source skips row groups by their statistics). The filters themselves stay, as Spark keeps
// a post-scan filter: what the source returns is filtered again.
import type { Bound } from "../../expr/bound.ts";
import type { Plan } from "../../plan/plan.ts";
import type { SourceFilter } from "../../plugin/contract.ts";
import { transformUp } from "../logical_transform.ts";
import type { LogicalRule } from "./rule.ts";

type Source = Extract<Plan, { kind: "source" }>;

const COMPARISONS: Readonly<Record<string, Extract<SourceFilter, { column: string; value: unknown }>["kind"]>> = {
  equal: "=", equal_null_safe: "<=>", less_than: "<", less_than_or_equal: "<=", greater_than: ">", greater_than_or_equal: ">=",
};
const MIRRORED: Readonly<Record<string, Extract<SourceFilter, { column: string; value: unknown }>["kind"]>> = {
  "=": "=", "<=>": "<=>", "<": ">", "<=": ">=", ">": "<", ">=": "<=",
};

export const filterPushdown: LogicalRule = {
  name: "PushDownPredicates",
  apply: (plan, ctx) => {
    // For each place a source is read: the conditions of the filters right above it.
    const found = new Map<number, SourceFilter[][]>();
    collect(plan, [], found);
    let changed = false;
    const next = transformUp(plan, (p) => {
      if (p.kind !== "source" || !ctx.pushdownOf(p.source.format)?.filters) return p;
      const reads = found.get(p.sourceId);
      if (!reads) return p;
      // Read from several places: only conditions every reader applies hold for all rows.
      const common = reads[0]!.filter((f) => reads.every((r) => r.some((g) => filterKey(g) === filterKey(f))));
      if (common.length === 0) return p;
      changed = true;
      return Object.freeze({ ...p, pushdown: { ...p.pushdown, filters: common } });
    });
    return changed ? next : plan;
  },
};

/**
 * A condition waiting to reach a source, with how its columns map to the columns of the node it
 * has got down to (-1: a computed column, which a source cannot check).
 */
interface Pending {
  readonly condition: Bound;
  readonly columnOf: (ordinal: number) => number;
}

/**
 * Walks down from `p` carrying the conditions of the filters met on the way; filters pass through
 * other filters, aliases and projections (columns kept as they are) but stop at anything else.
 */
function collect(p: Plan, pending: readonly Pending[], found: Map<number, SourceFilter[][]>): void {
  switch (p.kind) {
    case "source": {
      const filters = pending.flatMap((f) => conjuncts(f.condition).map((c) => translate(c, p, f.columnOf)))
        .filter((f): f is SourceFilter => f !== undefined);
      const list = found.get(p.sourceId) ?? [];
      list.push(filters);
      found.set(p.sourceId, list);
      return;
    }
    case "filter":
      return collect(p.input, [...pending, { condition: p.condition, columnOf: (i) => i }], found);
    case "alias":
      return collect(p.input, pending, found);
    case "project": {
      const exprs = p.exprs;
      const through = (i: number) => {
        const e = i < 0 ? undefined : exprs[i];
        return e?.kind === "ref" ? e.ordinal : -1;
      };
      return collect(p.input, pending.map((f) => ({ condition: f.condition, columnOf: (i) => through(f.columnOf(i)) })), found);
    }
    case "local":
    case "table":
      return;
    default: {
      // Conditions stop here; below, each source starts afresh.
      const kids = p.kind === "subqueries" ? [p.input] : p.kind === "union" ? p.inputs : p.kind === "join" || p.kind === "setOp" ? [p.left, p.right] : [p.input];
      for (const k of kids) collect(k, [], found);
    }
  }
}

/** A filter as comparable text; decimal and long values beyond 2^53 are bigints, which JSON.stringify refuses. */
function filterKey(f: SourceFilter): string {
  return JSON.stringify(f, (_, v) => (typeof v === "bigint" ? { bigint: String(v) } : v));
}

function conjuncts(b: Bound): Bound[] {
  return b.kind === "and" ? [...conjuncts(b.left), ...conjuncts(b.right)] : [b];
}

function translate(b: Bound, source: Source, columnOf: (ordinal: number) => number): SourceFilter | undefined {
  const column = (x: Bound) => {
    if (x.kind !== "ref") return undefined;
    const c = columnOf(x.ordinal);
    return c < 0 ? undefined : source.output[c]!.name;
  };
  switch (b.kind) {
    case "and":
    case "or": {
      const left = translate(b.left, source, columnOf), right = translate(b.right, source, columnOf);
      return left && right ? { kind: b.kind, left, right } : undefined;
    }
    case "fn": {
      const cmp = COMPARISONS[b.name];
      if (cmp !== undefined && b.args.length === 2) {
        const [l, r] = b.args as [Bound, Bound];
        const lc = column(l), rc = column(r);
        if (lc !== undefined && r.kind === "lit" && sameType(l, r)) return { kind: cmp, column: lc, value: r.value };
        if (rc !== undefined && l.kind === "lit" && sameType(l, r)) return { kind: MIRRORED[cmp]!, column: rc, value: l.value };
        return undefined;
      }
      if ((b.name === "isnull" || b.name === "isnotnull") && b.args.length === 1) {
        const c = column(b.args[0]!);
        return c === undefined ? undefined : { kind: b.name === "isnull" ? "isNull" : "isNotNull", column: c };
      }
      if (b.name === "not" && b.args.length === 1) {
        const child = translate(b.args[0]!, source, columnOf);
        return child && { kind: "not", child };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A comparison the source can make on its own values: no cast between the column and the literal. */
function sameType(a: Bound, b: Bound): boolean {
  return a.type.simpleString() === b.type.simpleString();
}
