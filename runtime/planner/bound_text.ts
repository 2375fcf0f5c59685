// The text of a bound expression in plans, as Spark prints expressions in EXPLAIN: columns by
// name, operators infix and parenthesized ("(price * quantity)"), string literals bare, casts
// as "cast(x as double)".
import type { Bound } from "../expr/bound.ts";
import type { BoundAggregate } from "../expr/aggregate_def.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";

const INFIX: Readonly<Record<string, string>> = {
  add: "+", subtract: "-", multiply: "*", divide: "/", mod: "%", div: "div",
  equal: "=", equal_null_safe: "<=>", not_equal: "!=", less_than: "<", less_than_or_equal: "<=", greater_than: ">",
  greater_than_or_equal: ">=", concat_op: "||", bitwise_and: "&", bitwise_or: "|", bitwise_xor: "^",
};

/** `refName(i)` names input column i (default: the name the reference carries). */
export function boundText(b: Bound, refName?: (ordinal: number) => string): string {
  const t = (x: Bound) => boundText(x, refName);
  switch (b.kind) {
    case "ref":
      return refName ? refName(b.ordinal) : b.name;
    case "lambdaVar":
      return b.name;
    case "lit":
      return literalText(b.value, b.type.kind);
    case "and":
    case "or":
      return `(${t(b.left)} ${b.kind.toUpperCase()} ${t(b.right)})`;
    case "case":
      return `CASE ${b.branches.map((br) => `WHEN ${t(br.when)} THEN ${t(br.then)}`).join(" ")} ELSE ${t(b.otherwise)} END`;
    case "coalesce":
      return `coalesce(${b.args.map(t).join(", ")})`;
    case "fn": {
      const op = INFIX[b.name];
      if (op !== undefined && b.args.length === 2) return `(${t(b.args[0]!)} ${op} ${t(b.args[1]!)})`;
      if (b.name === "cast") return b.args.length === 1 ? `cast(${t(b.args[0]!)} as ${b.type.simpleString()})` : literalText(b.impl(), b.type.kind);
      if (b.name === "not" && b.args.length === 1) return `NOT ${t(b.args[0]!)}`;
      return `${b.name}(${b.args.map(t).join(", ")})`;
    }
    default: {
      const never: never = b;
      throw new Error(`boundText: unknown node ${JSON.stringify(never)}`);
    }
  }
}

/** An aggregate call: sum((price * quantity)), count(1), and Spark's partial_/merge_ prefixes. */
export function aggregateText(a: BoundAggregate, refName?: (ordinal: number) => string, prefix = ""): string {
  return `${prefix}${a.name}(${a.args.length === 0 ? (a.name === "count" ? "1" : "") : a.args.map((x) => boundText(x, refName)).join(", ")})`;
}

function literalText(v: unknown, kind: string): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return v;
    case "bigint":
      return String(v);
    case "number":
      return kind === "timestamp" || kind === "timestamp_ntz" ? `${v}` : Object.is(v, -0) ? "-0.0" : String(v);
    case "boolean":
      return String(v);
  }
  if (v instanceof CalendarInterval) return v.toString();
  if (v instanceof Uint8Array) return `0x${[...v].map((x) => x.toString(16).padStart(2, "0")).join("").toUpperCase()}`;
  if (Array.isArray(v)) return `[${v.map((x) => literalText(x, "")).join(",")}]`;
  return String(v);
}
