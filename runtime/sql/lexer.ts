// Spark SQL tokens (SqlBaseLexer.g4). Keywords are not separate token kinds: every word is a
// "word" token and the parser decides from context whether it is a keyword or an identifier,
// because in Spark's default mode (ansi.enforceReservedKeywords=false) every keyword may also
// be used as an identifier. One pass over the text, longest match as ANTLR does.
import { SluiceError } from "../errors.ts";

export type TokenKind =
  | "word" // identifier or keyword: [\p{L}\d_]+
  | "quoted" // `backquoted identifier`
  | "string" // '…', "…", R'…', R"…"
  | "integer" // 12
  | "bigint" // 12L
  | "smallint" // 12S
  | "tinyint" // 12Y
  | "decimal" // 1.5, .5, 1.
  | "exponent" // 1e10, 1.5E-3
  | "double" // 1.5D
  | "float" // 1.5F
  | "bigdecimal" // 1.5BD
  | "op" // punctuation and operators
  | "unknown" // a character Spark's lexer does not recognize (UNRECOGNIZED)
  | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token, exactly as written. */
  readonly text: string;
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** Upper-cased text for words (keyword comparisons); the operator for "op". */
  readonly upper: string;
  /** The decoded value: unescaped string contents, backquoted name without quotes, or the digits of a number without its suffix. */
  readonly value: string;
}

export interface LexResult {
  readonly tokens: Token[];
  /** Spark reports UNCLOSED_BRACKETED_COMMENT only after the rest parsed, so the lexer just records it. */
  readonly unclosedComment: boolean;
}

const OPERATORS = [
  "<=>", ">>>", "/*+",
  "<=", ">=", "<>", "!=", "!<", "!>", "==", "=>", "<<", ">>", "||", "->", "::", "*/",
  "(", ")", ",", ".", "[", "]", ";", "!", "=", "<", ">", "+", "-", "*", "/", "%", "~", "&", "|", "^", ":", "?", "{", "}",
];

const isDigit = (c: string) => c >= "0" && c <= "9";
const isWordChar = (c: string) => /[\p{L}\d_]/u.test(c);

/** Splits `text` into tokens; the last one is always "eof". */
export function tokenize(text: string, legacyConsecutiveStringLiterals = false): LexResult {
  const tokens: Token[] = [];
  let unclosedComment = false;
  let i = 0;
  const n = text.length;
  const push = (kind: TokenKind, start: number, end: number, value?: string, upper?: string) => {
    const raw = text.slice(start, end);
    tokens.push({ kind, text: raw, start, end, upper: upper ?? raw.toUpperCase(), value: value ?? raw });
  };

  while (i < n) {
    const c = text[i]!;
    // whitespace (Spark's WS set)
    if (/[\s\u00a0\u1680\u2000-\u200a\u2028\u202f\u205f\u3000]/.test(c)) {
      i++;
      continue;
    }
    // -- comment: to end of line, a backslash-newline continues it
    if (c === "-" && text[i + 1] === "-") {
      i += 2;
      while (i < n && text[i] !== "\n" && text[i] !== "\r") {
        if (text[i] === "\\" && text[i + 1] === "\n") i += 2;
        else i++;
      }
      continue;
    }
    // /* comment */ (nested); /*+ is a hint start, not a comment
    if (c === "/" && text[i + 1] === "*" && text[i + 2] !== "+") {
      let depth = 0;
      let j = i;
      while (j < n) {
        if (text[j] === "/" && text[j + 1] === "*") {
          depth++;
          j += 2;
        } else if (text[j] === "*" && text[j + 1] === "/") {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      if (depth > 0) unclosedComment = true;
      i = j;
      continue;
    }
    // raw strings R'…' / R"…"
    if ((c === "r" || c === "R") && (text[i + 1] === "'" || text[i + 1] === '"')) {
      const q = text[i + 1]!;
      const close = text.indexOf(q, i + 2);
      if (close >= 0) {
        push("string", i, close + 1, text.slice(i + 2, close));
        i = close + 1;
        continue;
      }
    }
    if (c === "'" || c === '"') {
      const end = scanQuoted(text, i, c, legacyConsecutiveStringLiterals);
      if (end < 0) {
        push("unknown", i, i + 1);
        i++;
      } else {
        push("string", i, end, unescapeSQLString(text.slice(i, end)));
        i = end;
      }
      continue;
    }
    if (c === "`") {
      const end = scanQuoted(text, i, "`");
      if (end < 0) {
        push("unknown", i, i + 1);
        i++;
      } else {
        const name = text.slice(i + 1, end - 1).replaceAll("``", "`");
        push("quoted", i, end, name, name);
        i = end;
      }
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(text[i + 1] ?? ""))) {
      const t = scanNumberOrWord(text, i);
      // ".5x" is no number (a decimal may not touch a letter): it is a DOT, as in Spark
      if (t) {
        push(t.kind, i, t.end, t.value);
        i = t.end;
        continue;
      }
    }
    if (isWordChar(c)) {
      let j = i;
      while (j < n && isWordChar(text[j]!)) j++;
      push("word", i, j);
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      push("op", i, i + op.length, op, op);
      i += op.length;
      continue;
    }
    // one unrecognized character (a whole surrogate pair counts as one)
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    push("unknown", i, i + len);
    i += len;
  }
  tokens.push({ kind: "eof", text: "", start: n, end: n, upper: "<EOF>", value: "" });
  return { tokens, unclosedComment };
}

/**
 * End offset (exclusive) of a quoted token starting at `i` ('…', "…" or `…`), or -1 when it is
 * not closed. A doubled quote stays inside ('a''b' is a'b, unless legacyConsecutive); like ANTLR's longest match, when
 * the literal never closes, the last place where it could have closed is used ('a'' is 'a').
 */
function scanQuoted(text: string, i: number, q: string, legacyConsecutive = false): number {
  let j = i + 1;
  let lastClose = -1;
  while (j < text.length) {
    const ch = text[j]!;
    if (ch === "\\" && q !== "`") {
      j += 2;
      continue;
    }
    if (ch === q) {
      // spark.sql.legacy.consecutiveStringLiterals.enabled: 'a''b' is two literals, 'a' 'b' (ab).
      if (text[j + 1] === q && !(legacyConsecutive && q !== "`")) {
        lastClose = j + 1;
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return lastClose;
}

/**
 * Numbers as ANTLR lexes them: the longest of the numeric rules and IDENTIFIER wins, ties go to
 * the rule listed first (BIGINT, SMALLINT, TINYINT, INTEGER, EXPONENT, DECIMAL, FLOAT, DOUBLE,
 * BIGDECIMAL, IDENTIFIER). A literal with a '.' must not be followed by a letter, digit or '_'.
 */
function scanNumberOrWord(text: string, i: number): { kind: TokenKind; end: number; value: string } | undefined {
  const n = text.length;
  const up = (k: number) => (text[k] ?? "").toUpperCase();
  const digitsFrom = (k: number) => {
    while (k < n && isDigit(text[k]!)) k++;
    return k;
  };
  const validAfter = (k: number) => {
    const ch = up(k);
    return !((ch >= "A" && ch <= "Z") || isDigit(ch) || ch === "_");
  };
  const exponentFrom = (k: number): number => {
    if (up(k) !== "E") return -1;
    let j = k + 1;
    if (text[j] === "+" || text[j] === "-") j++;
    const e = digitsFrom(j);
    return e > j ? e : -1;
  };
  type Cand = { kind: TokenKind; end: number; body: number; rank: number };
  const cands: Cand[] = [];
  const intEnd = digitsFrom(i);
  const hasInt = intEnd > i;
  if (hasInt) {
    const s = up(intEnd);
    if (s === "L") cands.push({ kind: "bigint", end: intEnd + 1, body: intEnd, rank: 0 });
    if (s === "S") cands.push({ kind: "smallint", end: intEnd + 1, body: intEnd, rank: 1 });
    if (s === "Y") cands.push({ kind: "tinyint", end: intEnd + 1, body: intEnd, rank: 2 });
    cands.push({ kind: "integer", end: intEnd, body: intEnd, rank: 3 });
    const e = exponentFrom(intEnd);
    const body = e > 0 ? e : intEnd;
    if (e > 0) cands.push({ kind: "exponent", end: e, body: e, rank: 4 });
    addSuffixes(body, false);
  }
  // DECIMAL_DIGITS: DIGIT+ '.' DIGIT* | '.' DIGIT+
  const dot = hasInt ? intEnd : i;
  if (text[dot] === ".") {
    const fracEnd = digitsFrom(dot + 1);
    if (hasInt || fracEnd > dot + 1) {
      const e = exponentFrom(fracEnd);
      if (e > 0 && validAfter(e)) cands.push({ kind: "exponent", end: e, body: e, rank: 4 });
      if (validAfter(fracEnd)) cands.push({ kind: "decimal", end: fracEnd, body: fracEnd, rank: 5 });
      addSuffixes(e > 0 ? e : fracEnd, true);
      if (e > 0) addSuffixes(fracEnd, true);
    }
  }
  function addSuffixes(body: number, needsCheck: boolean) {
    const s = up(body);
    if (s === "F" && (!needsCheck || validAfter(body + 1))) cands.push({ kind: "float", end: body + 1, body, rank: 6 });
    if (s === "D" && (!needsCheck || validAfter(body + 1))) cands.push({ kind: "double", end: body + 1, body, rank: 7 });
    if (s === "B" && up(body + 1) === "D" && (!needsCheck || validAfter(body + 2))) {
      cands.push({ kind: "bigdecimal", end: body + 2, body, rank: 8 });
    }
  }
  let wordEnd = i;
  while (wordEnd < n && isWordChar(text[wordEnd]!)) wordEnd++;
  if (wordEnd > i) cands.push({ kind: "word", end: wordEnd, body: wordEnd, rank: 9 });
  cands.sort((a, b) => b.end - a.end || a.rank - b.rank);
  const best = cands[0];
  if (!best) return undefined;
  return { kind: best.kind, end: best.end, value: text.slice(i, best.body) };
}

/** Spark's SparkParserUtils.unescapeSQLString for a quoted literal (quotes included). */
export function unescapeSQLString(b: string): string {
  const first = b[0]!;
  if (first === "r" || first === "R") return b.slice(2, -1);
  const q = first;
  let out = "";
  const len = b.length - 1;
  let i = 1;
  const isHex = (s: string) => /^[0-9a-fA-F]+$/.test(s);
  while (i < len) {
    const c = b[i]!;
    if (c === q && i + 1 < len && b[i + 1] === q) {
      out += q;
      i += 2;
    } else if (c !== "\\" || i + 1 === len) {
      out += c;
      i++;
    } else {
      i++;
      const n = b[i]!;
      if (n === "u" && i + 5 <= len && isHex(b.slice(i + 1, i + 5))) {
        out += String.fromCharCode(parseInt(b.slice(i + 1, i + 5), 16));
        i += 5;
      } else if (n === "U" && i + 9 <= len && isHex(b.slice(i + 1, i + 9))) {
        const cp = parseInt(b.slice(i + 1, i + 9), 16);
        out += cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
        i += 9;
      } else if (i + 3 <= len && /^[01][0-7][0-7]$/.test(b.slice(i, i + 3))) {
        out += String.fromCharCode(parseInt(b.slice(i, i + 3), 8));
        i += 3;
      } else {
        out += ESCAPES[n] ?? n;
        i++;
      }
    }
  }
  return out;
}

const ESCAPES: Record<string, string> = {
  "0": "\u0000", b: "\b", n: "\n", r: "\r", t: "\t", Z: "\u001a", "%": "\\%", _: "\\_",
};

/** ANTLR's display of a token in "Syntax error at or near …": quoted text, EOF as "end of input". */
export function tokenDisplay(t: Token): string {
  if (t.kind === "eof") return "end of input";
  return "'" + t.text.replaceAll("\n", "\\n").replaceAll("\r", "\\r").replaceAll("\t", "\\t") + "'";
}

/** The error Spark raises for an unclosed /* comment (it has no position). */
export function unclosedCommentError(): SluiceError {
  return new SluiceError(
    "UNCLOSED_BRACKETED_COMMENT",
    "Found an unclosed bracketed comment. Please, append */ at the end of the comment.",
    { sqlState: "42601" },
  );
}
