// CSV records as Spark's univocity settings read them: a separator (one or more characters), a
// quote character, an escape character that escapes the quote inside quoted values, optional
// comment lines, empty lines skipped. An unquoted empty field is null; a quoted empty field is
// the empty value. A quoted value followed by something other than a separator is taken raw up to
// the next separator (univocity's STOP_AT_DELIMITER).

export interface CsvSyntax {
  sep: string;
  /** "" when quoting is off (Spark's quote "\u0000"). */
  quote: string;
  escape: string;
  /** "" when comments are off. */
  comment: string;
  ignoreLeadingWhiteSpace: boolean;
  ignoreTrailingWhiteSpace: boolean;
}

/** A field: its text, or null for an unquoted empty field; `quoted` marks "" (the empty value). */
export type CsvToken = string | null;

/** Spark's CSVExprUtils.toChar/toDelimiterStr: "\t", "\u0001" and "\\" written as text are unescaped. */
export function unescapeOptionChars(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|t|r|n|b|f|"|'|\\)/g, (_m, c: string) => {
    if (c.startsWith("u")) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ t: "\t", r: "\r", n: "\n", b: "\b", f: "\f", '"': '"', "'": "'", "\\": "\\" } as Record<string, string>)[c]!;
  });
}

const isSpace = (c: string | undefined) => c === " " || c === "\t";

/**
 * Parses one record starting at `start` in `text`. With `multiLine`, quoted values may hold line
 * breaks; otherwise `text` is a single line. Returns the tokens, which values were quoted (for
 * the empty value), and where the record ends (past its line terminator).
 */
export function parseRecord(
  text: string,
  start: number,
  syn: CsvSyntax,
  multiLine: boolean,
): { tokens: CsvToken[]; quoted: boolean[]; end: number } {
  const tokens: CsvToken[] = [];
  const quoted: boolean[] = [];
  const n = text.length;
  const { sep, quote, escape } = syn;
  const sepLen = sep.length;
  const sep0 = sep[0];
  const atSep = (i: number) => text[i] === sep0 && (sepLen === 1 || text.startsWith(sep, i));
  const atEol = (i: number) => i >= n || text[i] === "\n" || text[i] === "\r";
  let i = start;
  for (;;) {
    const fieldStart = i;
    if (syn.ignoreLeadingWhiteSpace) while (isSpace(text[i]) && !atSep(i)) i++;
    if (quote !== "" && text[i] === quote) {
      let buf = "";
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === escape && escape !== quote && text[j + 1] === quote) {
          buf += quote;
          j += 2;
        } else if (c === quote) {
          if (escape === quote && text[j + 1] === quote) {
            buf += quote;
            j += 2;
          } else {
            j++;
            closed = true;
            break;
          }
        } else if (!multiLine && (c === "\n" || c === "\r")) {
          break;
        } else {
          buf += c;
          j++;
        }
      }
      let k = j;
      if (closed && syn.ignoreTrailingWhiteSpace) while (isSpace(text[k]) && !atSep(k)) k++;
      if (!closed || atSep(k) || atEol(k)) {
        tokens.push(buf);
        quoted.push(true);
        i = k;
      } else {
        // An unescaped quote inside a quoted value: take the raw text up to the next separator.
        let e = k;
        while (!atSep(e) && !atEol(e)) e++;
        tokens.push(text.slice(fieldStart, e));
        quoted.push(false);
        i = e;
      }
    } else {
      let e = i;
      while (!atSep(e) && !atEol(e)) e++;
      let v = text.slice(i, e);
      if (syn.ignoreTrailingWhiteSpace) v = v.replace(/[ \t]+$/, "");
      tokens.push(v === "" ? null : v);
      quoted.push(false);
      i = e;
    }
    if (atSep(i)) {
      i += sepLen;
      continue;
    }
    // End of the record: step over its terminator.
    if (text[i] === "\r" && text[i + 1] === "\n") i += 2;
    else if (i < n) i++;
    return { tokens, quoted, end: i };
  }
}
