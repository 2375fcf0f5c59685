// Hadoop-style glob paths, as Spark's file sources accept them: `*` and `?` within one path
// component, `[abc]`, `[^a-c]`, `{a,b}` alternatives (which may span components) and `\` escapes.
import { readdirSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";

const GLOB_CHARS = /[{}[\]*?\\]/;

/** SparkHadoopUtil.isGlobPath: the path has a glob meta character. */
export function isGlobPath(path: string): boolean {
  return GLOB_CHARS.test(path);
}

/** Expands `{a,b}` alternatives (outermost first, nested ones too) into plain patterns. */
export function expandBraces(pattern: string): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") {
      if (depth === 0) open = i;
      depth++;
    } else if (c === "}" && depth > 0) {
      depth--;
      if (depth === 0) {
        const inner = pattern.slice(open + 1, i);
        const before = pattern.slice(0, open);
        const after = pattern.slice(i + 1);
        return splitTopLevel(inner).flatMap((alt) => expandBraces(before + alt + after));
      }
    }
  }
  return [pattern];
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** A regular expression matching one path component against a brace-free glob component. */
export function componentRegex(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "\\" && i + 1 < glob.length) re += escapeRegex(glob[++i]!);
    else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) {
        re += "\\[";
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith("^") || body.startsWith("!");
      if (negate) body = body.slice(1);
      re += `[${negate ? "^" : ""}${body.replace(/[\]\\]/g, "\\$&")}]`;
      i = close;
    } else re += escapeRegex(c);
  }
  return new RegExp(`^${re}$`, "s");
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Every existing path matching `pattern`, sorted; empty when nothing matches. */
export function globPaths(pattern: string): string[] {
  const out = new Set<string>();
  for (const p of expandBraces(resolve(pattern))) {
    const parts = p.split(sep).filter((x) => x !== "");
    walk(sep, parts, 0, out);
  }
  return [...out].sort();
}

function walk(dir: string, parts: string[], i: number, out: Set<string>): void {
  if (i === parts.length) {
    out.add(dir);
    return;
  }
  const part = parts[i]!;
  if (!isGlobPath(part)) {
    const next = join(dir, part);
    if (exists(next)) walk(next, parts, i + 1, out);
    return;
  }
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const re = componentRegex(part);
  for (const name of names.sort()) if (re.test(name)) walk(join(dir, name), parts, i + 1, out);
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
