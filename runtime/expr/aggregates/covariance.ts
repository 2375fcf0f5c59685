// covar_pop / covar_samp / corr and the regr_* aggregates built on the same running sums (Spark's
// Covariance and PearsonCorrelation: identical update and merge arithmetic). Rows where either
// argument is NULL are skipped.
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import type { BindContext, Bound } from "../bound.ts";
import { castArgs } from "../coercion.ts";
import { DOUBLE } from "../../types/data_type.ts";
import { divideByZero as divideByZeroError } from "../expr_errors.ts";

/**
 * Buffer [n, xAvg, yAvg, ck, xMk, yMk, m2x, m2y] over (x, y) pairs: PearsonCorrelation's sums, and
 * the CentralMomentAgg m2 of x and y (computed as delta * (delta - deltaN), which rounds apart
 * from xMk), which regr_sxx, regr_syy, regr_slope and regr_intercept read.
 */
function update(buf: unknown[], x: number, y: number): void {
  const [n, xAvg, yAvg, ck, xMk, yMk, m2x, m2y] = buf as number[];
  const newN = n! + 1;
  const dx = x - xAvg!, dy = y - yAvg!;
  const dxN = dx / newN, dyN = dy / newN;
  const newXAvg = xAvg! + dxN, newYAvg = yAvg! + dyN;
  buf[0] = newN;
  buf[1] = newXAvg;
  buf[2] = newYAvg;
  buf[3] = ck! + dx * (y - newYAvg);
  buf[4] = xMk! + dx * (x - newXAvg);
  buf[5] = yMk! + dy * (y - newYAvg);
  buf[6] = m2x! + dx * (dx - dxN);
  buf[7] = m2y! + dy * (dy - dyN);
}

function merge(buf: unknown[], other: readonly unknown[]): void {
  const [n1, xAvg1, yAvg1, ck1, xMk1, yMk1, m2x1, m2y1] = buf as number[];
  const [n2, xAvg2, yAvg2, ck2, xMk2, yMk2, m2x2, m2y2] = other as number[];
  const newN = n1! + n2!;
  const dx = xAvg2! - xAvg1!, dy = yAvg2! - yAvg1!;
  const dxN = newN === 0 ? 0 : dx / newN, dyN = newN === 0 ? 0 : dy / newN;
  buf[0] = newN;
  buf[1] = xAvg1! + dxN * n2!;
  buf[2] = yAvg1! + dyN * n2!;
  buf[3] = ck1! + ck2! + dx * dyN * n1! * n2!;
  buf[4] = xMk1! + xMk2! + dx * dxN * n1! * n2!;
  buf[5] = yMk1! + yMk2! + dy * dyN * n1! * n2!;
  buf[6] = m2x1! + m2x2! + dx * dxN * n1! * n2!;
  buf[7] = m2y1! + m2y2! + dy * dyN * n1! * n2!;
}

type Finish = (b: { n: number; xAvg: number; yAvg: number; ck: number; xMk: number; yMk: number; m2x: number; m2y: number }, legacy: boolean, ansi: boolean) => number | null;

/** An aggregate over (first, second) as doubles; `swap` reads the pair as (second, first) (regr_* take (y, x)). */
function pairAggregate(name: string, finish: Finish, swap = false): AggregateFunction {
  return {
    kind: "aggregate",
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args, ctx: BindContext): BoundAggregate {
      const typed = castArgs(args, [DOUBLE, DOUBLE], ctx) as Bound[];
      const legacy = (ctx.conf?.("spark.sql.legacy.statisticalAggregate") ?? "false") === "true";
      return {
        name, args: typed, type: DOUBLE, nullable: true, bufferSchema: `${name}:double,double,double,double,double,double,double,double`,
        init: () => [0, 0, 0, 0, 0, 0, 0, 0],
        update(buf, [a, b]) {
          if (a === null || b === null) return;
          if (swap) update(buf, b as number, a as number);
          else update(buf, a as number, b as number);
        },
        merge,
        evaluate(buf) {
          const [n, xAvg, yAvg, ck, xMk, yMk, m2x, m2y] = buf as number[];
          return finish({ n: n!, xAvg: xAvg!, yAvg: yAvg!, ck: ck!, xMk: xMk!, yMk: yMk!, m2x: m2x!, m2y: m2y! }, legacy, ctx.ansi);
        },
      };
    },
  };
}

const divideByZero = (legacy: boolean) => (legacy ? NaN : null);

export const covar_pop = pairAggregate("covar_pop", (b) => (b.n === 0 ? null : b.ck / b.n));
export const covar_samp = pairAggregate("covar_samp", (b, legacy) => (b.n === 0 ? null : b.n === 1 ? divideByZero(legacy) : b.ck / (b.n - 1)));
// Spark evaluates ck / sqrt(xMk * yMk) with `/`, which under ANSI fails on a zero divisor.
export const corr = pairAggregate("corr", (b, legacy, ansi) => {
  if (b.n === 0) return null;
  if (b.n === 1) return divideByZero(legacy);
  const d = Math.sqrt(b.xMk * b.yMk);
  if (d === 0 && ansi) throw divideByZeroError();
  return b.ck / d;
});
// regr_*(y, x): x is the independent variable, read first.
export const regr_r2 = pairAggregate("regr_r2", (b) => {
  if (b.xMk === 0) return null;
  if (b.yMk === 0) return 1;
  const c = b.ck / Math.sqrt(b.xMk * b.yMk);
  return c * c;
}, true);
export const regr_sxy = pairAggregate("regr_sxy", (b) => (b.n === 0 ? null : b.ck), true);
export const regr_sxx = pairAggregate("regr_sxx", (b) => (b.n === 0 ? null : b.m2x), true);
export const regr_syy = pairAggregate("regr_syy", (b) => (b.n === 0 ? null : b.m2y), true);
export const regr_slope = pairAggregate("regr_slope", (b) => (b.m2x === 0 ? null : b.ck / b.m2x), true);
export const regr_intercept = pairAggregate("regr_intercept", (b) => (b.m2x === 0 ? null : b.yAvg - (b.ck / b.m2x) * b.xAvg), true);
