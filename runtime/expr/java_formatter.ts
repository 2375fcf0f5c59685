// java.util.Formatter (Locale.US), as Spark's format_string/printf call it with the engine's
// values: %[index$][flags][width][.precision]conversion for the general (s S b B h H c C),
// integral (d o x X) and floating (e E f g G) conversions, %% and %n, with Java's exceptions as
// SluiceErrors carrying Java's message. Floating conversions round the decimal digits of
// Double.toString half-up, as Java's FormattedFloatingDecimal does.
import { SluiceError } from "../errors.ts";
import type { DataType } from "../types/data_type.ts";
import { toJavaString } from "./decimal_ops.ts";
import { javaDoubleToString, javaFloatToString } from "./java_format.ts";

/** A value with the type it came from (Java's boxed class decides what a conversion accepts). */
export interface FormatArg {
  readonly value: unknown;
  readonly type: DataType;
}

const SPEC = /%(\d+\$|<)?([-#+ 0,(]*)?(\d+)?(\.\d+)?([a-zA-Z%])/g;

function javaError(code: string, message: string): SluiceError {
  return new SluiceError(code, message, { sqlState: "22023" });
}

export function javaFormat(pattern: string, args: readonly FormatArg[]): string {
  let out = "";
  let last = 0;
  let ordinary = 0;
  let previous = -1;
  SPEC.lastIndex = 0;
  for (let m = SPEC.exec(pattern); m !== null; m = SPEC.exec(pattern)) {
    const [whole, index, flags = "", widthText, precText, conv] = m;
    const between = pattern.slice(last, m.index);
    if (between.includes("%")) throw unknownConversion(between.slice(between.indexOf("%") + 1, between.indexOf("%") + 2));
    out += between;
    last = m.index + whole.length;
    const width = widthText === undefined ? -1 : Number(widthText);
    const precision = precText === undefined ? -1 : Number(precText.slice(1));
    if (conv === "%") {
      out += justify("%", flags, width);
      continue;
    }
    if (conv === "n") {
      out += "\n";
      continue;
    }
    let argIndex: number;
    if (index === "<") argIndex = previous;
    else if (index !== undefined) argIndex = Number(index.slice(0, -1)) - 1;
    else argIndex = ordinary++;
    previous = argIndex;
    if (argIndex < 0 || argIndex >= args.length) throw javaError("FORMAT_MISSING_ARGUMENT", `Format specifier '${whole}'`);
    out += convert(conv!, args[argIndex]!, flags, width, precision);
  }
  const rest = pattern.slice(last);
  if (rest.includes("%")) {
    const i = rest.indexOf("%");
    throw i + 1 >= rest.length ? javaError("FORMAT_UNKNOWN_CONVERSION", `Format specifier '%'`) : unknownConversion(rest[i + 1]!);
  }
  return out + rest;
}

function unknownConversion(c: string): SluiceError {
  return javaError("FORMAT_UNKNOWN_CONVERSION", `Conversion = '${c}'`);
}

function justify(s: string, flags: string, width: number): string {
  if (width < 0 || s.length >= width) return s;
  return flags.includes("-") ? s.padEnd(width) : s.padStart(width);
}

function javaClass(t: DataType): string {
  switch (t.kind) {
    case "string": return "org.apache.spark.unsafe.types.UTF8String";
    case "byte": return "java.lang.Byte";
    case "short": return "java.lang.Short";
    case "int": case "date": case "yearmonth_interval": return "java.lang.Integer";
    case "long": case "timestamp": case "timestamp_ntz": case "daytime_interval": return "java.lang.Long";
    case "float": return "java.lang.Float";
    case "double": return "java.lang.Double";
    case "boolean": return "java.lang.Boolean";
    case "decimal": return "org.apache.spark.sql.types.Decimal";
    default: return "java.lang.Object";
  }
}

/** String.valueOf of the engine's value (the Java object Spark passes). */
function javaString(a: FormatArg): string {
  const v = a.value;
  if (v === null || v === undefined) return "null";
  switch (a.type.kind) {
    case "float": return javaFloatToString(v as number);
    case "double": return javaDoubleToString(v as number);
    case "decimal": return toJavaString(v as bigint, a.type.scale);
    case "binary": return "[B@" + "0";
    default: return String(v);
  }
}

function convert(conv: string, a: FormatArg, flags: string, width: number, precision: number): string {
  const upper = conv === conv.toUpperCase();
  const v = a.value;
  const mismatch = () => javaError("FORMAT_CONVERSION_MISMATCH", `${conv} != ${javaClass(a.type)}`);
  switch (conv.toLowerCase()) {
    case "s": {
      let s = javaString(a);
      if (precision >= 0) s = s.slice(0, precision);
      return justify(upper ? s.toUpperCase() : s, flags, width);
    }
    case "b": {
      let s = v === null || v === undefined ? "false" : a.type.kind === "boolean" ? String(v) : "true";
      if (precision >= 0) s = s.slice(0, precision);
      return justify(upper ? s.toUpperCase() : s, flags, width);
    }
    case "h": {
      const s = v === null || v === undefined ? "null" : javaHash(a).toString(16);
      return justify(upper ? s.toUpperCase() : s, flags, width);
    }
    case "c": {
      if (v === null || v === undefined) return justify("null", flags, width);
      if (a.type.kind !== "byte" && a.type.kind !== "short" && a.type.kind !== "int") throw mismatch();
      const s = String.fromCodePoint((v as number) & (a.type.kind === "byte" ? 0xff : a.type.kind === "short" ? 0xffff : 0x1fffff));
      return justify(upper ? s.toUpperCase() : s, flags, width);
    }
    case "d":
    case "o":
    case "x": {
      if (v === null || v === undefined) return justify("null", flags, width);
      const bits = { byte: 8, short: 16, int: 32, long: 64 }[a.type.kind as "byte"];
      if (bits === undefined) throw mismatch();
      const n = BigInt(v as number);
      if (conv === "d") return integral(n, flags, width);
      const unsigned = n < 0n ? n + (1n << BigInt(bits)) : n;
      let s = unsigned.toString(conv === "o" ? 8 : 16);
      if (flags.includes("#")) s = (conv === "o" ? "0" : "0x") + s;
      if (conv === "X") s = s.toUpperCase();
      if (flags.includes("0") && width > s.length) {
        const prefix = flags.includes("#") ? (conv === "o" ? 1 : 2) : 0;
        s = s.slice(0, prefix) + "0".repeat(width - s.length) + s.slice(prefix);
      }
      return justify(s, flags, width);
    }
    case "e":
    case "f":
    case "g": {
      if (v === null || v === undefined) return justify("null", flags, width);
      if (a.type.kind !== "float" && a.type.kind !== "double") throw mismatch();
      const d = v as number;
      let body: string;
      if (Number.isNaN(d)) body = "NaN";
      else if (!Number.isFinite(d)) body = d > 0 ? (flags.includes("+") ? "+Infinity" : "Infinity") : flags.includes("(") ? "(Infinity)" : "-Infinity";
      else body = floating(conv.toLowerCase(), a.type.kind === "float" ? javaFloatToString(d) : javaDoubleToString(d), flags, width, precision);
      if (conv === "E" || conv === "G") body = body.toUpperCase();
      return justify(body, flags, width);
    }
    default:
      throw unknownConversion(conv);
  }
}

function group(digits: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return out;
}

/** Sign, grouping, zero padding and parentheses around an already formatted magnitude. */
function signed(negative: boolean, magnitude: string, flags: string, width: number): string {
  let prefix = "", suffix = "";
  if (negative) {
    if (flags.includes("(")) {
      prefix = "(";
      suffix = ")";
    } else prefix = "-";
  } else if (flags.includes("+")) prefix = "+";
  else if (flags.includes(" ")) prefix = " ";
  let body = magnitude;
  if (flags.includes("0") && width > 0) {
    const pad = width - prefix.length - suffix.length - body.length;
    if (pad > 0) body = "0".repeat(pad) + body;
  }
  return prefix + body + suffix;
}

function integral(n: bigint, flags: string, width: number): string {
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString();
  if (flags.includes(",")) digits = group(digits);
  return signed(neg, digits, flags, width);
}

/** Digits and decimal exponent of Double.toString's text: 1.25E-3 -> ["125", -3]. */
function decimalDigits(text: string): { digits: string; exp: number } {
  const t = text.startsWith("-") ? text.slice(1) : text;
  const [mant, e] = t.split("E");
  const [ip, fp = ""] = mant!.split(".");
  let digits = (ip! + fp).replace(/^0+/, "");
  let exp = (e === undefined ? 0 : Number(e)) + ip!.length - 1;
  if (digits === "") return { digits: "0", exp: 0 };
  // leading zeros of "0.00123" shift the exponent
  const lead = (ip! + fp).length - (ip! + fp).replace(/^0+/, "").length;
  exp -= lead;
  digits = digits.replace(/0+$/, "") || "0";
  return { digits, exp };
}

/** Rounds digits (value 0.d1d2… × 10^(exp+1)) half-up to keep `keep` digits; may carry into a new digit. */
function roundHalfUp(digits: string, exp: number, keep: number): { digits: string; exp: number } {
  if (keep < 0) return { digits: "0", exp };
  if (digits.length <= keep) return { digits, exp };
  let kept = digits.slice(0, keep);
  if (digits.charCodeAt(keep) >= 53) {
    const inc = (BigInt(kept === "" ? "0" : kept) + 1n).toString();
    if (inc.length > kept.length) {
      return { digits: inc.replace(/0+$/, "") || "0", exp: exp + 1 };
    }
    kept = inc.padStart(keep, "0");
  }
  return { digits: kept.replace(/0+$/, "") || "0", exp };
}

function fixed(digits: string, exp: number, precision: number): string {
  const r = roundHalfUp(digits, exp, exp + 1 + precision);
  const all = r.digits === "0" ? "" : r.digits;
  const e = r.digits === "0" ? 0 : r.exp;
  let ip: string, fp: string;
  if (e >= 0) {
    ip = all.slice(0, e + 1).padEnd(e + 1, "0");
    fp = all.slice(e + 1);
  } else {
    ip = "0";
    fp = "0".repeat(-e - 1) + all;
  }
  fp = fp.padEnd(precision, "0").slice(0, precision);
  return precision > 0 ? `${ip || "0"}.${fp}` : ip || "0";
}

function scientific(digits: string, exp: number, precision: number): string {
  const r = roundHalfUp(digits, exp, precision + 1);
  const ds = r.digits.padEnd(precision + 1, "0");
  const e = r.digits === "0" ? 0 : r.exp;
  const mant = precision > 0 ? `${ds[0]}.${ds.slice(1, precision + 1)}` : ds[0]!;
  return `${mant}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

function floating(conv: string, text: string, flags: string, width: number, precision: number): string {
  const neg = text.startsWith("-");
  const { digits, exp } = decimalDigits(text);
  let p = precision < 0 ? 6 : precision;
  let body: string;
  if (conv === "f") body = fixed(digits, exp, p);
  else if (conv === "e") body = scientific(digits, exp, p);
  else {
    if (p === 0) p = 1;
    // Java's %g: scientific unless 10^-4 <= rounded value < 10^precision.
    const r = roundHalfUp(digits, exp, p);
    const e = r.digits === "0" ? 0 : r.exp;
    body = e >= -4 && e < p ? fixed(digits, exp, p - 1 - e) : scientific(digits, exp, p - 1);
  }
  if (flags.includes(",")) {
    const [ip, fp] = body.split(".");
    if (!ip!.includes("e")) body = group(ip!) + (fp === undefined ? "" : "." + fp);
  }
  return signed(neg, body, flags, width);
}

function javaHash(a: FormatArg): number {
  const v = a.value;
  switch (a.type.kind) {
    case "boolean": return v ? 1231 : 1237;
    case "int": case "short": case "byte": case "date": return (v as number) >>> 0;
    case "long": {
      const n = BigInt.asUintN(64, BigInt(v as number));
      return Number((n ^ (n >> 32n)) & 0xffffffffn);
    }
    default: {
      let h = 0;
      for (const c of javaString(a)) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
      return h >>> 0;
    }
  }
}
