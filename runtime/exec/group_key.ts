// The string a batch's hash aggregate files a group under, built for the grouping columns' types:
// numbers and strings (and structs of them, such as a window) are written directly, anything
// else through keyString. Two keys get the same string exactly when keyString gives them the same
// one (so the batch's groups are the state store's groups): numbers by value with -0 apart and all
// NaNs together, bigints apart from numbers, strings by their characters, nulls apart from all.
import { keyString } from "../state/key_string.ts";
import type { DataType } from "../types/data_type.ts";

type Encode = (v: unknown) => string;

/** Self-delimiting: a number ends with ";", a string carries its length, a struct is bracketed. */
const other: Encode = (v) => {
  const k = keyString([v]);
  return "x" + k.length + ":" + k;
};
const number: Encode = (v) =>
  typeof v === "number" ? (v === 0 && 1 / v < 0 ? "-0;" : v + ";") : v === null ? "z" : typeof v === "bigint" ? v + "n;" : other(v);
const string: Encode = (v) => (typeof v === "string" ? v.length + ":" + v : v === null ? "z" : other(v));

function encoderFor(t: DataType): Encode {
  switch (t.kind) {
    case "byte": case "short": case "int": case "long": case "float": case "double":
    case "date": case "timestamp": case "timestamp_ntz": case "yearmonth_interval": case "daytime_interval":
      return number;
    case "string":
      return string;
    case "struct": {
      const fields = t.fields.map((f) => encoderFor(f.dataType));
      return (v) => {
        if (!Array.isArray(v)) return v === null ? "z" : other(v);
        let s = "[";
        for (let i = 0; i < fields.length; i++) s += fields[i]!(v[i]);
        return s + "]";
      };
    }
    default:
      return other;
  }
}

/** A key function for values of `types`, equal strings exactly for keys keyString deems equal. */
export function groupKeyOf(types: readonly DataType[]): (values: readonly unknown[]) => string {
  const enc = types.map(encoderFor);
  if (enc.length === 0) return () => "";
  if (enc.length === 1) {
    const e0 = enc[0]!;
    return (v) => e0(v[0]);
  }
  if (enc.length === 2) {
    const e0 = enc[0]!, e1 = enc[1]!;
    return (v) => e0(v[0]) + e1(v[1]);
  }
  return (v) => {
    let s = "";
    for (let i = 0; i < enc.length; i++) s += enc[i]!(v[i]);
    return s;
  };
}
