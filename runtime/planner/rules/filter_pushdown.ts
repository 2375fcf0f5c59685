// PushDownPredicates into sources that declare `pushdown.filters`: the conjuncts of a filter over a
// source's columns that a source can check (comparisons of a column with a literal, IN lists,
// null tests, and AND/OR/NOT of those) are handed to the source, which may skip data that cannot
// match (a Parquet source skips row groups by their statistics). The filter itself stays, as
// Spark keeps a post-scan filter: what the source returns is filtered again.
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
    // Filters found above each source, by source id (a source read twice gets what both agree on).
    const found = new Map<number, SourceFilter[][]>();
    visit(plan, (filter) => {
      const target = sourceUnder(filter.input);
      if (!target || !ctx.pushdownOf(target.source.source.format)?.filters) return;
      const pushed = conjuncts(filter.condition).map((c) => translate(c, target)).filter((f): f is SourceFilter => f !== undefined);
      if (pushed.length === 0) return;
      const list = found.get(target.source.sourceId) ?? [];
      list.push(pushed);
      found.set(target.source.sourceId, list);
    });
    if (found.size === 0) return plan;
    return transformUp(plan, (p) => {
      if (p.kind !== "source") return p;
      const lists = found.get(p.sourceId);
      if (!lists) return p;
      // Read from several places: only conditions every reader applies hold for all rows.
      const common = lists[0]!.filter((f) => lists.every((l) => l.some((g) => JSON.stringify(g) === JSON.stringify(f))));
      if (common.length === 0) return p;
      return Object.freeze({ ...p, pushdown: { ...p.pushdown, filters: common } });
    });
  },
};

function visit(p: Plan, onFilter: (f: Extract<Plan, { kind: "filter" }>) => void): void {
  if (p.kind === "filter") onFilter(p);
  const kids = p.kind === "subqueries" ? [p.input] : p.kind === "union" ? p.inputs : p.kind === "join" || p.kind === "setOp" ? [p.left, p.right]
    : "input" in p ? [p.input] : [];
  for (const k of kids) visit(k, onFilter);
}

/**
 * The source a filter's input reads straight from, through aliases and projections that keep
 * columns as they are, with how the filter's columns map to the source's (-1: computed).
 */
function sourceUnder(p: Plan): { source: Source; columnOf: (ordinal: number) => number } | undefined {
  let map = (i: number) => i;
  for (let n: Plan = p; ; ) {
    switch (n.kind) {
      case "source":
        return { source: n, columnOf: map };
      case "alias":
        n = n.input;
        continue;
      case "project": {
        const exprs = n.exprs, outer = map;
        map = (i) => {
          const o = outer(i);
          const e = o < 0 ? undefined : exprs[o];
          return e?.kind === "ref" ? e.ordinal : -1;
        };
        n = n.input;
        continue;
      }
      default:
        return undefined;
    }
  }
}

function conjuncts(b: Bound): Bound[] {
  return b.kind === "and" ? [...conjuncts(b.left), ...conjuncts(b.right)] : [b];
}

function translate(b: Bound, target: { source: Source; columnOf: (ordinal: number) => number }): SourceFilter | undefined {
  const column = (x: Bound) => {
    if (x.kind !== "ref") return undefined;
    const c = target.columnOf(x.ordinal);
    return c < 0 ? undefined : target.source.output[c]!.name;
  };
  switch (b.kind) {
    case "and":
    case "or": {
      const left = translate(b.left, target), right = translate(b.right, target);
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
        const child = translate(b.args[0]!, target);
        return child && { kind: "not", child };
      }
      if (b.name === "in" && b.args.length >= 2) {
        const c = column(b.args[0]!);
        const values = b.args.slice(1);
        if (c === undefined || !values.every((v) => v.kind === "lit" && sameType(b.args[0]!, v))) return undefined;
        return { kind: "in", column: c, values: values.map((v) => (v as Extract<Bound, { kind: "lit" }>).value) };
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
