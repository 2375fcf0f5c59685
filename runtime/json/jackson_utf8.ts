// Decodes bytes that are not valid UTF-8 the way Jackson's UTF8StreamJsonParser reads them, for
// the records that hold such bytes (valid text never comes here): multi-byte sequences are decoded
// without overlong or surrogate checks (C0 AF is "/"), and a byte that cannot start or continue a
// sequence ends the sequence with an error that consumes it. Each error becomes DECODE_ERROR in the
// text, where the JSON cursor fails the value being read (a string field becomes null, the record
// partial) or the record (anywhere else), as Jackson fails there. Code points that Java would turn
// into "?" when the value becomes a Spark string (lone surrogates) are "?" already.

/**
 * Marks where a decode error was: U+DFFF not preceded by a high surrogate. Decoded text holds no
 * lone surrogates (they become "?"), so only an error leaves one (see isDecodeError).
 */
export const DECODE_ERROR_CODE = 0xdfff;

/** Whether the code unit at `i` of `s` is a decode error mark. */
export function isDecodeError(s: string, i: number): boolean {
  if (s.charCodeAt(i) !== DECODE_ERROR_CODE) return false;
  const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
  return !(prev >= 0xd800 && prev <= 0xdbff);
}

const isCont = (b: number) => (b & 0xc0) === 0x80;

export function decodeLikeJackson(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const units: number[] = [];
  const errors = new Set<number>();
  let i = start;
  while (i < end) {
    const c = bytes[i++]!;
    if (c < 0x80) {
      units.push(c);
      continue;
    }
    const need = c >= 0xc0 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf7 ? 3 : -1;
    if (need < 0) {
      errors.add(units.push(DECODE_ERROR_CODE) - 1);
      continue;
    }
    let cp = need === 1 ? c & 0x1f : need === 2 ? c & 0x0f : c & 0x07;
    let ok = true;
    for (let k = 0; k < need; k++) {
      if (i >= end) {
        ok = false;
        break;
      }
      const d = bytes[i++]!;
      if (!isCont(d)) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (d & 0x3f);
    }
    if (!ok) {
      errors.add(units.push(DECODE_ERROR_CODE) - 1);
      continue;
    }
    if (cp > 0xffff) {
      const v = cp - 0x10000;
      units.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
    } else {
      units.push(cp);
    }
  }
  // Surrogates that do not form a pair are what Java writes as "?" in UTF-8.
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    if (errors.has(k)) continue;
    if (u >= 0xd800 && u <= 0xdbff && k + 1 < units.length && units[k + 1]! >= 0xdc00 && units[k + 1]! <= 0xdfff && !errors.has(k + 1)) {
      k++;
      continue;
    }
    if (u >= 0xd800 && u <= 0xdfff) units[k] = 63;
  }
  let out = "";
  for (let k = 0; k < units.length; k += 8192) out += String.fromCharCode(...units.slice(k, k + 8192));
  return out;
}
