// Character sets for encode/decode (Spark's CharsetProvider): US-ASCII, ISO-8859-1, UTF-8,
// UTF-16BE, UTF-16LE, UTF-16 (big-endian, a BOM when encoding, BOM-detected when decoding) and
// UTF-32 (big-endian), case-insensitive; with spark.sql.legacy.javaCharsets also the single-byte
// charsets the platform's TextDecoder knows (windows-1252 …). Malformed input and unmappable
// characters are MALFORMED_CHARACTER_CODING, or replaced (with '?' / U+FFFD) when
// spark.sql.legacy.codingErrorAction is true.
import { SluiceError } from "../../errors.ts";

export const VALID_CHARSETS = ["iso-8859-1", "us-ascii", "utf-16", "utf-16be", "utf-16le", "utf-32", "utf-8"];

export interface CharsetOptions {
  readonly legacyCharsets: boolean;
  readonly legacyErrorAction: boolean;
}

export function charsetOptions(conf: ((k: string) => string | undefined) | undefined): CharsetOptions {
  const flag = (k: string) => (conf?.(k) ?? "false").toLowerCase() === "true";
  return { legacyCharsets: flag("spark.sql.legacy.javaCharsets"), legacyErrorAction: flag("spark.sql.legacy.codingErrorAction") };
}

export function invalidCharset(fn: string, charset: string): SluiceError {
  return new SluiceError("INVALID_PARAMETER_VALUE.CHARSET",
    `The value of parameter(s) \`charset\` in \`${fn}\` is invalid: expects one of the ${VALID_CHARSETS.join(", ")}, but got ${charset}.`,
    { sqlState: "22023" });
}

function malformed(fn: string, charset: string): SluiceError {
  return new SluiceError("MALFORMED_CHARACTER_CODING", `Invalid value found when performing \`${fn}\` with ${charset}`, { sqlState: "22000" });
}

/** Java's aliases of the standard charsets, lower-cased. */
const ALIASES: Record<string, string> = {
  "utf8": "utf-8", "unicodebigunmarked": "utf-16be", "unicodelittleunmarked": "utf-16le", "utf_16be": "utf-16be",
  "utf_16le": "utf-16le", "utf16": "utf-16", "utf_16": "utf-16", "utf_32": "utf-32", "utf32": "utf-32", "ascii": "us-ascii",
  "iso8859_1": "iso-8859-1", "latin1": "iso-8859-1", "iso-latin-1": "iso-8859-1", "l1": "iso-8859-1", "cp819": "iso-8859-1",
  "utf-32be": "utf-32", "utf_32be": "utf-32",
};

function canonical(fn: string, charset: string, o: CharsetOptions): string {
  const lower = charset.toLowerCase();
  if (VALID_CHARSETS.includes(lower)) return lower;
  if (!o.legacyCharsets) throw invalidCharset(fn, charset);
  const alias = ALIASES[lower];
  if (alias) return alias;
  if (singleByteTable(lower)) return lower;
  throw invalidCharset(fn, charset);
}

const tables = new Map<string, string[] | null>();

/** The 256 characters of a single-byte charset the platform decodes, or null. */
function singleByteTable(name: string): string[] | null {
  if (!tables.has(name)) {
    let table: string[] | null = null;
    try {
      const d = new TextDecoder(name as ConstructorParameters<typeof TextDecoder>[0]);
      if (!/^utf-/.test(d.encoding)) {
        table = [];
        for (let b = 0; b < 256; b++) table.push(d.decode(new Uint8Array([b])));
        if (table.some((c) => c.length !== 1)) table = null;
      }
    } catch {
      table = null;
    }
    tables.set(name, table);
  }
  return tables.get(name)!;
}

const QUESTION = 0x3f;

export function encodeString(s: string, charset: string, o: CharsetOptions): Uint8Array {
  const name = canonical("encode", charset, o);
  const fail = () => {
    throw malformed("encode", charset);
  };
  const out: number[] = [];
  const codePoints = [...s];
  switch (name) {
    case "utf-8": {
      if (!hasLoneSurrogate(s)) return new TextEncoder().encode(s);
      for (const c of codePoints) {
        if (c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff) {
          if (!o.legacyErrorAction) fail();
          out.push(QUESTION);
        } else out.push(...new TextEncoder().encode(c));
      }
      return Uint8Array.from(out);
    }
    case "us-ascii":
    case "iso-8859-1": {
      const max = name === "us-ascii" ? 0x7f : 0xff;
      for (const c of codePoints) {
        const cp = c.codePointAt(0)!;
        if (cp > max || (cp >= 0xd800 && cp <= 0xdfff)) {
          if (!o.legacyErrorAction) fail();
          out.push(QUESTION);
        } else out.push(cp);
      }
      return Uint8Array.from(out);
    }
    case "utf-16":
    case "utf-16be":
    case "utf-16le": {
      const le = name === "utf-16le";
      if (hasLoneSurrogate(s) && !o.legacyErrorAction) fail();
      if (name === "utf-16" && s.length > 0) out.push(0xfe, 0xff);
      // JS strings are UTF-16 code units already; a lone surrogate (legacy mode) becomes U+FFFD.
      const lone = loneSurrogates(s);
      for (let i = 0; i < s.length; i++) {
        const u = lone.has(i) ? 0xfffd : s.charCodeAt(i);
        if (le) out.push(u & 0xff, u >> 8);
        else out.push(u >> 8, u & 0xff);
      }
      return Uint8Array.from(out);
    }
    case "utf-32": {
      for (const c of codePoints) {
        let cp = c.codePointAt(0)!;
        if (cp >= 0xd800 && cp <= 0xdfff) {
          if (!o.legacyErrorAction) fail();
          cp = 0xfffd;
        }
        out.push((cp >>> 24) & 0xff, (cp >>> 16) & 0xff, (cp >>> 8) & 0xff, cp & 0xff);
      }
      return Uint8Array.from(out);
    }
    default: {
      const table = singleByteTable(name)!;
      const reverse = new Map(table.map((c, b) => [c, b] as const));
      for (const c of codePoints) {
        const b = reverse.get(c);
        if (b === undefined) {
          if (!o.legacyErrorAction) fail();
          out.push(QUESTION);
        } else out.push(b);
      }
      return Uint8Array.from(out);
    }
  }
}

/** Indexes of the unpaired surrogates of `s` (not valid UTF-16, so not encodable). */
export function loneSurrogates(s: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else out.add(i);
    } else if (c >= 0xdc00 && c <= 0xdfff) out.add(i);
  }
  return out;
}

function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udfff]/.test(s) && loneSurrogates(s).size > 0;
}

export function decodeBytes(b: Uint8Array, charset: string, o: CharsetOptions): string {
  const name = canonical("decode", charset, o);
  const fatal = !o.legacyErrorAction;
  const fail = () => {
    throw malformed("decode", charset);
  };
  switch (name) {
    case "us-ascii": {
      let s = "";
      for (const x of b) {
        if (x > 0x7f) {
          if (fatal) fail();
          s += "\ufffd";
        } else s += String.fromCharCode(x);
      }
      return s;
    }
    case "iso-8859-1": {
      let s = "";
      for (const x of b) s += String.fromCharCode(x);
      return s;
    }
    case "utf-8":
    case "utf-16be":
    case "utf-16le":
    case "utf-16": {
      let label = name;
      let bytes = b;
      if (name === "utf-16") {
        // Java's UTF-16 decoder: a byte-order mark picks the order (and is dropped); big-endian otherwise.
        if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
          label = "utf-16le";
          bytes = b.subarray(2);
        } else {
          label = "utf-16be";
          if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) bytes = b.subarray(2);
        }
      }
      try {
        return new TextDecoder(label as "utf-8", { fatal, ignoreBOM: true }).decode(bytes);
      } catch {
        return fail();
      }
    }
    case "utf-32": {
      let s = "";
      let i = 0;
      if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) i = 4;
      for (; i + 3 < b.length; i += 4) {
        const cp = ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          if (fatal) fail();
          s += "\ufffd";
        } else s += String.fromCodePoint(cp);
      }
      if (i < b.length) {
        if (fatal) fail();
        s += "\ufffd";
      }
      return s;
    }
    default: {
      const table = singleByteTable(name)!;
      let s = "";
      for (const x of b) s += table[x];
      return s;
    }
  }
}
