// java.util.regex patterns (what rlike, regexp_replace, regexp_extract and split take) translated
// to JavaScript RegExp (with the `u` flag, so `.` and classes see code points): Java's `.`, `$`,
// `\s`, POSIX classes, \Q…\E, \A \z \Z, inline flags, possessive quantifiers (as greedy) and atomic
// groups (as plain groups). Plus Matcher.appendReplacement's `$1`/`${name}` replacement syntax and
// String.split's rules, so results match Spark's.

export class JavaRegexError extends Error {}

const LINE_TERMINATORS = "\\n\\r\\u0085\\u2028\\u2029";
const SPACE_CHARS = " \\t\\n\\x0B\\f\\r";
const POSIX: Record<string, string> = {
  Lower: "a-z", Upper: "A-Z", ASCII: "\\x00-\\x7F", Alpha: "a-zA-Z", Digit: "0-9", Alnum: "a-zA-Z0-9",
  Punct: "!-\\/:-@\\[-`{-~", Graph: "!-~", Print: " -~", Blank: " \\t", Cntrl: "\\x00-\\x1F\\x7F", XDigit: "0-9a-fA-F",
  Space: SPACE_CHARS,
};
const H_CHARS = " \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000";
const V_CHARS = "\\n\\x0B\\f\\r\\x85\\u2028\\u2029";
const SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);

export interface TranslatedRegex {
  source: string;
  flags: string;
}

function escapeLiteral(c: string, inClass: boolean): string {
  if (SYNTAX.has(c) || (inClass && c === "-")) return "\\" + c;
  const code = c.codePointAt(0)!;
  if (code < 32 || code === 127) return "\\x" + code.toString(16).padStart(2, "0");
  return c;
}

/** The JS character-class body (without brackets) for a Java \p{…}/\P{…} name, and whether it is negated. */
function propertyClass(name: string, negated: boolean): string {
  let n = name;
  if (n.startsWith("Is") && POSIX[n.slice(2)] === undefined && n.length > 2) n = n.slice(2);
  if (POSIX[n] !== undefined) return (negated ? "^" : "") + POSIX[n];
  const javaCase: Record<string, string> = {
    javaLowerCase: "\\p{Lowercase}", javaUpperCase: "\\p{Uppercase}", javaWhitespace: "\\s", javaLetter: "\\p{L}",
    javaDigit: "\\p{Nd}", javaLetterOrDigit: "\\p{L}\\p{Nd}", Alphabetic: "\\p{Alphabetic}", Letter: "\\p{L}",
    Punctuation: "\\p{P}", Uppercase: "\\p{Uppercase}", Lowercase: "\\p{Lowercase}", White_Space: "\\p{White_Space}",
    WhiteSpace: "\\p{White_Space}", Digit: "\\p{Nd}", Ideographic: "\\p{Ideographic}",
  };
  if (javaCase[n] !== undefined) return (negated ? "^" : "") + javaCase[n];
  if (/^(L|Lu|Ll|Lt|Lm|Lo|M|Mn|Mc|Me|N|Nd|Nl|No|P|Pc|Pd|Ps|Pe|Pi|Pf|Po|S|Sm|Sc|Sk|So|Z|Zs|Zl|Zp|C|Cc|Cf|Cs|Co|Cn)$/.test(n)) {
    return `${negated ? "^" : ""}\\p{${n}}`;
  }
  if (n.startsWith("In")) throw new JavaRegexError(`Unsupported Unicode block ${name}`);
  if (/^[A-Z][a-z_A-Z]*$/.test(n)) return `${negated ? "^" : ""}\\p{Script=${n}}`;
  throw new JavaRegexError(`Unknown character property name {${name}}`);
}

/**
 * Translates a Java regular expression. Throws JavaRegexError (or SyntaxError from RegExp) when
 * the pattern is invalid or uses a construct JavaScript cannot express.
 */
export function translateJavaRegex(pattern: string, extraFlags = ""): TranslatedRegex {
  let i = 0;
  const n = pattern.length;
  let caseInsensitive = extraFlags.includes("i");
  let dotAll = false, multiline = false, comments = false;
  let out = "";
  // Leading inline flags become RegExp flags.
  const lead = /^\(\?([idmsuxU]*)(?:-([idmsuxU]*))?\)/.exec(pattern);
  if (lead) {
    for (const f of lead[1]!) {
      if (f === "i") caseInsensitive = true;
      if (f === "s") dotAll = true;
      if (f === "m") multiline = true;
      if (f === "x") comments = true;
    }
    i = lead[0].length;
  }
  const dot = () => (dotAll ? "[\\s\\S]" : `[^${LINE_TERMINATORS}]`);
  const dollar = () => (multiline ? `(?=[${LINE_TERMINATORS}]|(?![\\s\\S]))` : `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`);

  /** Reads an escape after a backslash at pattern[i] (i points past the backslash); returns JS text. */
  const escape = (inClass: boolean): string => {
    if (i >= n) throw new JavaRegexError("Unexpected internal error");
    const c = pattern[i++]!;
    switch (c) {
      case "d": case "D": case "w": case "W": case "t": case "n": case "r": case "f":
        return "\\" + c;
      case "b": case "B":
        if (inClass) throw new JavaRegexError("Illegal escape sequence \\b in class");
        return "\\" + c;
      case "s": return inClass ? SPACE_CHARS : `[${SPACE_CHARS}]`;
      case "S": return inClass ? "\\S" : `[^${SPACE_CHARS}]`;
      case "h": return inClass ? H_CHARS : `[${H_CHARS}]`;
      case "H": return inClass ? "\\S" : `[^${H_CHARS}]`;
      case "v": return inClass ? V_CHARS : `[${V_CHARS}]`;
      case "V": return `[^${V_CHARS}]`;
      case "R":
        if (inClass) throw new JavaRegexError("Illegal escape sequence \\R in class");
        return `(?:\\r\\n|[${V_CHARS}])`;
      case "a": return "\\x07";
      case "e": return "\\x1B";
      case "0": {
        let digits = "";
        while (i < n && digits.length < 3 && /[0-7]/.test(pattern[i]!) && (digits.length < 2 || Number.parseInt(digits + pattern[i], 8) <= 0o377)) {
          digits += pattern[i++];
        }
        if (digits.length === 0) throw new JavaRegexError("Illegal octal escape sequence");
        return escapeLiteral(String.fromCharCode(Number.parseInt(digits, 8)), inClass);
      }
      case "x": {
        if (pattern[i] === "{") {
          const end = pattern.indexOf("}", i);
          if (end < 0) throw new JavaRegexError("Unclosed hexadecimal escape sequence");
          const hex = pattern.slice(i + 1, end);
          i = end + 1;
          return `\\u{${hex}}`;
        }
        const hex = pattern.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new JavaRegexError("Illegal hexadecimal escape sequence");
        i += 2;
        return "\\x" + hex;
      }
      case "u": {
        const hex = pattern.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JavaRegexError("Illegal Unicode escape sequence");
        i += 4;
        return "\\u" + hex;
      }
      case "c": {
        const ch = pattern[i++];
        if (ch === undefined) throw new JavaRegexError("Illegal control escape sequence");
        return escapeLiteral(String.fromCharCode(ch.charCodeAt(0) ^ 64), inClass);
      }
      case "p": case "P": {
        let name: string;
        if (pattern[i] === "{") {
          const end = pattern.indexOf("}", i);
          if (end < 0) throw new JavaRegexError("Unclosed character family");
          name = pattern.slice(i + 1, end);
          i = end + 1;
        } else {
          name = pattern[i++] ?? "";
        }
        const body = propertyClass(name, c === "P");
        return inClass ? (body.startsWith("^") ? (() => { throw new JavaRegexError("negated property in class"); })() : body) : `[${body}]`;
      }
      case "Q": {
        const end = pattern.indexOf("\\E", i);
        const lit = end < 0 ? pattern.slice(i) : pattern.slice(i, end);
        i = end < 0 ? n : end + 2;
        return [...lit].map((ch) => escapeLiteral(ch, inClass)).join("");
      }
      case "E": return "";
      case "A":
        if (inClass) throw new JavaRegexError("Illegal escape in class");
        return "(?<![\\s\\S])";
      case "z":
        if (inClass) throw new JavaRegexError("Illegal escape in class");
        return "(?![\\s\\S])";
      case "Z":
        if (inClass) throw new JavaRegexError("Illegal escape in class");
        return `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`;
      case "G":
        if (inClass) throw new JavaRegexError("Illegal escape in class");
        return "(?:)";
      case "k": {
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(pattern.slice(i));
        if (!m) throw new JavaRegexError("\\k is not followed by '<' for named capturing group");
        i += m[0].length;
        return `\\k<${m[1]}>`;
      }
      default:
        if (c >= "1" && c <= "9") {
          if (inClass) throw new JavaRegexError("Illegal escape in class");
          let num = c;
          while (i < n && /[0-9]/.test(pattern[i]!)) num += pattern[i++];
          return `\\${num}`;
        }
        if (/[a-zA-Z]/.test(c)) throw new JavaRegexError(`Illegal/unsupported escape sequence \\${c}`);
        return escapeLiteral(c, inClass);
    }
  };

  const readClass = (): string => {
    // pattern[i] is just past '['
    let body = "";
    if (pattern[i] === "^") {
      body += "^";
      i++;
    }
    let first = true;
    while (i < n) {
      const c = pattern[i]!;
      if (c === "]" && !first) {
        i++;
        return `[${body}]`;
      }
      first = false;
      if (c === "\\") {
        i++;
        body += escape(true);
      } else if (c === "[") {
        // A nested class is a union: [a[bc]] == [abc].
        i++;
        const inner = readClass();
        if (inner.startsWith("[^")) throw new JavaRegexError("negated nested class");
        body += inner.slice(1, -1);
      } else if (c === "&" && pattern[i + 1] === "&") {
        throw new JavaRegexError("character class intersection");
      } else {
        const cp = pattern.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        i += ch.length;
        body += c === "-" ? "-" : escapeLiteral(ch, true);
      }
    }
    throw new JavaRegexError("Unclosed character class");
  };

  let depth = 0;
  while (i < n) {
    const c = pattern[i]!;
    if (comments) {
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\x0B") {
        i++;
        continue;
      }
      if (c === "#") {
        while (i < n && pattern[i] !== "\n") i++;
        continue;
      }
    }
    switch (c) {
      case "\\":
        i++;
        out += escape(false);
        break;
      case "[":
        i++;
        out += readClass();
        break;
      case ".":
        i++;
        out += dot();
        break;
      case "$":
        i++;
        out += dollar();
        break;
      case "(": {
        i++;
        depth++;
        if (pattern[i] === "?") {
          const rest = pattern.slice(i + 1);
          const flags = /^([idmsuxU]*)(?:-([idmsuxU]*))?([:)])/.exec(rest);
          if (rest.startsWith(">")) {
            out += "(?:";
            i += 2;
          } else if (rest.startsWith(":") || rest.startsWith("=") || rest.startsWith("!") || rest.startsWith("<=") || rest.startsWith("<!")) {
            out += "(?";
            i += 1;
          } else if (rest.startsWith("<")) {
            const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest);
            if (!m) throw new JavaRegexError("named capturing group is missing trailing '>'");
            out += `(?<${m[1]}>`;
            i += 1 + m[0].length;
          } else if (flags) {
            // Inline flags in the middle of a pattern: applied to the whole pattern (approximation).
            for (const f of flags[1]!) {
              if (f === "i") caseInsensitive = true;
              if (f === "s") dotAll = true;
              if (f === "m") multiline = true;
              if (f === "x") comments = true;
            }
            i += 1 + flags[0].length;
            if (flags[3] === ")") {
              depth--;
            } else {
              out += "(?:";
            }
          } else {
            throw new JavaRegexError("Unknown inline modifier");
          }
        } else {
          out += "(";
        }
        break;
      }
      case ")":
        if (depth === 0) throw new JavaRegexError("Unmatched closing ')'");
        depth--;
        i++;
        out += ")";
        break;
      case "*": case "+": case "?": {
        i++;
        out += c;
        if (pattern[i] === "?") {
          out += "?";
          i++;
        } else if (pattern[i] === "+") {
          i++; // possessive: approximated by greedy
        }
        break;
      }
      case "{": {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
        if (!m) throw new JavaRegexError("Illegal repetition");
        i += m[0].length;
        out += m[0];
        if (pattern[i] === "?") {
          out += "?";
          i++;
        } else if (pattern[i] === "+") {
          i++;
        }
        break;
      }
      case "]": case "}":
        i++;
        out += "\\" + c;
        break;
      case "^": case "|":
        i++;
        out += c;
        break;
      default: {
        const cp = pattern.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        i += ch.length;
        out += escapeLiteral(ch, false);
      }
    }
  }
  if (depth !== 0) throw new JavaRegexError("Unclosed group");
  let flags = "u";
  if (caseInsensitive) flags += "i";
  if (multiline) flags += "m";
  return { source: out, flags };
}

/** Compiles a Java pattern into a JS RegExp (`g` added when asked). */
export function compileJavaRegex(pattern: string, global = false, extraFlags = ""): RegExp {
  const t = translateJavaRegex(pattern, extraFlags);
  return new RegExp(t.source, t.flags + (global ? "g" : ""));
}

/** Matcher.groupCount of a compiled pattern. */
export function groupCount(re: RegExp): number {
  return new RegExp(re.source + "|", re.flags.replace("g", "")).exec("")!.length - 1;
}

/** One part of a Java replacement string: literal text or a group reference. */
type ReplacementPart = string | { group: number } | { name: string };

/** Parses Matcher.appendReplacement's syntax: $n, ${name}, backslash escapes. Throws on bad references. */
export function parseJavaReplacement(rep: string, groups: number, names: ReadonlySet<string>): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let lit = "";
  let i = 0;
  while (i < rep.length) {
    const c = rep[i]!;
    if (c === "\\") {
      i++;
      if (i >= rep.length) throw new JavaRegexError("character to be escaped is missing");
      lit += rep[i++];
    } else if (c === "$") {
      i++;
      if (i >= rep.length) throw new JavaRegexError("Illegal group reference: group index is missing");
      if (rep[i] === "{") {
        const end = rep.indexOf("}", i);
        if (end < 0) throw new JavaRegexError("named capturing group is missing trailing '}'");
        const name = rep.slice(i + 1, end);
        if (!names.has(name)) throw new JavaRegexError(`No group with name {${name}}`);
        if (lit) parts.push(lit);
        lit = "";
        parts.push({ name });
        i = end + 1;
      } else {
        const d = rep.charCodeAt(i) - 48;
        if (d < 0 || d > 9) throw new JavaRegexError("Illegal group reference");
        let g = d;
        i++;
        // Java takes more digits while the group number stays valid.
        while (i < rep.length) {
          const nd = rep.charCodeAt(i) - 48;
          if (nd < 0 || nd > 9) break;
          const ng = g * 10 + nd;
          if (ng > groups) break;
          g = ng;
          i++;
        }
        if (g > groups) throw new JavaRegexError(`No group ${g}`);
        if (lit) parts.push(lit);
        lit = "";
        parts.push({ group: g });
      }
    } else {
      lit += c;
      i++;
    }
  }
  if (lit) parts.push(lit);
  return parts;
}

/** Named groups of a translated pattern. */
export function groupNames(re: RegExp): Set<string> {
  const names = new Set<string>();
  for (const m of re.source.matchAll(/\(\?<([a-zA-Z][a-zA-Z0-9]*)>/g)) names.add(m[1]!);
  return names;
}

/** Replaces every match (Matcher.find + appendReplacement + appendTail) of a global regex. */
export function javaReplaceAll(s: string, re: RegExp, parts: readonly ReplacementPart[]): string {
  re.lastIndex = 0;
  let out = "";
  let last = 0;
  let m: RegExpExecArray | null;
  const emit = (m: RegExpExecArray) => {
    for (const p of parts) {
      if (typeof p === "string") out += p;
      else if ("group" in p) out += m[p.group] ?? "";
      else out += m.groups?.[p.name] ?? "";
    }
  };
  while ((m = re.exec(s)) !== null) {
    out += s.slice(last, m.index);
    emit(m);
    last = m.index + m[0].length;
    if (m[0].length === 0) {
      const next = advance(s, m.index);
      if (next === m.index + 2) {
        // Java resumes one UTF-16 unit later, inside the surrogate pair, where an empty match
        // happens again (JS regexes cannot start there): emit it between the two halves.
        out += s[m.index];
        emit(m);
        last = m.index + 1;
      }
      re.lastIndex = next;
    }
  }
  return out + s.slice(last);
}

/**
 * A Java String as Spark stores it (UTF8String.fromString): unpaired surrogates, which Java's UTF-8
 * encoder cannot represent, become '?'.
 */
export function javaToUtf8Text(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "?");
}

/** The index after the code point at `i` (where a search resumes after an empty match). */
function advance(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? i + 2 : i + 1;
}

/** String.split(regex, limit) with Java's rules (a leading empty piece from a zero-width match is dropped). */
export function javaSplit(s: string, re: RegExp, limit: number): string[] {
  const matchLimited = limit > 0;
  const list: string[] = [];
  let index = 0;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const start = m.index, end = start + m[0].length;
    if (start === end) re.lastIndex = advance(s, start);
    if (!matchLimited || list.length < limit - 1) {
      if (index === 0 && start === 0 && start === end) continue;
      list.push(s.slice(index, start));
      index = end;
    } else {
      break;
    }
  }
  if (index === 0 && list.length === 0) return [s];
  list.push(s.slice(index));
  if (limit === 0) {
    let size = list.length;
    while (size > 0 && list[size - 1] === "") size--;
    list.length = size;
  }
  return list;
}
