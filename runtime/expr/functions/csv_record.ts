// One CSV record as from_csv/schema_of_csv/to_csv see it (Spark's CSVOptions over univocity):
// sep (or delimiter), quote, escape; reading keeps whitespace, writing trims it. The file source
// has its own reader (plugins/formats/csv_syntax.ts); these functions read and write one line.
import { SluiceError } from "../../errors.ts";

export interface CsvRecordOptions {
  readonly sep: string;
  /** "" when quoting is off (quote "\u0000"). */
  readonly quote: string;
  readonly escape: string;
  readonly nullValue: string;
}

/** Spark's CSVExprUtils.toChar/toDelimiterStr: "\t", "\u0001" and "\\" written as text are unescaped. */
function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|t|r|n|b|f|"|'|\\)/g, (_m, c: string) => {
    if (c.startsWith("u")) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ t: "\t", r: "\r", n: "\n", b: "\b", f: "\f", '"': '"', "'": "'", "\\": "\\" } as Record<string, string>)[c]!;
  });
}

export function csvRecordOptions(opts: ReadonlyMap<string, string>): CsvRecordOptions {
  const sep = unescape(opts.get("sep") ?? opts.get("delimiter") ?? ",");
  if (sep === "") {
    throw new SluiceError("INVALID_DELIMITER_VALUE.EMPTY_STRING", "Invalid value for delimiter. Delimiter cannot be empty string.", { sqlState: "42602" });
  }
  const char = (key: string, dflt: string) => {
    const v = opts.get(key);
    if (v === undefined) return dflt;
    const u = unescape(v);
    return u === "\u0000" ? "" : u;
  };
  return { sep, quote: char("quote", '"'), escape: char("escape", "\\"), nullValue: opts.get("nullvalue") ?? "" };
}

/**
 * The fields of one record; a value that is empty or equals nullValue is null. A quoted value may
 * hold separators, the quote escaped by `escape` (or doubled); a quoted value followed by more
 * text is taken raw up to the next separator, as univocity's STOP_AT_DELIMITER does.
 */
export function readCsvRecord(text: string, o: CsvRecordOptions): (string | null)[] {
  const out: (string | null)[] = [];
  const { sep, quote, escape } = o;
  const n = text.length;
  const atEol = (i: number) => i >= n || text[i] === "\n" || text[i] === "\r";
  let i = 0;
  for (;;) {
    const start = i;
    let value: string;
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
          if (text[j + 1] === quote) {
            buf += quote;
            j += 2;
          } else {
            j++;
            closed = true;
            break;
          }
        } else if (c === "\n" || c === "\r") {
          break;
        } else {
          buf += c;
          j++;
        }
      }
      if (!closed || text.startsWith(sep, j) || atEol(j)) {
        value = buf;
        i = j;
      } else {
        let e = j;
        while (!text.startsWith(sep, e) && !atEol(e)) e++;
        value = text.slice(start, e);
        i = e;
      }
    } else {
      let e = i;
      while (!text.startsWith(sep, e) && !atEol(e)) e++;
      value = text.slice(i, e);
      i = e;
    }
    out.push(value === "" || value === o.nullValue ? null : value);
    if (i < n && text.startsWith(sep, i)) {
      i += sep.length;
      continue;
    }
    return out;
  }
}

/** One record of values already written as text (null for a null value), as univocity writes it. */
export function writeCsvRecord(values: readonly (string | null)[], o: CsvRecordOptions): string {
  return values.map((v) => {
    if (v === null) return o.nullValue;
    const t = v.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
    if (t === "") return v === "" ? `${o.quote}${o.quote}` : "";
    const needs = o.quote !== "" && (t.includes(o.sep) || t.includes(o.quote) || t.includes("\n") || t.includes("\r"));
    if (!needs) return t;
    const escaped = t.replaceAll(o.quote, `${o.escape || o.quote}${o.quote}`);
    return `${o.quote}${escaped}${o.quote}`;
  }).join(o.sep);
}
