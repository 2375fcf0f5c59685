// Spark's ToNumberParser: the number formats of to_number / try_to_number (string -> decimal) and
// to_char (decimal -> string): 0 and 9 digits, . or D, , or G, $, S, MI and PR. A port of the
// tokenizer, the format checks (INVALID_FORMAT.*) and both directions, state kept per call.
import { SluiceError } from "../errors.ts";
import { DecimalType } from "../types/data_type.ts";
import { toPlainString } from "./decimal_ops.ts";

type Digits = { t: "exactly"; n: number } | { t: "atMost"; n: number };
type Token =
  | Digits
  | { t: "point" }
  | { t: "comma" }
  | { t: "groups"; tokens: readonly (Digits | { t: "comma" })[]; digits: readonly Digits[] }
  | { t: "dollar" }
  | { t: "sign" }
  | { t: "minus" }
  | { t: "open" }
  | { t: "close" }
  | { t: "invalid"; c: string };

/** InputToken.toString, as error messages name the tokens. */
function tokenText(t: Token): string {
  switch (t.t) {
    case "exactly": case "atMost": case "groups": return "digit sequence";
    case "point": return ". or D";
    case "comma": return ", or G";
    case "dollar": return "$";
    case "sign": return "S";
    case "minus": return "MI";
    case "open": case "close": return "PR";
    case "invalid": return `character '${t.c}''`;
  }
}

const isDigitChar = (c: string) => c >= "0" && c <= "9";
/** Java's Character.isWhitespace for the characters an input can hold. */
const isJavaWhitespace = (c: string) => /[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]/.test(c);

function digitCount(d: Digits): number {
  return d.n;
}

export class ToNumberParser {
  private readonly tokens: Token[];
  readonly precision: number;
  readonly scale: number;

  /** `format` as Spark keeps it: upper-cased. */
  constructor(readonly pattern: string, private readonly errorOnFail: boolean) {
    this.tokens = tokenize(pattern);
    this.precision = this.tokens.reduce((s, t) => s + (t.t === "groups" ? t.digits.reduce((a, d) => a + digitCount(d), 0) : 0), 0);
    const point = this.tokens.findIndex((t) => t.t === "point");
    this.scale = point < 0 ? 0 : this.tokens.slice(point).reduce((s, t) => s + (t.t === "groups" ? t.digits.reduce((a, d) => a + digitCount(d), 0) : 0), 0);
  }

  get decimalType(): DecimalType {
    return new DecimalType(this.precision, this.scale);
  }

  /** checkInputDataTypes: INVALID_FORMAT.<sub> for a format Spark refuses, else null. */
  check(): SluiceError | null {
    const f = `'${this.pattern.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
    const invalid = (sub: string, detail: string) =>
      new SluiceError(`INVALID_FORMAT.${sub}`, `The format is invalid: ${f}. ${detail}`, { sqlState: "42601" });
    const tokens = this.tokens;
    const firstDollar = tokens.findIndex((t) => t.t === "dollar");
    const firstDigit = tokens.findIndex((t) => t.t === "groups");
    const firstPoint = tokens.findIndex((t) => t.t === "point");
    const groupsBefore = tokens.filter((t, i) => t.t === "groups" && (firstPoint === -1 || i < firstPoint)) as Extract<Token, { t: "groups" }>[];
    const groupsAfter = tokens.filter((t, i) => t.t === "groups" && firstPoint !== -1 && i > firstPoint) as Extract<Token, { t: "groups" }>[];
    if (this.pattern.length === 0) return invalid("EMPTY", "The number format string cannot be empty.");
    if (firstDigit === -1) return invalid("WRONG_NUM_DIGIT", "The format string requires at least one number digit.");
    if (firstDigit < firstDollar) return invalid("CUR_MUST_BEFORE_DIGIT", "Currency characters must appear before digits in the number format.");
    if (firstPoint !== -1 && firstPoint < firstDollar) {
      return invalid("CUR_MUST_BEFORE_DEC", "Currency characters must appear before any decimal point in the number format.");
    }
    const badSeparators = groupsBefore.some((g) => g.tokens.some((t, j) => t.t === "comma" &&
      (j === 0 || j === g.tokens.length - 1 || g.tokens[j - 1]!.t === "comma" || g.tokens[j + 1]!.t === "comma")));
    if (badSeparators) {
      return invalid("CONT_THOUSANDS_SEPS", "Thousands separators (, or G) must have digits in between them in the number format.");
    }
    if (groupsAfter.some((g) => g.tokens.length > g.digits.length)) {
      return invalid("THOUSANDS_SEPS_MUST_BEFORE_DEC", "Thousands separators (, or G) may not appear after the decimal point in the number format.");
    }
    for (const kind of ["point", "sign", "minus", "dollar", "close"] as const) {
      const t = tokens.find((x) => x.t === kind);
      if (t && tokens.filter((x) => x.t === kind).length > 1) {
        return invalid("WRONG_NUM_TOKEN", `At most one ${tokenText(t)} is allowed in the number format.`);
      }
    }
    const allowed: (readonly Token["t"][])[] = [["open"], ["minus", "sign"], ["dollar"], ["groups"], ["point"], ["groups"], ["dollar"], ["minus", "sign", "close"]];
    let k = 0;
    for (const set of allowed) if (k < tokens.length && set.includes(tokens[k]!.t)) k++;
    if (k < tokens.length) {
      return invalid("UNEXPECTED_TOKEN",
        `Found the unexpected ${tokenText(tokens[k]!)} in the format string; the structure of the format string must match: \`[MI|S]\` \`[$]\` \`[0|9|G|,]*\` \`[.|D]\` \`[0|9]*\` \`[$]\` \`[PR|MI|S]\`.`);
    }
    return null;
  }

  private mismatch(typeSql: string, input: string): null {
    if (this.errorOnFail) {
      throw new SluiceError("INVALID_FORMAT.MISMATCH_INPUT",
        `The format is invalid: '${this.pattern}'. The input ${typeSql} ${input} does not match the format.`, { sqlState: "42601" });
    }
    return null;
  }

  /** to_number: the unscaled value of DECIMAL(precision, scale), or null (try_) / INVALID_FORMAT.MISMATCH_INPUT. */
  parse(input: string): bigint | null {
    const st = { before: "", after: "", groupSizes: [] as number[], inGroup: 0 };
    let reachedPoint = false, open = false, close = false, negate = false;
    let i = 0;
    const fail = () => this.mismatch('"STRING"', input);
    for (const token of this.tokens) {
      const c = i < input.length ? input[i]! : undefined;
      switch (token.t) {
        case "groups": {
          const next = parseDigitGroups(token, input, i, reachedPoint, st);
          if (next === null) return fail();
          i = next;
          break;
        }
        case "point":
          if (c === ".") {
            reachedPoint = true;
            i++;
          }
          break;
        case "dollar":
          if (c !== undefined) {
            if (c !== "$") return fail();
            i++;
          }
          break;
        case "sign":
          if (c === "+") i++;
          else if (c === "-") {
            negate = !negate;
            i++;
          }
          break;
        case "minus":
          if (c === "-") {
            negate = !negate;
            i++;
          }
          break;
        case "open":
          if (c === "<") {
            if (open) return fail();
            open = true;
            i++;
          }
          break;
        case "close":
          if (c === ">") {
            if (!open) return fail();
            close = true;
            negate = !negate;
            i++;
          }
          break;
        default:
          break;
      }
    }
    if (i < input.length || open !== close) return fail();
    const after = st.after + "0".repeat(Math.max(0, this.scale - st.after.length));
    const digits = (st.before + after).replace(/^0+(?=\d)/, "") || "0";
    const v = BigInt(digits);
    return negate ? -v : v;
  }

  /** to_char: the text of a decimal (unscaled `u`, `scale`) in this format. */
  format(u: bigint, scale: number, type: DecimalType): string | null {
    const [before, after] = this.splitInput(u, scale);
    let bi = 0, ai = 0;
    let reachedPoint = false;
    const negative = u < 0n;
    const out: string[] = [];
    const last = () => out[out.length - 1];
    for (const token of this.tokens) {
      switch (token.t) {
        case "groups":
          for (const t of [...token.tokens].reverse()) {
            if (t.t === "comma") {
              const l = last();
              if (l !== undefined && isDigitChar(l)) out.push(",");
              else addSpaceCheckingTrailing(out);
            } else if (!reachedPoint) {
              for (let k = 0; k < t.n; k++) {
                const ch = before[bi++]!;
                if (ch === " " && t.t === "exactly") out.push("0");
                else if (ch === " ") addSpaceCheckingTrailing(out);
                else out.push(ch);
              }
            } else {
              for (let k = 0; k < t.n; k++) out.push(after[ai++]!);
            }
          }
          break;
        case "point":
          if (out.length > 0 && last() === " ") out[out.length - 1] = "0";
          out.push(".");
          reachedPoint = true;
          break;
        case "dollar":
          out.push("$");
          break;
        case "sign":
          stripTrailingLonePoint(out);
          addCharCheckingTrailingSpaces(out, negative ? "-" : "+");
          break;
        case "minus":
          if (negative) {
            stripTrailingLonePoint(out);
            addCharCheckingTrailingSpaces(out, "-");
          } else {
            out.push(" ");
          }
          break;
        case "open":
          if (negative) out.push("<");
          break;
        case "close":
          stripTrailingLonePoint(out);
          if (negative) addCharCheckingTrailingSpaces(out, ">");
          else out.push(" ", " ");
          break;
        default:
          break;
      }
    }
    if (bi < before.length || ai < after.length) return this.mismatch(type.sql(), decimalText(u, scale));
    stripTrailingLonePoint(out);
    const s = out.join("");
    return s === "" || s === "+" || s === "-" ? "0" : s;
  }

  private splitInput(u: bigint, scale: number): [string, string] {
    const plain = toPlainString(u, scale);
    const [b0, a0 = ""] = plain.split(".");
    let before = b0!.replace(/^[-0]+/, "");
    let after = a0.replace(/0+$/, "");
    let digitsBefore = 0, digitsAfter = 0, reached = false;
    for (const t of this.tokens) {
      if (t.t === "groups") for (const d of t.digits) reached ? (digitsAfter += d.n) : (digitsBefore += d.n);
      else if (t.t === "point") reached = true;
    }
    if (digitsBefore < before.length || digitsAfter < after.length) {
      before = "#".repeat(digitsBefore);
      after = "#".repeat(digitsAfter);
    }
    return [" ".repeat(digitsBefore - before.length) + before, after + "0".repeat(digitsAfter - after.length)];
  }
}

/** Decimal.toString (BigDecimal.toPlainString of the value) for error messages. */
function decimalText(u: bigint, scale: number): string {
  return toPlainString(u, scale);
}

function tokenize(format: string): Token[] {
  const tokens: Token[] = [];
  let i = 0, reachedPoint = false;
  const len = format.length;
  while (i < len) {
    const c = format[i]!;
    if (c === "0" || c === "9") {
      const start = i;
      do i++; while (i < len && (format[i] === "0" || format[i] === "9"));
      tokens.push(c === "0" && !reachedPoint ? { t: "exactly", n: i - start } : { t: "atMost", n: i - start });
    } else if (c === "." || c === "D") {
      tokens.push({ t: "point" });
      reachedPoint = true;
      i++;
    } else if (c === "," || c === "G") {
      tokens.push({ t: "comma" });
      i++;
    } else if (c === "$") {
      tokens.push({ t: "dollar" });
      i++;
    } else if (c === "S") {
      tokens.push({ t: "sign" });
      i++;
    } else if (c === "M" && i < len - 1 && format[i + 1] === "I") {
      tokens.push({ t: "minus" });
      i += 2;
    } else if (c === "P" && i < len - 1 && format[i + 1] === "R") {
      tokens.unshift({ t: "open" });
      tokens.push({ t: "close" });
      i += 2;
    } else {
      tokens.push({ t: "invalid", c });
      i++;
    }
  }
  // Consecutive digits and separators become one group, kept reversed (the input's groups are
  // read right to left too, so leading optional digit groups can be absent).
  const grouped: Token[] = [];
  let group: (Digits | { t: "comma" })[] = [], digits: Digits[] = [];
  const flush = () => {
    if (group.length > 0) grouped.push({ t: "groups", tokens: group.reverse(), digits: digits.reverse() });
    group = [];
    digits = [];
  };
  for (const t of tokens) {
    if (t.t === "exactly" || t.t === "atMost") {
      group.push(t);
      digits.push(t);
    } else if (t.t === "comma") {
      group.push(t);
    } else {
      flush();
      grouped.push(t);
    }
  }
  flush();
  return grouped;
}

function parseDigitGroups(
  groups: Extract<Token, { t: "groups" }>, input: string, start: number, reachedPoint: boolean,
  st: { before: string; after: string; groupSizes: number[]; inGroup: number },
): number | null {
  st.inGroup = 0;
  st.groupSizes = [];
  let i = start;
  const matches = (c: string): boolean => {
    if (isJavaWhitespace(c)) return true;
    if (isDigitChar(c)) {
      st.inGroup++;
      if (reachedPoint) st.after += c;
      else st.before += c;
      return true;
    }
    st.groupSizes.unshift(st.inGroup);
    if (c === ",") {
      st.inGroup = 0;
      return true;
    }
    return false;
  };
  while (i < input.length && matches(input[i]!)) i++;
  if (i === input.length) st.groupSizes.unshift(st.inGroup);
  if (st.groupSizes.length > groups.digits.length) return null;
  for (let k = 0; k < groups.digits.length; k++) {
    const expected = groups.digits[k]!;
    const actual = k < st.groupSizes.length ? st.groupSizes[k]! : 0;
    if (expected.t === "exactly" && actual !== expected.n) return null;
    if (expected.t === "atMost" && actual > expected.n) return null;
  }
  return i;
}

function addCharCheckingTrailingSpaces(out: string[], c: string): void {
  out.push(c);
  let i = out.length - 1;
  while (i >= 1 && out[i - 1] === " " && out[i] === c) {
    out[i] = " ";
    out[i - 1] = c;
    i--;
  }
}

function addSpaceCheckingTrailing(out: string[]): void {
  out.push(" ");
  let i = out.length - 1;
  while (i >= 1 && (out[i - 1] === "+" || out[i - 1] === "-" || out[i - 1] === "<") && out[i] === " ") {
    out[i] = out[i - 1]!;
    out[i - 1] = " ";
    i--;
  }
}

function stripTrailingLonePoint(out: string[]): void {
  const i = out.indexOf(".");
  if (i !== -1 && (i === out.length - 1 || out[i + 1] === " ")) out[i] = " ";
}
