// Paths as Spark writes them in its logs: a local path is qualified as a file URI with the
// characters java.net.URI does not allow in a path percent-encoded (SparkPath.urlEncoded), so
// "/tmp/a b/k=x%2Fy/f.json" is logged as "file:///tmp/a%20b/k=x%252Fy/f.json".
import { resolve } from "node:path";

/** Characters java.net.URI leaves as they are in a path: unreserved, punctuation allowed in paths, non-ASCII. */
function isPathSafe(code: number): boolean {
  if (code > 127) return true;
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  return "-_.!~*'()/:@&=+$,;".includes(String.fromCharCode(code));
}

/** "/tmp/a b" -> "file:///tmp/a%20b" (relative paths are made absolute first). */
export function toFileUri(path: string): string {
  const abs = resolve(path);
  let out = "";
  for (const ch of abs) {
    const code = ch.codePointAt(0)!;
    if (isPathSafe(code)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return "file://" + out;
}

/** The inverse of toFileUri; a plain path is returned as it is. */
export function fromFileUri(uri: string): string {
  if (!uri.startsWith("file:")) return uri;
  let rest = uri.slice(5);
  if (rest.startsWith("//")) rest = rest.slice(2 + rest.slice(2).indexOf("/"));
  return decodePercent(rest);
}

function decodePercent(s: string): string {
  if (!s.includes("%")) return s;
  const bytes: number[] = [];
  const out: string[] = [];
  const flush = () => {
    if (bytes.length) out.push(new TextDecoder().decode(new Uint8Array(bytes)));
    bytes.length = 0;
  };
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "%" && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      flush();
      out.push(s[i]!);
    }
  }
  flush();
  return out.join("");
}

/** Hadoop's "file:/tmp/x" form, used in Spark's batch PATH_NOT_FOUND message. */
export function qualifiedPath(path: string): string {
  return "file:" + resolve(path);
}
