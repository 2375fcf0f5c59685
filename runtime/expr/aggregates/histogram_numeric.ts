// histogram_numeric(x, nb): an approximate histogram of nb bins as an array of {x, y} (bin centre
// in x's type, count as a double), by Spark's NumericHistogram (Ben-Haim & Tom-Tov): each value
// joins or opens a bin, and while there are more than nb bins the two closest merge (ties broken
// with java.util.Random(31183), as Spark does).
import type { AggregateFunction, BoundAggregate } from "../aggregate_def.ts";
import { anyOf, ANY_DAY_TIME_INTERVAL, ANY_YEAR_MONTH_INTERVAL, castArgs, NUMERIC } from "../coercion.ts";
import { dataTypeMismatch, sqlType } from "../expr_errors.ts";
import { foldValue, isFoldable } from "../foldable.ts";
import { rescale } from "../decimal_ops.ts";
import { ArrayType, DATE, DOUBLE, INT, StructField, StructType, TIMESTAMP, TIMESTAMP_NTZ, type DataType } from "../../types/data_type.ts";
import { javaRandomSeed, nextDouble } from "./java_random.ts";

type Bins = [number, number][];

/** Buffer: [nbins, bins (sorted by x), prng seed]. */
function add(buf: unknown[], v: number): void {
  const nb = buf[0] as number, bins = buf[1] as Bins;
  let bin = 0;
  for (let l = 0, r = bins.length; l < r;) {
    bin = (l + r) >> 1;
    if (bins[bin]![0] > v) r = bin;
    else if (bins[bin]![0] < v) l = ++bin;
    else break;
  }
  if (bin < bins.length && bins[bin]![0] === v) bins[bin]![1]++;
  else {
    bins.splice(bin, 0, [v, 1]);
    if (bins.length > nb) trim(buf);
  }
}

function trim(buf: unknown[]): void {
  const nb = buf[0] as number, bins = buf[1] as Bins;
  while (bins.length > nb) {
    let smallest = bins[1]![0] - bins[0]![0];
    let loc = 0, count = 1;
    for (let i = 1; i < bins.length - 1; i++) {
      const diff = bins[i + 1]![0] - bins[i]![0];
      if (diff < smallest) {
        smallest = diff;
        loc = i;
        count = 1;
      } else if (diff === smallest) {
        const [seed, d] = nextDouble(buf[2] as number);
        buf[2] = seed;
        if (d <= 1.0 / ++count) loc = i;
      }
    }
    const a = bins[loc]!, b = bins[loc + 1]!;
    const d = a[1] + b[1];
    a[0] *= a[1] / d;
    a[0] += (b[0] / d) * b[1];
    a[1] = d;
    bins.splice(loc + 1, 1);
  }
}

/** The bin centre back in the input's type (spark.sql.legacy.histogramNumericPropagateInputType). */
function toInputType(t: DataType): (x: number) => unknown {
  switch (t.kind) {
    case "byte": case "short": case "int": case "date": case "yearmonth_interval":
      return (x) => (x < 0 ? Math.ceil(x) : Math.floor(x)) | 0;
    case "long": case "timestamp": case "timestamp_ntz": case "daytime_interval":
      return (x) => Math.trunc(x);
    case "float":
      return (x) => Math.fround(x);
    case "decimal": {
      const { precision, scale } = t;
      // BigDecimal.decimal(x, MathContext(precision)) then setScale(scale, HALF_UP).
      return (x) => {
        const text = x.toExponential(Math.max(precision - 1, 0));
        const [m, e] = text.split("e");
        const digits = BigInt(m!.replace(".", "").replace("-", ""));
        const exp = Number(e) - Math.max(precision - 1, 0);
        const unscaled = (x < 0 ? -digits : digits);
        return rescale(unscaled, -exp, scale, "HALF_UP");
      };
    }
    default:
      return (x) => x;
  }
}

export const histogram_numeric: AggregateFunction = {
  kind: "aggregate",
  name: "histogram_numeric",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx): BoundAggregate {
    const [v, nbArg] = castArgs(args, [anyOf(NUMERIC, DATE, TIMESTAMP, TIMESTAMP_NTZ, ANY_YEAR_MONTH_INTERVAL, ANY_DAY_TIME_INTERVAL), INT], ctx);
    if (!isFoldable(nbArg!)) {
      throw dataTypeMismatch("NON_FOLDABLE_INPUT", ctx.sql, `the input \`nb\` should be a foldable ${sqlType(nbArg!.type)} expression; however, got "${ctx.argSql[1]}".`);
    }
    const nb = foldValue(nbArg!) as number | null;
    if (nb === null) throw dataTypeMismatch("UNEXPECTED_NULL", ctx.sql, "The nb must not be null.");
    if (nb < 2) throw dataTypeMismatch("VALUE_OUT_OF_RANGE", ctx.sql, `The nb must be between [2, 2147483647] (current value = ${nb}).`);
    const propagate = (ctx.conf?.("spark.sql.legacy.histogramNumericPropagateInputType") ?? "true") !== "false";
    const xType = propagate ? v!.type : DOUBLE;
    const back = propagate ? toInputType(v!.type) : (x: number) => x;
    const toDouble = v!.type.kind === "decimal" ? (d: unknown) => Number(d) / 10 ** (v!.type as { scale: number }).scale : (d: unknown) => Number(d);
    const type = new ArrayType(new StructType([new StructField("x", xType, true), new StructField("y", DOUBLE, true)]), true);
    return {
      name: "histogram_numeric", args: [v!], type, nullable: true, bufferSchema: `histogram_numeric:int,array<struct<x:double,y:double>>,bigint`,
      init: () => [nb, [], Number(javaRandomSeed(31183))],
      update(buf, [x]) {
        if (x !== null) add(buf, toDouble(x));
      },
      merge(buf, other) {
        const theirs = other[1] as Bins;
        if (theirs.length === 0) return;
        const mine = buf[1] as Bins;
        const all = [...mine.map((b) => [b[0], b[1]] as [number, number]), ...theirs.map((b) => [b[0], b[1]] as [number, number])];
        all.sort((a, b) => a[0] - b[0]);
        buf[1] = all;
        if (mine.length > 0) trim(buf);
      },
      evaluate(buf) {
        const bins = buf[1] as Bins;
        return bins.length < 1 ? null : bins.map(([x, y]) => [back(x), y]);
      },
    };
  },
};
