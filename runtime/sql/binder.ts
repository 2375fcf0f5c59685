// Binds a parsed statement (statement_ast.ts) into the analyzed plans the DataFrame API builds:
// the same builders (project, filter, aggregate, sort, union, join, window …), so SQL and
// DataFrames share one plan, one analyzer and one set of errors. This file covers queries;
// run_statement.ts runs the other statements (views, EXPLAIN, SET …).
import type { Bound } from "../expr/bound.ts";
import type { Expr, Origin, SortOrderExpr, WindowSpec } from "../expr/expr.ts";
import { toPrettySQL } from "../expr/expr_sql.ts";
import { compileExpression } from "../expr/codegen.ts";
import { commonType, implicitCast } from "../expr/coercion.ts";
import { isAggregateName } from "../expr/aggregates/mod.ts";
import { anyNode } from "../expr/transform.ts";
import { quoteIdent, SluiceError, userError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { BOOLEAN, BYTE, INT, LONG, NULL, StructField, StructType, type DataType } from "../types/data_type.ts";
import { attributesOf, type Attribute } from "../plan/attribute.ts";
import { aggregate, containsAggregate } from "../plan/aggregate.ts";
import * as build from "../plan/build.ts";
import { join, joinUsing, naturalJoin } from "../plan/join.ts";
import type { Plan, SubqueryHolder } from "../plan/plan.ts";
import { canonicalName, ExprResolver, outputName, type ResolveContext } from "../plan/resolve_expr.ts";
import { offset, setOperation } from "../plan/set_op.ts";
import { existsSubquery, inSubquery, OuterReferences, scalarSubquery } from "../plan/subquery.ts";
import { containsWindow, planWindows } from "../plan/window.ts";
import { aliased, columnRef, ordinalOf, rewrite, unalias } from "../plan/expr_rewrite.ts";
import type { GroupBy, InlineTable, LateralView, Query, QueryTerm, Relation, Select, TableAlias, WatermarkClause } from "./statement_ast.ts";
import { namedWindowRefs } from "./statement_parser.ts";
import { rowConstructors } from "./parser.ts";
import { NONDETERMINISTIC_FUNCTIONS, resolveLateralAliases } from "./lateral_alias.ts";

const freeze = <T>(x: T): T => Object.freeze(x);

/** What the binder needs from the session: relations by name and the analyzer settings. */
export interface SqlEnvironment {
  /** A temp view, global temp view (`global_temp.v`) or memory-sink table, by its name parts. */
  lookupRelation(name: readonly string[]): Plan | undefined;
  /** Whether `name` is a temporary object (a temp view), not a catalog table; default true. */
  isTemporary?(name: readonly string[]): boolean;
  resolveContext(): ResolveContext;
  conf(key: string): string | undefined;
}

/** CTEs visible at a point of the query, innermost first. */
class Scope {
  constructor(readonly ctes: ReadonlyMap<string, Plan>, readonly parent?: Scope) {}
  lookup(name: string): Plan | undefined {
    return this.ctes.get(name.toLowerCase()) ?? this.parent?.lookup(name);
  }
}

type Call = Extract<Expr, { kind: "call" }>;

const HIDDEN = "#";

export class Binder {
  /** Names of the temp views and tables the bound statement reads (a persistent view may not). */
  readonly referenced: string[] = [];
  /** IN subqueries that are (negated) conjuncts of WHERE or HAVING: evaluated null-aware, as Spark does. */
  /** IN subqueries (by their query, which rewrites of the node keep) whose NULL answer matters. */
  private readonly nullAware = new WeakSet<object>();
  /** IN subqueries right under a NOT (see inSubquery: outside WHERE/HAVING conjuncts they are an existence test). */
  private readonly negatedIn = new WeakSet<object>();

  constructor(private readonly env: SqlEnvironment) {}

  private get ctx(): ResolveContext {
    return this.env.resolveContext();
  }

  /** The plan of a query at the top of a statement. */
  bindTopQuery(q: Query): Plan {
    return this.bindQuery(q, new Scope(new Map()), this.ctx);
  }

  // ---------------------------------------------------------------- queries

  bindQuery(q: Query, outer: Scope, base: ResolveContext): Plan {
    let scope = outer;
    const shared: SubqueryHolder[] = [];
    if (q.ctes.length > 0) {
      const ctes = new Map<string, Plan>();
      scope = new Scope(ctes, outer);
      for (const c of q.ctes) {
        if (ctes.has(c.name.toLowerCase())) {
          throw userError("DUPLICATED_CTE_NAMES", `CTE definition can't have duplicate names: ${quoteIdent(c.name)}.`, { sqlState: "42602", position: c.origin });
        }
        let p = this.bindQuery(c.query, scope, base);
        if (c.columns) p = renameColumns(p, c.columns, c.origin, base);
        if (!p.streaming && callsNondeterministic(c.query)) {
          // Spark inlines a CTE only when it is deterministic; otherwise every reference reads the
          // same rows (one evaluation per run of the query).
          const holder: SubqueryHolder = { plan: p, mode: "scalar" };
          shared.push(holder);
          const rowsOf = () => {
            if (!holder.evaluate) throw new SluiceError("INTERNAL_ERROR", "A CTE was read outside its query.", { kind: "internal", sqlState: "XX000" });
            return holder.evaluate([]);
          };
          p = freeze({ kind: "table", name: c.name, rowsOf, output: p.output, streaming: false }) as Plan;
        }
        ctes.set(c.name.toLowerCase(), build.aliasPlan(p, c.name));
      }
    }
    let plan: Plan;
    if (q.orderBy.length > 0 && q.body.kind === "select") {
      plan = this.bindSelectOrdered(q.body, q.orderBy, scope, base);
    } else {
      plan = this.bindTerm(q.body, scope, base);
      if (q.orderBy.length > 0) plan = this.sortOutput(plan, q.orderBy, base);
    }
    if (q.offset) plan = offset(plan, this.limitValue(q.offset, "offset", base));
    if (q.limit) plan = build.limit(plan, this.limitValue(q.limit, "limit", base));
    if (shared.length > 0) plan = freeze({ kind: "subqueries", input: plan, subqueries: shared, output: plan.output, streaming: plan.streaming }) as Plan;
    return plan;
  }

  /** LIMIT / OFFSET: a foldable, non-null integer at least 0. */
  private limitValue(e: Expr, what: "limit" | "offset", ctx: ResolveContext): number {
    const sql = toPrettySQL(e, canonicalName);
    const name = what === "limit" ? "limit" : "offset";
    let b: Bound;
    try {
      b = new ExprResolver([], ctx).resolve(e);
    } catch (err) {
      if (err instanceof SluiceError && err.code.startsWith("UNRESOLVED_COLUMN")) {
        throw userError("INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE", `The ${name} like expression "${sql}" is invalid. The ${name} expression must evaluate to a constant value, but got "${sql}".`, { sqlState: "42K0E", position: e.origin });
      }
      throw err;
    }
    if (!["int", "byte", "short"].includes(b.type.kind) && b.type.kind !== "null") {
      throw userError("INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE", `The ${name} like expression "${sql}" is invalid. The ${name} expression must be integer type, but got "${b.type.sql()}".`, { sqlState: "42K0E", position: e.origin });
    }
    const v = compileExpression(b)([]);
    if (v === null) {
      throw userError("INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL", `The ${name} like expression "${sql}" is invalid. The evaluated ${name} expression must not be null, but got NULL.`, { sqlState: "42K0E", position: e.origin });
    }
    const n = Number(v);
    if (n < 0) {
      throw userError("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", `The ${name} like expression "${sql}" is invalid. The ${name} expression must be equal to or greater than 0, but got ${n}.`, { sqlState: "42K0E", position: e.origin });
    }
    return n;
  }

  private bindTerm(t: QueryTerm, scope: Scope, base: ResolveContext): Plan {
    switch (t.kind) {
      case "select":
        return this.bindSelect(t, scope, base, []).plan;
      case "nested":
        return this.bindQuery(t.query, scope, base);
      case "tableTerm":
        return this.lookupTable(t.name, t.origin, scope, false);
      case "values":
        return this.bindInlineTable(t, undefined, base);
      case "setOp": {
        const left = this.bindTerm(t.left, scope, base);
        const right = this.bindTerm(t.right, scope, base);
        if (t.op === "union") {
          const u = build.union([left, right], false, false, base);
          return t.all ? u : distinct(u, base);
        }
        return setOperation(t.op, t.all, left, right, base);
      }
    }
  }

  /** ORDER BY over a query's output (set operations, nested queries): names and ordinals of the output only. */
  private sortOutput(plan: Plan, orderBy: readonly SortOrderExpr[], ctx: ResolveContext): Plan {
    const orders = orderBy.map((o) => ({ ...o, arg: this.ordinalToOutput(o.arg, plan, "ORDER") }) as Expr);
    if (orders.some((o) => containsAggregate(o))) {
      const first = orders.find(containsAggregate)!;
      throw userError("MISSING_GROUP_BY", "The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.", { sqlState: "42803", position: first.origin });
    }
    return build.sort(plan, orders, ctx);
  }

  private ordinalToOutput(e: Expr, plan: Plan, clause: "ORDER" | "GROUP"): Expr {
    const n = ordinalOf(e);
    if (n === undefined) return e;
    if (n < 1 || n > plan.output.length) throw positionOutOfRange(clause, n, plan.output.length, e.origin);
    const a = plan.output[n - 1]!;
    return { kind: "column", parts: a.qualifier ? [a.qualifier, a.name] : [a.name], origin: e.origin };
  }

  /**
   * SELECT … ORDER BY: first over the select's output (aliases, ordinals, selected columns); when
   * that fails and the SELECT is not DISTINCT, over hidden extra columns computed with the select
   * list (input columns, aggregates), which are dropped after sorting.
   */
  private bindSelectOrdered(sel: Select, orderBy: readonly SortOrderExpr[], scope: Scope, base: ResolveContext): Plan {
    const { plan, items } = this.bindSelect(sel, scope, base, []);
    const orders = orderBy.map((o) => ({ ...o, arg: this.ordinalToOutput(o.arg, plan, "ORDER") }) as SortOrderExpr);
    const windowed = orders.find((o) => containsWindow(o.arg));
    if (windowed) {
      throw userError("UNSUPPORTED_EXPR_FOR_OPERATOR",
        `A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause.\nInvalid expressions: [${toPrettySQL(windowed.arg, canonicalName)}]`,
        { sqlState: "42K0E", position: windowed.origin });
    }
    let first: unknown;
    if (!orders.some((o) => containsWindow(o.arg) || containsAggregate(o.arg))) {
      try {
        return build.sort(plan, orders, base);
      } catch (e) {
        if (!(e instanceof SluiceError) || sel.distinct) throw e;
        first = e;
      }
    }
    if (sel.distinct) {
      throw userError("MISSING_GROUP_BY", "ORDER BY expressions of a SELECT DISTINCT must appear in the select list.", { sqlState: "42803" });
    }
    // Select-list aliases take precedence over input columns, as Spark resolves ORDER BY.
    const byAlias = new Map<string, Expr>();
    for (const it of items) if (it.kind === "alias" && it.names.length === 1) byAlias.set(it.names[0]!.toLowerCase(), it.arg);
    const extra = orders.map((o) => rewrite(o.arg, (n) => {
      if (n.kind === "column" && n.parts.length === 1) return byAlias.get(n.parts[0]!.toLowerCase());
      if (n.kind === "subquery") return n;
      return undefined;
    }));
    let wide: Plan;
    try {
      wide = this.bindSelect(sel, scope, base, extra).plan;
    } catch (e) {
      if (first !== undefined && e instanceof SluiceError && first instanceof SluiceError && !e.code.startsWith("MISSING_AGGREGATION") && e.code !== "UNSUPPORTED_GROUPING_EXPRESSION") throw first;
      throw e;
    }
    const n = items.length;
    const sorted = build.sort(wide, orders.map((o, k) => ({ ...o, arg: columnRef(`${HIDDEN}ord${k}`) })), { ...base, caseSensitive: true });
    return dropHidden(sorted, n, base);
  }

  // ---------------------------------------------------------------- SELECT

  /**
   * Binds a query specification. `extra` expressions are appended to the output as hidden columns
   * `#ord0…` (for ORDER BY). Returns the plan and the select items after star expansion.
   */
  private bindSelect(sel0: Select, scope: Scope, base: ResolveContext, extra: readonly Expr[]): { plan: Plan; items: Expr[] } {
    // spark.sql.legacy.parser.havingWithoutGroupByAsWhere: HAVING without GROUP BY filters rows.
    let sel = sel0;
    if (sel.having && !sel.groupBy && (base.conf?.("spark.sql.legacy.parser.havingWithoutGroupByAsWhere") ?? "false").toLowerCase() === "true") {
      const having = asPredicate(sel.having);
      sel = { ...sel, where: sel.where ? { kind: "binary", op: "and", left: sel.where, right: having, origin: having.origin } : having, having: undefined };
    }
    const holders: SubqueryHolder[] = [];
    const ctx = this.selectContext(base, scope, holders);
    // Spark's BooleanSimplification runs before RewritePredicateSubquery: NOTs over AND/OR/NOT are
    // pushed down, so NOT (a > 5 OR a IN (…)) filters as a <= 5 AND a NOT IN (…).
    const hasSubquery = (e: Expr | undefined) => e !== undefined && anyNode(e, (n) => n.kind === "subquery");
    if (hasSubquery(sel.where)) sel = { ...sel, where: pushNotDown(sel.where!) };
    if (hasSubquery(sel.having)) sel = { ...sel, having: pushNotDown(sel.having!) };
    for (const cond of [sel.where, sel.having]) if (cond) this.markNullAware(cond);
    for (const e of [sel.where, sel.having, ...sel.items]) {
      if (e) anyNode(e, (n) => {
        if (n.kind === "unary" && n.op === "not" && n.arg.kind === "subquery" && n.arg.mode === "in") this.negatedIn.add(n.arg.plan as object);
        return false;
      });
    }
    let plan = sel.from ? this.bindRelation(sel.from, scope, ctx) : oneRow();
    for (const lv of sel.lateralViews) plan = this.lateralView(plan, lv, ctx);
    if (sel.where) {
      if (containsWindow(sel.where)) {
        throw userError("_LEGACY_ERROR_TEMP_1034", "It is not allowed to use window functions inside WHERE clause.", { position: sel.where.origin });
      }
      const bad = [containsAggregate, containsGenerator].some((f) => f(sel.where!));
      if (bad) {
        const sql = toPrettySQL(sel.where, canonicalName);
        const inner = findInvalidWhere(sel.where);
        throw userError("INVALID_WHERE_CONDITION",
          `The WHERE condition "${sql}" contains invalid expressions: ${inner}.\nRewrite the query to avoid window functions, aggregate functions, and generator functions in the WHERE clause.`,
          { sqlState: "42903", position: sel.where.origin });
      }
      plan = build.filter(plan, sel.where, ctx);
    }
    const named = (e: Expr) => aggregateFilters(this.substituteNamedWindows(e, sel.windows));
    const namedItem = (e: Expr) => {
      const w = this.substituteNamedWindows(e, sel.windows);
      return keepName(w, aggregateFilters(w));
    };
    // count(DISTINCT *) counts distinct rows of every column, and is named after them.
    const isCountStar = (n: Expr) => n.kind === "call" && n.distinct === true && n.name.toLowerCase() === "count" && n.args.length === 1 && n.args[0]!.kind === "star";
    const countStar = (e: Expr) => !anyNode(e, isCountStar) ? e : rewrite(e, (n) => {
      if (n.kind === "subquery") return n;
      if (n.kind === "call" && isCountStar(n)) {
        return { ...n, args: expandStar(plan, n.args[0] as Extract<Expr, { kind: "star" }>) };
      }
      return undefined;
    });
    const written = sel.items.flatMap((e) => (e.kind === "star" ? expandStar(plan, e) : [namedItem(countStar(e))]));
    const lateral = (base.conf?.("spark.sql.lateralColumnAlias.enableImplicitResolution") ?? "true").toLowerCase() !== "false";
    const items = resolveLateralAliases(written, plan.output, lateral).map((e, i) => keepName(written[i]!, e));
    const having = sel.having ? named(sel.having) : undefined;
    const extras = extra.map(named);
    const all = [...items, ...(having ? [having] : []), ...extras];
    const fieldsOf = (e: Expr) => splitFieldAccess(e, plan);
    // HAVING without GROUP BY is a global aggregate (SQL standard), also without aggregate functions.
    const hasAgg = sel.groupBy !== undefined || having !== undefined || all.some(containsAggregate);
    const hasWindow = [...items, ...extras].some(containsWindow);
    if (having && containsWindow(having)) {
      throw userError("UNSUPPORTED_EXPR_FOR_WINDOW", "Window functions are not allowed in the HAVING clause.", { sqlState: "42P20", position: having.origin });
    }

    let groupings: Expr[] = [];
    let sets: (readonly Expr[])[] | undefined;
    if (sel.groupBy) {
      ({ groupings, sets } = this.groupingExprs(sel.groupBy, items, plan, ctx));
    }
    // Spark 4.1: a HAVING name that is a grouping column stays the column, even when a select
    // alias has that name; other names may be select aliases. AstBuilder.withHavingClause casts a
    // condition that is not a predicate to BOOLEAN.
    const groupingColumns = new Set(groupings.flatMap((g) => (g.kind === "column" ? [g.parts[g.parts.length - 1]!.toLowerCase()] : [])));
    const havingExpr = having ? asPredicate(substituteAliases(having, items, groupingColumns)) : undefined;
    const hiddenOrder = extras.map((e, k) => aliased(e, `${HIDDEN}ord${k}`));

    let result: Plan;
    if (!hasWindow) {
      if (hasAgg) {
        const outputs = [...items, ...(havingExpr ? [aliased(havingExpr, `${HIDDEN}having`)] : []), ...hiddenOrder]
          .map((e) => keepName(e, fieldsOf(e)));
        let p = sets ? this.groupingSetsAggregate(plan, groupings, sets, outputs, ctx) : aggregate(plan, groupings, outputs, ctx);
        if (havingExpr) p = this.filterHaving(p, items.length, ctx);
        result = p;
      } else {
        result = build.project(plan, [...items, ...hiddenOrder], ctx);
      }
    } else {
      result = this.bindWithWindows(plan, items, extras, hasAgg, groupings, sets, havingExpr, ctx);
    }
    if (sel.distinct) {
      if (extras.length > 0) throw userError("MISSING_GROUP_BY", "ORDER BY expressions of a SELECT DISTINCT must appear in the select list.", { sqlState: "42803" });
      result = distinct(result, ctx);
    }
    if (holders.length > 0) {
      result = freeze({ kind: "subqueries", input: result, subqueries: holders, output: result.output, streaming: result.streaming }) as Plan;
    }
    return { plan: result, items };
  }

  private markNullAware(cond: Expr): void {
    if (cond.kind === "binary" && cond.op === "and") {
      this.markNullAware(cond.left);
      this.markNullAware(cond.right);
      return;
    }
    const inner = cond.kind === "unary" && cond.op === "not" ? cond.arg : cond;
    if (inner.kind === "subquery" && inner.mode === "in") this.nullAware.add(inner.plan as object);
  }

  /** HAVING over an aggregate that output `#having` after the select items: filter, then drop it. */
  private filterHaving(p: Plan, width: number, ctx: ResolveContext): Plan {
    const idx = p.output.findIndex((a) => a.name === `${HIDDEN}having`);
    const filtered = build.filter(p, columnRef(`${HIDDEN}having`), { ...ctx, caseSensitive: true });
    const keep = p.output.map((a, i) => ({ a, i })).filter(({ i }) => i !== idx);
    void width;
    return projectSlots(filtered, keep.map(({ i }) => i));
  }

  /** The resolve context of one SELECT: its subqueries are collected into `holders`. */
  private selectContext(base: ResolveContext, scope: Scope, holders: SubqueryHolder[]): ResolveContext {
    const ctx: ResolveContext = {
      ...base,
      resolveSubquery: (e, resolver) => this.bindSubqueryExpr(e, resolver, scope, base, holders),
    };
    return ctx;
  }

  private bindSubqueryExpr(
    e: Extract<Expr, { kind: "subquery" }>, outer: ExprResolver, scope: Scope, base: ResolveContext, holders: SubqueryHolder[],
  ): Bound {
    const refs = new OuterReferences();
    const outerInput = outer.outerView?.input ?? outer.input;
    const outerCtx = outer.outerView?.ctx ?? outer.ctx;
    const inner: ResolveContext = {
      ...base,
      resolveSubquery: undefined,
      resolveOuter: (parts, origin) => {
        let b: Bound;
        try {
          b = new ExprResolver(outerInput, { ...outerCtx, resolveSubquery: undefined }).resolveColumn(parts, origin);
        } catch {
          return undefined;
        }
        return refs.reference(b);
      },
    };
    const plan = this.bindQuery(e.plan as Query, scope, inner);
    if (plan.streaming) {
      throw userError("UNSUPPORTED_FEATURE.STREAMING_SUBQUERY", "Subqueries over streaming DataFrames/Datasets are not supported.", { sqlState: "0A000", position: e.origin });
    }
    switch (e.mode) {
      case "scalar":
        return scalarSubquery(plan, refs, holders, e.origin);
      case "exists":
        return existsSubquery(plan, refs, holders);
      case "in": {
        const value = outer.resolve(e.arg!);
        const row = e.arg!.kind === "call" && rowConstructors.has(e.arg!) ? e.arg!.args.filter((_, i) => i % 2 === 1) : undefined;
        const lhsColumns = row?.map((v) => `"${toPrettySQL(v, canonicalName)}"`) ?? [`"${toPrettySQL(e.arg!, canonicalName)}"`];
        return inSubquery(value, plan, refs, holders, base, toPrettySQL(e, canonicalName), this.nullAware.has(e.plan as object), e.origin, this.negatedIn.has(e.plan as object), row !== undefined, lhsColumns);
      }
    }
  }

  /** LATERAL VIEW: the generator's columns follow the input's, qualified by the view's table name. */
  private lateralView(plan: Plan, lv: LateralView, ctx: ResolveContext): Plan {
    const call: Expr = { kind: "call", name: lv.outer ? `${lv.fn}_outer` : lv.fn, args: lv.args, origin: lv.origin };
    const e: Expr = lv.columns.length > 0 ? { kind: "alias", arg: call, names: lv.columns, origin: lv.origin } : call;
    if (!GENERATOR_NAMES.has((lv.outer ? `${lv.fn}_outer` : lv.fn).toLowerCase())) {
      throw userError("UNSUPPORTED_GENERATOR.NOT_GENERATOR",
        `The generator is not supported: ${lv.fn} is expected to be a generator. However, its class is not a generator.`, { sqlState: "42K0E", position: lv.origin });
    }
    const g = build.generate(plan, e, ctx);
    const width = plan.output.length;
    return freeze({ ...g, output: g.output.map((a, i) => (i < width ? a : { ...a, qualifier: lv.table })) }) as Plan;
  }

  private substituteNamedWindows(e: Expr, windows: Select["windows"]): Expr {
    if (!anyNode(e, (n) => n.kind === "call" && n.over !== undefined)) return e;
    const resolveSpec = (spec: WindowSpec): WindowSpec => {
      const ref = namedWindowRefs.get(spec);
      if (!ref) return spec;
      const def = windows.find((w) => w.name.toLowerCase() === ref.name.toLowerCase());
      if (!def) {
        throw userError("MISSING_WINDOW_SPECIFICATION",
          `Window specification is not defined in the WINDOW clause for ${ref.name}. For more information about WINDOW clauses, please refer to 'https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-window.html'.`,
          { sqlState: "42P20", position: ref.origin });
      }
      return resolveSpec(def.spec);
    };
    return rewrite(e, (n) => {
      if (n.kind === "call" && n.over && namedWindowRefs.has(n.over)) {
        return { ...n, over: resolveSpec(n.over), args: n.args.map((a) => this.substituteNamedWindows(a, windows)) };
      }
      return undefined;
    });
  }

  /** GROUP BY expressions with ordinals and select aliases replaced; GROUP BY ALL; grouping sets. */
  private groupingExprs(g: GroupBy, items: readonly Expr[], plan: Plan, ctx: ResolveContext): { groupings: Expr[]; sets?: Expr[][] } {
    const resolver = new ExprResolver(plan.output, ctx);
    const fix = (e: Expr): Expr => {
      const n = ordinalOf(e);
      if (n !== undefined && this.env.conf("spark.sql.groupByOrdinal") !== "false") {
        if (n < 1 || n > items.length) throw positionOutOfRange("GROUP", n, items.length, e.origin);
        const item = unalias(items[n - 1]!);
        if (containsAggregate(item)) {
          throw userError("GROUP_BY_POS_AGGREGATE",
            `GROUP BY ${n} refers to an expression ${toPrettySQL(item, canonicalName)} that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.`,
            { sqlState: "42903", position: e.origin });
        }
        return item;
      }
      if (e.kind === "column" && e.parts.length === 1) {
        try {
          resolver.resolveColumn(e.parts);
          return e;
        } catch {
          const hit = items.find((it) => it.kind === "alias" && it.names.length === 1 && it.names[0]!.toLowerCase() === e.parts[0]!.toLowerCase());
          if (hit && hit.kind === "alias") {
            if (containsAggregate(hit.arg)) {
              throw userError("GROUP_BY_AGGREGATE", `Aggregate functions are not allowed in GROUP BY, but found ${toPrettySQL(hit.arg, canonicalName)}.`, { sqlState: "42903", position: e.origin });
            }
            return hit.arg;
          }
        }
      }
      if (containsAggregate(e)) {
        const agg = findAggregate(e)!;
        throw userError("GROUP_BY_AGGREGATE", `Aggregate functions are not allowed in GROUP BY, but found ${toPrettySQL(agg, canonicalName)}.`, { sqlState: "42903", position: agg.origin });
      }
      return e;
    };
    // GROUP BY ALL: every select item without an aggregate.
    if (!g.sets && g.exprs.length === 1 && g.exprs[0]!.kind === "column" && g.exprs[0]!.parts.length === 1 &&
      g.exprs[0]!.parts[0]!.toUpperCase() === "ALL" && !plan.output.some((a) => a.name.toLowerCase() === "all")) {
      return { groupings: items.filter((it) => !containsAggregate(it) && !containsWindow(it)).map(unalias) };
    }
    const fixed = new Map<Expr, Expr>();
    for (const e of g.exprs) fixed.set(e, fix(e));
    const groupings = [...fixed.values()];
    if (!g.sets) return { groupings };
    return { groupings, sets: g.sets.map((s) => s.map((e) => fixed.get(e) ?? fix(e))) };
  }

  /**
   * GROUPING SETS / ROLLUP / CUBE as Spark's Expand: one copy of the input per grouping set, with
   * the grouping columns not in the set replaced by nulls and a grouping id; then an ordinary
   * aggregate grouped by those columns and the id. grouping(x) / grouping_id() read the id.
   */
  private groupingSetsAggregate(plan: Plan, groupings: readonly Expr[], sets: readonly (readonly Expr[])[], outputs: readonly Expr[], ctx: ResolveContext): Plan {
    if (plan.streaming) {
      throw userError("UNSUPPORTED_FEATURE.STREAMING_GROUPING_SETS", "GROUPING SETS, ROLLUP and CUBE are not supported on streaming DataFrames/Datasets.", { sqlState: "0A000" });
    }
    const resolver = new ExprResolver(plan.output, ctx);
    // A column is the same grouping column however it is written (t.c1, c1, C1), and a + b is b + a
    // (Spark compares grouping expressions canonicalized).
    const keyOf = (e: Expr): string => {
      const u = unalias(e);
      if (u.kind === "column") {
        try {
          const b = resolver.resolve(u);
          if (b.kind === "ref") return `#ref${b.ordinal}`;
        } catch { /* not a column of the input: compared by its text */ }
      }
      if (u.kind === "binary" && COMMUTATIVE.has(u.op)) {
        const [l, r] = [keyOf(u.left), keyOf(u.right)].sort();
        return `(${l} ${u.op} ${r})`;
      }
      return toPrettySQL(u, canonicalName).toLowerCase();
    };
    const distinct: Expr[] = [];
    for (const g of groupings) if (!distinct.some((d) => keyOf(d) === keyOf(g))) distinct.push(g);
    const n = distinct.length;
    const types = distinct.map((g) => resolver.resolve(g).type);
    const passthrough = plan.output.map((a) => ({ kind: "column", parts: a.qualifier ? [a.qualifier, a.name] : [a.name] }) as Expr);
    const gidOf = (set: readonly Expr[]) => {
      const keys = new Set(set.map(keyOf));
      return distinct.reduce((gid, g, i) => (keys.has(keyOf(g)) ? gid : gid | (1 << (n - 1 - i))), 0);
    };
    // The same grouping set twice gives its groups twice: Spark's Expand then adds the set's position.
    const gids = sets.map(gidOf);
    const duplicated = new Set(gids).size < gids.length;
    const copies = sets.map((set, k) => {
      const keys = new Set(set.map(keyOf));
      const cols = distinct.map((g, i) => {
        const inSet = keys.has(keyOf(g));
        const value: Expr = inSet ? unalias(g) : { kind: "cast", arg: { kind: "literal", value: null, type: NULL }, to: types[i]!, mode: "cast" };
        return aliased(value, `${HIDDEN}gs${i}`);
      });
      const position = duplicated ? [aliased({ kind: "literal", value: k, type: INT }, `${HIDDEN}gpos`)] : [];
      return build.project(plan, [...passthrough, ...cols, aliased({ kind: "literal", value: gids[k]!, type: LONG }, `${HIDDEN}gid`), ...position], ctx);
    });
    const expanded = copies.length === 1 ? copies[0]! : build.union(copies, false, false, ctx);
    // Keep the input's qualifiers on the passed-through columns (the union drops nothing, but be explicit).
    const withQualifiers: Plan = freeze({ ...expanded, output: expanded.output.map((a, i) => (i < plan.output.length ? { ...a, qualifier: plan.output[i]!.qualifier } : a)) });
    const groupingIndex = (e: Expr) => distinct.findIndex((d) => keyOf(d) === keyOf(e));
    const gidRef = columnRef(`${HIDDEN}gid`);
    const rewriteOut = (e: Expr): Expr => rewrite(e, (x) => {
      if (x.kind === "call" && !x.over) {
        const name = x.name.toLowerCase();
        if (name === "grouping") {
          const i = x.args.length === 1 ? groupingIndex(x.args[0]!) : -1;
          if (i < 0) throw groupingColumnError(x, distinct);
          return groupingBit(gidRef, n - 1 - i, BYTE);
        }
        if (name === "grouping_id") {
          if (x.args.length === 0) return gidRef;
          let acc: Expr | undefined;
          x.args.forEach((a, k) => {
            const i = groupingIndex(a);
            if (i < 0) throw groupingColumnError(x, distinct);
            const bit = groupingBit(gidRef, n - 1 - i, LONG);
            const shifted: Expr = { kind: "binary", op: "*", left: bit, right: { kind: "literal", value: 2 ** (x.args.length - 1 - k), type: LONG } };
            acc = acc ? { kind: "binary", op: "+", left: acc, right: shifted } : shifted;
          });
          return acc!;
        }
        if (isAggregateName(x.name)) return x;
      }
      if (x.kind === "literal" || x.kind === "subquery") return x;
      // grouping__id: Hive's name for grouping_id(), still read by Spark.
      if (x.kind === "column" && x.parts.length === 1 && x.parts[0]!.toLowerCase() === "grouping__id") return gidRef;
      const i = groupingIndex(x);
      return i >= 0 ? columnRef(`${HIDDEN}gs${i}`) : undefined;
    });
    const rewritten = outputs.map((o) => aliased(rewriteOut(unalias(o)), outputName(o)));
    const keys = [...distinct.map((_, i) => columnRef(`${HIDDEN}gs${i}`)), gidRef, ...(duplicated ? [columnRef(`${HIDDEN}gpos`)] : [])];
    return aggregate(withQualifiers, keys, rewritten, ctx);
  }

  /**
   * A select list with window functions: the window-free parts are computed by the aggregate when
   * there is one (else a projection of the input), then the windows, then the select list.
   */
  private bindWithWindows(
    input: Plan, items: readonly Expr[], extras: readonly Expr[], hasAgg: boolean, groupings: readonly Expr[],
    sets: readonly (readonly Expr[])[] | undefined, havingExpr: Expr | undefined, ctx: ResolveContext,
  ): Plan {
    const lowerPlan = (outputs: Expr[]): Plan => {
      if (!hasAgg) return build.project(input, outputs, ctx);
      const outs = [...outputs, ...(havingExpr ? [aliased(havingExpr, `${HIDDEN}having`)] : [])];
      const p = sets ? this.groupingSetsAggregate(input, groupings, sets, outs, ctx) : aggregate(input, groupings, outs, ctx);
      return havingExpr ? this.filterHaving(p, outputs.length, ctx) : p;
    };
    return planWindows(items, extras.map((e, k) => aliased(e, `${HIDDEN}ord${k}`)), lowerPlan, ctx);
  }

  // ---------------------------------------------------------------- relations

  private bindRelation(r: Relation, scope: Scope, ctx: ResolveContext): Plan {
    switch (r.kind) {
      case "tableRef": {
        let p = this.lookupTable(r.name, r.origin, scope, r.stream);
        if (r.watermark) p = this.applyWatermark(p, r.watermark, ctx);
        if (r.sampleRows) p = build.limit(p, this.limitValue(r.sampleRows, "limit", ctx));
        return this.applyAlias(p, r.alias, r.name[r.name.length - 1]!, ctx);
      }
      case "derived": {
        let p = this.bindQuery(r.query, scope, stripSubqueryHook(ctx));
        if (r.watermark) p = this.applyWatermark(p, r.watermark, ctx);
        return this.applyAlias(p, r.alias, undefined, ctx);
      }
      case "inline":
        return this.bindInlineTable(r.table, r.alias, ctx);
      case "tvf":
        return this.applyAlias(this.tableFunction(r.name, r.args, r.origin, ctx), r.alias, undefined, ctx);
      case "parenRelation":
        return this.applyAlias(this.bindRelation(r.relation, scope, ctx), r.alias, undefined, ctx);
      case "join": {
        const left = this.bindRelation(r.left, scope, ctx);
        const right = this.bindRelation(r.right, scope, ctx);
        if (r.natural) return naturalJoin(left, right, r.type, ctx);
        if (r.using) return joinUsing(left, right, r.type, r.using, ctx);
        if (r.on && [containsAggregate, containsWindow].some((f) => f(r.on!))) {
          throw userError("UNSUPPORTED_EXPR_FOR_OPERATOR", `A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause.\nInvalid expressions: [${toPrettySQL(r.on, canonicalName)}]`, { sqlState: "42K0E", position: r.on.origin });
        }
        // An IN subquery in a join condition is evaluated as an expression: three-valued.
        if (r.on) {
          anyNode(r.on, (n) => {
            if (n.kind === "subquery" && n.mode === "in") this.nullAware.add(n.plan as object);
            return false;
          });
        }
        return join(left, right, r.type, r.on, ctx);
      }
    }
  }

  private lookupTable(name: readonly string[], origin: Origin, scope: Scope, stream: boolean): Plan {
    let p: Plan | undefined = name.length === 1 ? scope.lookup(name[0]!) : undefined;
    if (p === undefined) {
      p = this.env.lookupRelation(name);
      if (p !== undefined && this.env.isTemporary?.(name) !== false) this.referenced.push(name.join("."));
    }
    if (p === undefined) {
      throw userError("TABLE_OR_VIEW_NOT_FOUND",
        `The table or view ${name.map(quoteIdent).join(".")} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.`,
        { sqlState: "42P01", position: origin });
    }
    if (stream && !p.streaming) {
      throw userError("_LEGACY_ERROR_TEMP_1008",
        `${name.join(".")} is not a temp view of streaming logical plan, please use batch API such as \`DataFrameReader.table\` to read it.`,
        { position: origin });
    }
    return p;
  }

  private applyAlias(p: Plan, alias: TableAlias | undefined, defaultName: string | undefined, ctx: ResolveContext): Plan {
    const name = alias?.name ?? defaultName;
    let out = p;
    if (alias?.columns) out = renameColumns(out, alias.columns, alias.origin, ctx);
    return name === undefined ? (out === p ? p : out) : build.aliasPlan(out, name);
  }

  /** `WATERMARK col [AS name] DELAY OF INTERVAL …`: an aliased expression becomes a new first column. */
  private applyWatermark(p: Plan, w: WatermarkClause, ctx: ResolveContext): Plan {
    const col = w.column;
    if (col.kind === "alias" && col.names.length > 1) {
      throw userError("CANNOT_USE_MULTI_ALIASES_IN_WATERMARK_CLAUSE", "Multiple aliases are not supported in watermark clause.", { sqlState: "42000", position: w.origin });
    }
    let plan = p;
    let name: string;
    if (col.kind === "alias") {
      plan = build.project(p, [col, ...p.output.map((a) => ({ kind: "column", parts: a.qualifier ? [a.qualifier, a.name] : [a.name] }) as Expr)], ctx);
      name = col.names[0]!;
    } else if (col.kind === "column") {
      const b = new ExprResolver(p.output, ctx).resolve(col);
      name = b.kind === "ref" ? p.output[b.ordinal]!.name : col.parts[col.parts.length - 1]!;
      if (b.kind !== "ref") {
        throw userError("REQUIRES_EXPLICIT_NAME_IN_WATERMARK_CLAUSE",
          `The watermark clause requires an explicit name if expression is specified, but got ${toPrettySQL(col, canonicalName)}.`, { sqlState: "42000", position: col.origin });
      }
    } else {
      new ExprResolver(p.output, ctx).resolve(col);
      throw userError("REQUIRES_EXPLICIT_NAME_IN_WATERMARK_CLAUSE",
        `The watermark clause requires an explicit name if expression is specified, but got ${toPrettySQL(col, canonicalName)}.`, { sqlState: "42000", position: col.origin });
    }
    const ms = delayMillis(w.delay);
    if (ms < 0) {
      throw userError("_LEGACY_ERROR_TEMP_1014", `delay threshold (${toPrettySQL(w.delay, canonicalName)}) should not be negative.`, { position: w.delay.origin });
    }
    // Batch queries ignore watermarks (Spark removes the node), so any column type is accepted there.
    if (!plan.streaming) return plan;
    const text = ms % 1000 === 0 ? `${ms / 1000} seconds` : `${ms} milliseconds`;
    return build.withWatermark(plan, name, text, ctx);
  }

  private bindInlineTable(t: InlineTable, alias: TableAlias | undefined, ctx: ResolveContext): Plan {
    const width = t.rows[0]!.length;
    t.rows.forEach((row, i) => {
      if (row.length !== width) {
        throw userError("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
          `Invalid inline table. Inline table expected ${width} columns but found ${row.length} columns in row ${i}.`, { sqlState: "42000", position: t.origin });
      }
    });
    const names = alias?.columns ?? Array.from({ length: width }, (_, i) => `col${i + 1}`);
    if (names.length !== width) {
      throw userError("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
        `Invalid inline table. Inline table expected ${names.length} columns but found ${width} columns in row 0.`, { sqlState: "42000", position: t.origin });
    }
    const resolver = new ExprResolver([], { ...ctx, resolveSubquery: undefined, resolveOuter: undefined });
    const bound = t.rows.map((row) => row.map((e) => {
      try {
        return resolver.resolve(e);
      } catch (err) {
        if (err instanceof SluiceError && err.code.startsWith("UNRESOLVED_COLUMN")) {
          throw userError("INVALID_INLINE_TABLE.CANNOT_EVALUATE_EXPRESSION_IN_INLINE_TABLE",
            `Invalid inline table. Cannot evaluate the expression "${toPrettySQL(e, canonicalName)}" in inline table definition.`, { sqlState: "42000", position: e.origin });
        }
        throw err;
      }
    }));
    const bindCtx = { timeZone: ctx.timeZone, ansi: ctx.ansi, sql: "inline table", argSql: [] };
    const types = names.map((_, c) => commonType(bound.map((r) => r[c]!.type), bindCtx));
    const rows = bound.map((r) => r.map((b, c) => compileExpression(implicitCast(b, types[c]!, bindCtx))([])));
    const st = new StructType(names.map((n, c) => new StructField(n, types[c]!, rows.some((r) => r[c] === null))));
    const plan: Plan = freeze({ kind: "local", rows, output: attributesOf(st), streaming: false });
    return alias ? build.aliasPlan(plan, alias.name) : plan;
  }

  /** Table-valued functions: range(end) / range(start, end[, step[, partitions]]). */
  private tableFunction(name: string, args: readonly Expr[], origin: Origin, ctx: ResolveContext): Plan {
    if (name.toLowerCase() !== "range") {
      throw userError("UNRESOLVABLE_TABLE_VALUED_FUNCTION",
        `Could not resolve ${quoteIdent(name)} to a table-valued function. Please make sure that ${quoteIdent(name)} is defined as a table-valued function and that all required parameters are provided correctly. If ${quoteIdent(name)} is not defined, please create the table-valued function before using it. For more information about defining table-valued functions, please refer to the Apache Spark documentation.`,
        { sqlState: "42883", position: origin });
    }
    if (args.length < 1 || args.length > 4) {
      throw userError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        `The \`range\` requires [1, 2, 3, 4] parameters but the actual number is ${args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`, { sqlState: "42605", position: origin });
    }
    const vals = args.map((a) => {
      const b = new ExprResolver([], ctx).resolve(a);
      const v = compileExpression(b)([]);
      if (typeof v !== "number" || !Number.isInteger(v)) {
        throw userError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", `Cannot resolve "range" due to data type mismatch: the arguments of range must be integers, got ${toPrettySQL(a, canonicalName)}.`, { sqlState: "42K09", position: a.origin });
      }
      return v;
    });
    const [start, end, step] = vals.length === 1 ? [0, vals[0]!, 1] : [vals[0]!, vals[1]!, vals[2] ?? 1];
    if (step === 0) throw userError("FAILED_FUNCTION_CALL", "Failed preparing of the function `range` for call. Please, double check function's arguments.", { sqlState: "38000", position: origin, hint: "The step must not be 0." });
    const rows: unknown[][] = [];
    for (let v = start; step > 0 ? v < end : v > end; v += step) rows.push([v]);
    return freeze({ kind: "local", rows, output: [{ name: "id", type: LONG, nullable: false }], streaming: false });
  }
}

// ---------------------------------------------------------------- helpers

/**
 * SELECT DISTINCT / UNION: Spark's Distinct, which is an aggregate grouped by every column (so on
 * a stream it is a streaming aggregation, with that output-mode rules).
 */
function distinct(p: Plan, ctx: ResolveContext): Plan {
  const names = p.output.map((a) => a.name);
  const positional = projectSlots(p, names.map((_, i) => i), names.map((_, i) => `${HIDDEN}d${i}`));
  const keys = names.map((_, i) => columnRef(`${HIDDEN}d${i}`));
  const agg = aggregate(positional, keys, keys.map((k, i) => aliased(k, names[i]!)), { ...ctx, caseSensitive: true });
  return freeze({ ...agg, output: agg.output.map((a, i) => ({ ...a, qualifier: p.output[i]!.qualifier })) }) as Plan;
}

function oneRow(): Plan {
  return freeze({ kind: "local", rows: [[]], output: [], streaming: false });
}

function stripSubqueryHook(ctx: ResolveContext): ResolveContext {
  return { ...ctx, resolveSubquery: undefined };
}

/** Milliseconds of an INTERVAL literal (a month counts 31 days, as Spark's watermark delay does). */
function delayMillis(e: Expr): number {
  if (e.kind !== "literal") return 0;
  const v = e.value;
  switch (e.type.kind) {
    case "daytime_interval":
      return Math.floor((v as number) / 1000);
    case "yearmonth_interval":
      return (v as number) * 31 * 86_400_000;
    default:
      if (v instanceof CalendarInterval) return v.months * 31 * 86_400_000 + v.days * 86_400_000 + Math.floor(v.micros / 1000);
      return 0;
  }
}

function expandStar(plan: Plan, e: Extract<Expr, { kind: "star" }>): Expr[] {
  const q = e.qualifier?.join(".");
  const attrs = plan.output.filter((a) => !a.name.startsWith(HIDDEN) && (q === undefined || a.qualifier?.toLowerCase() === q.toLowerCase() ||
    (e.qualifier!.length > 1 && a.qualifier?.toLowerCase() === e.qualifier![e.qualifier!.length - 1]!.toLowerCase())));
  if (q !== undefined && attrs.length === 0) {
    throw userError("CANNOT_RESOLVE_STAR_EXPAND",
      `Cannot resolve \`${q}\`.* given input columns ${plan.output.map((a) => "`" + a.name + "`").join(", ")}.`, { sqlState: "42704", position: e.origin });
  }
  if (q === undefined && plan.output.length === 0) {
    throw userError("INVALID_USAGE_OF_STAR_OR_REGEX", "Invalid usage of '*' in expression `*`.", { sqlState: "42000", position: e.origin });
  }
  // Columns of the same name (WITH t(x, x) …) are taken by position.
  const key = (a: Attribute) => `${a.qualifier ?? ""}.${a.name}`.toLowerCase();
  const counts = new Map<string, number>();
  for (const a of plan.output) counts.set(key(a), (counts.get(key(a)) ?? 0) + 1);
  return attrs.map((a) => {
    const parts = a.qualifier ? [a.qualifier, a.name] : [a.name];
    if ((counts.get(key(a)) ?? 0) > 1) return { kind: "column", parts, ordinal: plan.output.indexOf(a), origin: e.origin } as Expr;
    return { kind: "column", parts, origin: e.origin } as Expr;
  });
}

/** Spark's Predicate expressions; anything else in HAVING is wrapped in CAST(… AS BOOLEAN). */
function asPredicate(e: Expr): Expr {
  const predicate = (e.kind === "binary" && ["=", "<=>", "!=", "<", "<=", ">", ">=", "and", "or"].includes(e.op)) ||
    (e.kind === "unary" && e.op === "not") || e.kind === "in" || e.kind === "between" || e.kind === "like" ||
    e.kind === "isNull" || (e.kind === "subquery" && e.mode !== "scalar");
  return predicate ? e : { kind: "cast", arg: e, to: BOOLEAN, mode: "cast", origin: e.origin };
}

/** Select-list aliases used in HAVING stand for their expressions (Spark resolves HAVING against the aggregate output first). */
function substituteAliases(e: Expr, items: readonly Expr[], keep: ReadonlySet<string> = new Set()): Expr {
  const byAlias = new Map<string, Expr>();
  for (const it of items) {
    if (it.kind === "alias" && it.names.length === 1 && !keep.has(it.names[0]!.toLowerCase())) byAlias.set(it.names[0]!.toLowerCase(), it.arg);
  }
  return rewrite(e, (n) => {
    if (n.kind === "subquery") return n;
    if (n.kind === "call" && isAggregateName(n.name) && !n.over) return n;
    if (n.kind === "column" && n.parts.length === 1) return byAlias.get(n.parts[0]!.toLowerCase());
    return undefined;
  });
}

export function renameColumns(p: Plan, names: readonly string[], origin: Origin, ctx: ResolveContext): Plan {
  if (names.length !== p.output.length) {
    throw userError("ASSIGNMENT_ARITY_MISMATCH",
      `The number of columns or variables assigned or aliased: ${names.length} does not match the number of source expressions: ${p.output.length}.`, { sqlState: "42802", position: origin });
  }
  return projectSlots(p, p.output.map((_, i) => i), names, ctx);
}

/** A projection of input slots (optionally renamed), with no name resolution involved. */
function projectSlots(p: Plan, slots: readonly number[], names?: readonly string[], _ctx?: ResolveContext): Plan {
  const exprs: Bound[] = slots.map((i) => {
    const a = p.output[i]!;
    return { kind: "ref", ordinal: i, type: a.type, nullable: a.nullable, name: a.name };
  });
  const output: Attribute[] = slots.map((i, k) => ({ ...p.output[i]!, name: names?.[k] ?? p.output[i]!.name }));
  const sources: Expr[] = slots.map((i, k) => {
    const col = columnRef(p.output[i]!.name);
    return names ? aliased(col, names[k]!) : col;
  });
  return freeze({ kind: "project", input: p, exprs, sources, output, streaming: p.streaming });
}

/** Drops the hidden columns after the first `width` ones. */
function dropHidden(p: Plan, width: number, ctx: ResolveContext): Plan {
  return projectSlots(p, Array.from({ length: width }, (_, i) => i), undefined, ctx);
}

function positionOutOfRange(clause: "ORDER" | "GROUP", n: number, size: number, origin?: Origin): SluiceError {
  return userError(`${clause}_BY_POS_OUT_OF_RANGE`,
    `${clause} BY position ${n} is not in select list (valid range is [1, ${size}]).`, { sqlState: "42805", position: origin });
}


function groupingColumnError(call: Call, groupings: readonly Expr[]): SluiceError {
  return userError("GROUPING_COLUMN_MISMATCH",
    `Column of grouping (${call.args.map((a) => toPrettySQL(a, canonicalName)).join(", ")}) can't be found in grouping columns ${groupings.map((g) => toPrettySQL(g, canonicalName)).join(",")}.`,
    { sqlState: "42803", position: call.origin });
}

/** Bit `shift` of the grouping id, as a number of `type`: (gid div 2^shift) % 2. */
function groupingBit(gid: Expr, shift: number, type: DataType): Expr {
  const shifted: Expr = { kind: "binary", op: "div", left: gid, right: { kind: "literal", value: 2 ** shift, type: LONG } };
  const bit: Expr = { kind: "binary", op: "%", left: shifted, right: { kind: "literal", value: 2, type: LONG } };
  return { kind: "cast", arg: bit, to: type, mode: "cast" };
}

const GENERATOR_NAMES = new Set(["explode", "explode_outer", "posexplode", "posexplode_outer", "inline", "inline_outer"]);

function containsGenerator(e: Expr): boolean {
  return anyNode(e, (n) => n.kind === "call" && GENERATOR_NAMES.has(n.name.toLowerCase()));
}

/**
 * `agg(x) FILTER (WHERE c)` as `agg(CASE WHEN c THEN x END)`: the same for aggregates that skip
 * nulls, which are the ones that accept a FILTER here.
 */
function aggregateFilters(e: Expr): Expr {
  if (!anyNode(e, (n) => n.kind === "call" && n.filter !== undefined)) return e;
  return rewrite(e, (n) => {
    if (n.kind !== "call" || n.filter === undefined) return undefined;
    const name = n.name.toLowerCase();
    if (n.over && isAggregateName(name)) {
      throw userError("_LEGACY_ERROR_TEMP_1030", "Window aggregate function with filter predicate is not supported yet.", { position: n.origin });
    }
    if (!isAggregateName(name) || n.over) {
      throw userError("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", `Invalid SQL syntax: The function ${name} does not support FILTER clause.`, { sqlState: "42000", position: n.origin });
    }
    if (["first", "last", "first_value", "last_value", "any_value"].includes(name)) {
      throw userError("UNSUPPORTED_FEATURE.AGGREGATE_FILTER", `FILTER on ${name} is not supported.`, { sqlState: "0A000", position: n.origin, hint: "Filter the rows in a subquery first." });
    }
    const args = name === "count" && n.args.length === 1 && n.args[0]!.kind === "star" ? [{ kind: "literal", value: 1, type: INT } as Expr] : n.args;
    const guarded = args.map((a) => ({ kind: "case", branches: [{ when: n.filter!, then: a }] }) as Expr);
    return { kind: "call", name: n.name, args: guarded, distinct: n.distinct, origin: n.origin };
  });
}

/** `rewritten` under the name Spark gives `original` (when rewriting changed the printed text). */
function keepName(original: Expr, rewritten: Expr): Expr {
  if (original === rewritten || original.kind === "alias") return rewritten;
  return aliased(rewritten, outputName(original));
}

/**
 * `w.start` where `w` is not a relation qualifier is field `start` of column `w`: written that way
 * the aggregate can match `w` against a grouping expression (the `window` of a time window).
 */
function splitFieldAccess(e: Expr, input: Plan): Expr {
  const qualifiers = new Set(input.output.map((a) => a.qualifier?.toLowerCase()).filter((q) => q !== undefined));
  return rewrite(e, (n) => {
    if (n.kind === "subquery") return n;
    if (n.kind !== "column" || n.parts.length < 2 || qualifiers.has(n.parts[0]!.toLowerCase())) return undefined;
    let out: Expr = { kind: "column", parts: [n.parts[0]!], origin: n.origin };
    for (const f of n.parts.slice(1)) out = { kind: "getField", arg: out, name: f, origin: n.origin };
    return out;
  });
}

function findAggregate(e: Expr): Call | undefined {
  let hit: Call | undefined;
  anyNode(e, (n) => {
    if (n.kind === "call" && !n.over && isAggregateName(n.name)) {
      hit = n;
      return true;
    }
    return false;
  });
  return hit;
}

function findInvalidWhere(e: Expr): string {
  let hit: Expr | undefined;
  anyNode(e, (n) => {
    if (n.kind === "call" && (n.over || isAggregateName(n.name) || GENERATOR_NAMES.has(n.name.toLowerCase()))) {
      hit = n;
      return true;
    }
    return false;
  });
  return hit ? toPrettySQL(hit, canonicalName) : "";
}

/** NOT pushed through AND, OR and NOT (De Morgan), which keeps SQL's three-valued answers. */
function pushNotDown(e: Expr): Expr {
  if (e.kind === "binary" && (e.op === "and" || e.op === "or")) {
    const left = pushNotDown(e.left), right = pushNotDown(e.right);
    return left === e.left && right === e.right ? e : { ...e, left, right };
  }
  if (e.kind !== "unary" || e.op !== "not") return e;
  const a = e.arg;
  if (a.kind === "unary" && a.op === "not") return pushNotDown(a.arg);
  if (a.kind === "binary" && (a.op === "and" || a.op === "or")) {
    const not = (x: Expr): Expr => ({ kind: "unary", op: "not", arg: x, origin: x.origin });
    return pushNotDown({ kind: "binary", op: a.op === "and" ? "or" : "and", left: not(a.left), right: not(a.right), origin: a.origin });
  }
  return e;
}

/** Binary operators whose operands may be swapped (Spark's Canonicalize orders them). */
const COMMUTATIVE: ReadonlySet<string> = new Set(["+", "*", "=", "<=>", "and", "or", "&", "|", "^"]);

/** Whether a query's text calls a function whose value changes per evaluation (rand(), uuid() …). */
function callsNondeterministic(node: unknown, seen = new WeakSet<object>()): boolean {
  if (node === null || typeof node !== "object" || seen.has(node)) return false;
  seen.add(node);
  const n = node as { kind?: unknown; name?: unknown };
  if (n.kind === "call" && typeof n.name === "string" && NONDETERMINISTIC_FUNCTIONS.has(n.name.toLowerCase())) return true;
  return Object.values(node).some((v) => callsNondeterministic(v, seen));
}
