// A small JSON reader and writer with Jackson's behaviour where Spark shows it: numbers keep their
// text and kind (int vs float), objects keep key order and duplicates, and values are written back
// compactly the way Jackson's generator does (floats through Java's Double.toString, strings with
// Jackson's escapes).
import { javaDoubleString } from "./datetime_args.ts";

export type JsonNode =
  | { t: "obj"; entries: [string, JsonNode][] }
  | { t: "arr"; items: JsonNode[] }
  | { t: "str"; v: string }
  | { t: "num"; text: string; int: boolean }
  | { t: "bool"; v: boolean }
  | { t: "null" };

export class JsonSyntaxError extends Error {}

/** Reads the first JSON value of `text` (Spark ignores anything after it); null for empty input. */
export function parseJson(text: string): JsonNode | null {
  const r = new Reader(text);
  r.ws();
  if (r.i >= text.length) return null;
  return r.value();
}

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  fail(): never {
    throw new JsonSyntaxError(`Unexpected character at ${this.i}`);
  }

  value(): JsonNode {
    const s = this.s;
    const c = s[this.i];
    switch (c) {
      case "{": {
        this.i++;
        const entries: [string, JsonNode][] = [];
        this.ws();
        if (s[this.i] === "}") {
          this.i++;
          return { t: "obj", entries };
        }
        for (;;) {
          this.ws();
          if (s[this.i] !== '"') this.fail();
          const key = this.string();
          this.ws();
          if (s[this.i] !== ":") this.fail();
          this.i++;
          this.ws();
          entries.push([key, this.value()]);
          this.ws();
          if (s[this.i] === ",") {
            this.i++;
            continue;
          }
          if (s[this.i] === "}") {
            this.i++;
            return { t: "obj", entries };
          }
          this.fail();
        }
      }
      case "[": {
        this.i++;
        const items: JsonNode[] = [];
        this.ws();
        if (s[this.i] === "]") {
          this.i++;
          return { t: "arr", items };
        }
        for (;;) {
          this.ws();
          items.push(this.value());
          this.ws();
          if (s[this.i] === ",") {
            this.i++;
            continue;
          }
          if (s[this.i] === "]") {
            this.i++;
            return { t: "arr", items };
          }
          this.fail();
        }
      }
      case '"':
        return { t: "str", v: this.string() };
      case "t":
        return this.word("true", { t: "bool", v: true });
      case "f":
        return this.word("false", { t: "bool", v: false });
      case "n":
        return this.word("null", { t: "null" });
      default:
        return this.number();
    }
  }

  word(w: string, node: JsonNode): JsonNode {
    if (!this.s.startsWith(w, this.i)) this.fail();
    this.i += w.length;
    return node;
  }

  number(): JsonNode {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (m === null || m[0] === "-") this.fail();
    // Jackson refuses leading zeros ("01").
    const next = this.s.charCodeAt(this.i + m[0].length);
    if (next >= 48 && next <= 57) this.fail();
    this.i += m[0].length;
    return { t: "num", text: m[0], int: m[2] === undefined && m[3] === undefined };
  }

  string(): string {
    const s = this.s;
    this.i++;
    let out = "";
    let start = this.i;
    for (;;) {
      if (this.i >= s.length) this.fail();
      const c = s.charCodeAt(this.i);
      if (c === 34) {
        out += s.slice(start, this.i);
        this.i++;
        return out;
      }
      if (c < 32) this.fail();
      if (c === 92) {
        out += s.slice(start, this.i);
        const e = s[this.i + 1];
        this.i += 2;
        switch (e) {
          case '"': out += '"'; break;
          case "\\": out += "\\"; break;
          case "/": out += "/"; break;
          case "b": out += "\b"; break;
          case "f": out += "\f"; break;
          case "n": out += "\n"; break;
          case "r": out += "\r"; break;
          case "t": out += "\t"; break;
          case "u": {
            const h = s.slice(this.i, this.i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail();
            out += String.fromCharCode(parseInt(h, 16));
            this.i += 4;
            break;
          }
          default: this.fail();
        }
        start = this.i;
      } else {
        this.i++;
      }
    }
  }
}

/** Jackson's string quoting: ", \ and control characters escaped; everything else as is. */
export function quoteJson(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92) continue;
    out += s.slice(start, i);
    switch (c) {
      case 34: out += '\\"'; break;
      case 92: out += "\\\\"; break;
      case 8: out += "\\b"; break;
      case 9: out += "\\t"; break;
      case 10: out += "\\n"; break;
      case 12: out += "\\f"; break;
      case 13: out += "\\r"; break;
      default: out += "\\u00" + (c < 16 ? "0" : "") + c.toString(16).toUpperCase();
    }
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

/** The number as Jackson copies it: ints keep their digits, floats go through a Java double. */
export function numberText(n: { text: string; int: boolean }): string {
  if (n.int) return n.text.replace(/^-0$/, "0");
  return javaDoubleString(Number(n.text));
}

/** Compact JSON text of a node, as Jackson's copyCurrentStructure writes it. */
export function writeJson(n: JsonNode): string {
  switch (n.t) {
    case "obj": return "{" + n.entries.map(([k, v]) => quoteJson(k) + ":" + writeJson(v)).join(",") + "}";
    case "arr": return "[" + n.items.map(writeJson).join(",") + "]";
    case "str": return quoteJson(n.v);
    case "num": return numberText(n);
    case "bool": return n.v ? "true" : "false";
    case "null": return "null";
  }
}
