// A JSON reader over one record's text that behaves as Jackson does under Spark's options
// (json_features.ts): the same relaxations, the same refusals (leading zeros, trailing commas,
// control characters, unknown escapes), numbers kept as their text so that no digit is lost and
// 2.0 stays a fraction. It is read by pulling values one at a time, so the schema decides what is
// built (json_row_reader.ts): fields the schema does not name are skipped, never materialised.
import type { JsonFeatures } from "./json_features.ts";
import { numberText, quoteJson } from "../expr/functions/json_value.ts";
import { DECODE_ERROR_CODE, isDecodeError } from "./jackson_utf8.ts";

/** What the next value is, from its first character. */
export const enum JsonKind { Object = 1, Array, String, Number, True, False, Null }

export class JsonSyntaxError extends Error {}

/** A value that cannot be read as its field's type; the value has been consumed (Spark: the field is null, the record partial). */
export class JsonValueError extends Error {}
export const VALUE_ERROR = new JsonValueError("value does not fit its type");

const isDigit = (c: number) => c >= 48 && c <= 57;
/** A flat copy of `s` that references no other text. */
const copyOf = (s: string): string => (s.length === 0 ? s : JSON.parse(JSON.stringify(s)) as string);
/** Characters a string holds as they are (no quote, backslash or control character): sticky, for string()'s fast path. */
const PLAIN_IN_DOUBLE = /[^"\\\u0000-\u001f]*/y;
const PLAIN_IN_SINGLE = /[^'\\\u0000-\u001f]*/y;
const ID_START = /[\p{L}\p{Nl}_$]/u;
const ID_PART = /[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}_$]/u;

export class JsonCursor {
  s = "";
  i = 0;
  /** The last number read: its text (as written, leading zeros removed), and whether it is an integer. */
  numText = "";
  numInt = false;
  /** NaN, Infinity or -Infinity when the last number was one of Jackson's non-numeric numbers. */
  numSpecial: number | undefined;

  constructor(readonly f: JsonFeatures) {}

  /** Whether the text came from decodeLikeJackson (it may hold decode error marks). */
  private marked = false;

  reset(text: string, marked = false): this {
    this.s = text;
    this.i = 0;
    this.marked = marked;
    return this;
  }

  fail(what: string): never {
    throw new JsonSyntaxError(`${what} at character ${this.i}`);
  }

  /** Skips whitespace (and comments when allowed); returns the next character code, or -1 at the end. */
  ws(): number {
    const s = this.s;
    for (;;) {
      if (this.i >= s.length) return -1;
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        this.i++;
        continue;
      }
      if (c === 47 && this.f.allowComments) {
        const d = s.charCodeAt(this.i + 1);
        if (d === 42) {
          const end = s.indexOf("*/", this.i + 2);
          if (end < 0) this.fail("Unexpected end of input in a comment");
          this.i = end + 2;
          continue;
        }
        if (d === 47) {
          const end = s.indexOf("\n", this.i + 2);
          this.i = end < 0 ? s.length : end + 1;
          continue;
        }
      }
      return c;
    }
  }

  /** The kind of the next value (after whitespace), without consuming it. */
  kind(): JsonKind {
    const c = this.ws();
    switch (c) {
      case 123: return JsonKind.Object;
      case 91: return JsonKind.Array;
      case 34: return JsonKind.String;
      case 39:
        if (this.f.allowSingleQuotes) return JsonKind.String;
        return this.fail("Unexpected character ('''): expected a valid value");
      case 116: return JsonKind.True;
      case 102: return JsonKind.False;
      case 110: return JsonKind.Null;
      case -1: return this.fail("Unexpected end of input");
      default:
        if (c === 45 || c === 43 || isDigit(c) || c === 78 || c === 73) return JsonKind.Number;
        return this.fail(`Unexpected character ('${String.fromCharCode(c)}')`);
    }
  }

  /** Consumes true, false or null. */
  literal(word: "true" | "false" | "null"): void {
    if (!this.s.startsWith(word, this.i)) this.fail(`Unrecognized token, expected ${word}`);
    this.i += word.length;
    this.endOfValue();
  }

  /** After a scalar: the next character may not continue the token (Jackson: "1x" or "truex" is an error). */
  private endOfValue(): void {
    const c = this.s.charCodeAt(this.i);
    if (this.i < this.s.length && (isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 46 || c === 34 || c === 39)) {
      this.fail(`Unexpected character ('${String.fromCharCode(c)}') after a value`);
    }
  }

  /**
   * Consumes a string (double-quoted, or single-quoted when allowed) and returns its value. Bytes
   * that were not UTF-8 inside it fail as Jackson fails: the value (`lenient`, a field's value read
   * by a converter: VALUE_ERROR, reading resumes after the bad bytes) or the record (names, skipped values).
   */
  string(lenient = false, copy = false): string {
    const s = this.s;
    const quote = s.charCodeAt(this.i);
    this.i++;
    if (!this.marked) {
      // Fast path: a run of plain characters up to the closing quote (scanned natively).
      const run = quote === 34 ? PLAIN_IN_DOUBLE : PLAIN_IN_SINGLE;
      const from = this.i;
      run.lastIndex = from;
      run.test(s);
      const end = run.lastIndex;
      if (s.charCodeAt(end) === quote) {
        this.i = end + 1;
        // A value a row keeps is a copy (JSON.parse of the plain token makes one): a slice would
        // keep the whole text it was cut from alive.
        if (!copy) return s.slice(from, end);
        return quote === 34 ? JSON.parse(s.slice(from - 1, end + 1)) as string : copyOf(s.slice(from, end));
      }
    }
    let out = "";
    let start = this.i;
    for (;;) {
      if (this.i >= s.length) this.fail("Unexpected end of input in a string");
      const c = s.charCodeAt(this.i);
      if (c === quote) {
        out += s.slice(start, this.i);
        this.i++;
        return copy ? copyOf(out) : out;
      }
      if (c === DECODE_ERROR_CODE && this.marked && isDecodeError(s, this.i)) {
        this.i++;
        if (lenient) throw VALUE_ERROR;
        this.fail("Invalid UTF-8 in a string");
      }
      if (c < 32 && !this.f.allowUnquotedControlChars) {
        this.fail(`Illegal unquoted character (CTRL-CHAR, code ${c}): has to be escaped using backslash to be included in string value`);
      }
      if (c !== 92) {
        this.i++;
        continue;
      }
      out += s.slice(start, this.i);
      const e = s.charCodeAt(this.i + 1);
      this.i += 2;
      switch (e) {
        case 34: out += '"'; break;
        case 92: out += "\\"; break;
        case 47: out += "/"; break;
        case 98: out += "\b"; break;
        case 102: out += "\f"; break;
        case 110: out += "\n"; break;
        case 114: out += "\r"; break;
        case 116: out += "\t"; break;
        case 117: {
          const h = s.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail("Unexpected character in a \\u escape");
          out += String.fromCharCode(parseInt(h, 16));
          this.i += 4;
          break;
        }
        default:
          if (Number.isNaN(e)) this.fail("Unexpected end of input in a string");
          // Jackson: any character with the option, and \' inside strings when single quotes are allowed.
          if (this.f.allowBackslashEscapingAnyCharacter || (e === 39 && this.f.allowSingleQuotes)) {
            out += String.fromCharCode(e);
            break;
          }
          this.i -= 1;
          this.fail(`Unrecognized character escape '${String.fromCharCode(e)}'`);
      }
      start = this.i;
    }
  }

  /**
   * Consumes the field name `name` and the colon after it when the text holds exactly that name
   * in double quotes; false (nothing consumed) otherwise. Only for names without quotes, backslashes
   * or control characters, in text without decode error marks: then equal text is an equal name.
   */
  nameIs(name: string): boolean {
    if (this.marked || this.ws() !== 34) return false;
    const s = this.s;
    const at = this.i + 1, end = at + name.length;
    if (s.charCodeAt(end) !== 34 || !s.startsWith(name, at)) return false;
    this.i = end + 1;
    if (this.ws() !== 58) this.fail("Unexpected character: was expecting a colon to separate field name and value");
    this.i++;
    return true;
  }

  /** Consumes a field name and the colon after it. */
  name(): string {
    const c = this.ws();
    let name: string;
    if (c === 34 || (c === 39 && this.f.allowSingleQuotes)) {
      name = this.string();
    } else if (this.f.allowUnquotedFieldNames && c >= 0 && ID_START.test(String.fromCharCode(c))) {
      const start = this.i;
      this.i++;
      while (this.i < this.s.length && ID_PART.test(this.s[this.i]!)) this.i++;
      name = this.s.slice(start, this.i);
    } else {
      return this.fail("Unexpected character: was expecting double-quote to start field name");
    }
    if (this.ws() !== 58) this.fail("Unexpected character: was expecting a colon to separate field name and value");
    this.i++;
    return name;
  }

  /** Consumes `{` and tells whether a first field follows (false: the object was empty, `}` consumed). */
  openObject(): boolean {
    this.i++;
    if (this.ws() === 125) {
      this.i++;
      return false;
    }
    return true;
  }

  /** After a field's value: consumes `,` (true: another field follows) or `}` (false). */
  nextField(): boolean {
    const c = this.ws();
    if (c === 44) {
      this.i++;
      return true;
    }
    if (c === 125) {
      this.i++;
      return false;
    }
    return this.fail("Unexpected character: was expecting comma to separate object entries");
  }

  /** Consumes `[` and tells whether an element follows (false: `]` consumed). */
  openArray(): boolean {
    this.i++;
    if (this.ws() === 93) {
      this.i++;
      return false;
    }
    return true;
  }

  /** After an element: consumes `,` (true: another element follows) or `]` (false). */
  nextElement(): boolean {
    const c = this.ws();
    if (c === 44) {
      this.i++;
      return true;
    }
    if (c === 93) {
      this.i++;
      return false;
    }
    return this.fail("Unexpected character: was expecting comma to separate array entries");
  }

  /** Consumes a number into numText / numInt / numSpecial. */
  number(): void {
    const s = this.s;
    let c = s.charCodeAt(this.i);
    this.numSpecial = undefined;
    let neg = false;
    if (c === 45 || c === 43) {
      neg = c === 45;
      const d = s.charCodeAt(this.i + 1);
      if (d === 73) return this.special(neg ? -Infinity : Infinity, neg ? ["-Infinity", "-INF"] : ["+Infinity", "+INF"]);
      if (!neg) this.fail("Unexpected character ('+'): JSON numbers may not start with a plus sign");
      this.i++;
      c = s.charCodeAt(this.i);
    }
    if (c === 78) return this.special(NaN, ["NaN"]);
    if (c === 73) return this.special(Infinity, ["Infinity"]);
    if (!isDigit(c)) this.fail("Unexpected character: expected a digit for a number");
    let intStart = this.i;
    if (c === 48 && isDigit(s.charCodeAt(this.i + 1))) {
      if (!this.f.allowNumericLeadingZeros) this.fail("Invalid numeric value: Leading zeroes not allowed");
      while (s.charCodeAt(intStart) === 48 && isDigit(s.charCodeAt(intStart + 1))) intStart++;
    }
    this.i++;
    while (isDigit(s.charCodeAt(this.i))) this.i++;
    let int = true;
    if (s.charCodeAt(this.i) === 46) {
      int = false;
      this.i++;
      if (!isDigit(s.charCodeAt(this.i))) this.fail("Unexpected character: Decimal point not followed by a digit");
      while (isDigit(s.charCodeAt(this.i))) this.i++;
    }
    const e = s.charCodeAt(this.i);
    if (e === 101 || e === 69) {
      int = false;
      this.i++;
      const sign = s.charCodeAt(this.i);
      if (sign === 43 || sign === 45) this.i++;
      if (!isDigit(s.charCodeAt(this.i))) this.fail("Unexpected character: Exponent indicator not followed by a digit");
      while (isDigit(s.charCodeAt(this.i))) this.i++;
    }
    this.numText = (neg ? "-" : "") + s.slice(intStart, this.i);
    this.numInt = int;
    this.endOfValue();
  }

  private special(value: number, words: string[]): void {
    const w = words.find((x) => this.s.startsWith(x, this.i));
    if (w === undefined) this.fail("Unrecognized token: was expecting a number, NaN or Infinity");
    if (!this.f.allowNonNumericNumbers) {
      this.fail(`Non-standard token '${w}': enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS to allow`);
    }
    this.i += w.length;
    this.numText = w;
    this.numInt = false;
    this.numSpecial = value;
    this.endOfValue();
  }

  /** Consumes the next value, whatever it is. */
  skip(): void {
    switch (this.kind()) {
      case JsonKind.Object:
        if (this.openObject()) {
          do {
            this.name();
            this.skip();
          } while (this.nextField());
        }
        return;
      case JsonKind.Array:
        if (this.openArray()) {
          do this.skip(); while (this.nextElement());
        }
        return;
      case JsonKind.String: this.string(); return;
      case JsonKind.Number: this.number(); return;
      case JsonKind.True: this.literal("true"); return;
      case JsonKind.False: this.literal("false"); return;
      case JsonKind.Null: this.literal("null"); return;
    }
  }

  /** Consumes the next value and returns its text exactly as written (what Spark keeps for a STRING field holding a non-string). */
  source(): string {
    this.ws();
    const start = this.i;
    this.skip();
    return this.s.slice(start, this.i);
  }

  /** Consumes the next value and returns it as Jackson's generator copies it: compact JSON text. */
  raw(): string {
    switch (this.kind()) {
      case JsonKind.Object: {
        if (!this.openObject()) return "{}";
        let out = "{";
        do {
          out += (out.length > 1 ? "," : "") + quoteJson(this.name()) + ":" + this.raw();
        } while (this.nextField());
        return out + "}";
      }
      case JsonKind.Array: {
        if (!this.openArray()) return "[]";
        let out = "[";
        do {
          out += (out.length > 1 ? "," : "") + this.raw();
        } while (this.nextElement());
        return out + "]";
      }
      case JsonKind.String: return quoteJson(this.string());
      case JsonKind.Number:
        this.number();
        if (this.numSpecial !== undefined) return quoteJson(this.numText.replace(/^\+/, ""));
        return numberText({ text: this.numText, int: this.numInt });
      case JsonKind.True: this.literal("true"); return "true";
      case JsonKind.False: this.literal("false"); return "false";
      case JsonKind.Null: this.literal("null"); return "null";
    }
  }
}
