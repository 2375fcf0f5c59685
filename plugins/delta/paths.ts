// Paths in the Delta log are URIs (RFC 2396): relative to the table root, or absolute
// (file:/…). delta-spark writes a relative path the way Hadoop's Path.toUri prints it, so the
// Hive-escaped partition directory "k=a%3Ab" is logged as "k=a%253Ab".
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fromFileUri } from "../formats/spark_path.ts";

/** Characters java.net.URI keeps as they are in a path (unreserved, path punctuation, non-ASCII). */
function isPathSafe(code: number): boolean {
  if (code > 127) return true;
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  return "-_.!~*'()/:@&=+$,;".includes(String.fromCharCode(code));
}

/** A relative file path (with "/" separators) as the log spells it. */
export function encodeLogPath(relativePath: string): string {
  let out = "";
  for (const ch of relativePath) {
    const code = ch.codePointAt(0)!;
    if (isPathSafe(code)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** The file's path on disk for a path from the log. */
export function absoluteFilePath(table: string, logPath: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(logPath)) return fromFileUri(logPath);
  const decoded = fromFileUri(`file:${logPath.startsWith("/") ? "" : "/"}${logPath}`).replace(/^\//, logPath.startsWith("/") ? "/" : "");
  return isAbsolute(decoded) ? decoded : join(resolve(table), decoded);
}

/** One key per file, however the log spells its path (relative, absolute, encoded differently). */
export function filePathKey(table: string, logPath: string): string {
  const abs = absoluteFilePath(table, logPath);
  const rel = relative(resolve(table), abs);
  return rel.startsWith("..") || isAbsolute(rel) ? abs : rel.split(sep).join("/");
}
