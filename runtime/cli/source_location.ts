// Where in the user's own files an error happened, and that line of source with a caret under it:
// for syntax errors the bundler reports (Bun's BuildMessage, and AggregateError for several), an
// import the runtime could not link ("Export named 'x' not found"), and errors thrown while the
// pipeline's code ran (the first frame of the stack that is not the engine's).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The text of that line, when known. */
  lineText?: string;
  /** How many characters to underline (at least 1). */
  length?: number;
}

/** A bundler message: Bun's BuildMessage / ResolveMessage carry `position`. */
interface BuildMessageLike {
  message: string;
  position: { file: string; line: number; column: number; lineText?: string; length?: number };
}

export function isBuildMessage(e: unknown): e is BuildMessageLike {
  if (typeof e !== "object" || e === null) return false;
  const p = (e as { position?: unknown }).position;
  return typeof (e as { message?: unknown }).message === "string" && typeof p === "object" && p !== null &&
    typeof (p as { file?: unknown }).file === "string" && typeof (p as { line?: unknown }).line === "number";
}

/** The messages of a failed build: one BuildMessage, or an AggregateError of them. */
export function buildMessages(e: unknown): BuildMessageLike[] | undefined {
  if (isBuildMessage(e)) return [e];
  const errors = (e as { errors?: unknown })?.errors;
  if (e instanceof Error && Array.isArray(errors) && errors.length > 0 && errors.every(isBuildMessage)) return errors;
  return undefined;
}

export function locationOfBuildMessage(m: BuildMessageLike): SourceLocation {
  return { file: m.position.file, line: m.position.line, column: m.position.column, lineText: m.position.lineText, length: m.position.length };
}

/**
 * "    at FILE:LINE:COL" and the source line with a caret, indented to sit under an error line.
 * The line is read from the file when the location does not carry it.
 */
export function formatLocation(loc: SourceLocation, readText: (file: string) => string | undefined = readSource): string {
  let text = `    at ${loc.file}:${loc.line}:${loc.column}\n`;
  const lineText = loc.lineText ?? readText(loc.file)?.split(/\r?\n/)[loc.line - 1];
  if (lineText === undefined) return text;
  const gutter = String(loc.line);
  const pad = " ".repeat(gutter.length);
  const caretAt = Math.max(0, Math.min(loc.column - 1, lineText.length));
  // Tabs stay tabs, so the caret lines up in a terminal.
  const lead = lineText.slice(0, caretAt).replace(/[^\t]/g, " ");
  text += `  ${gutter} | ${lineText}\n  ${pad} | ${lead}${"^".repeat(Math.max(1, loc.length ?? 1))}\n`;
  return text;
}

function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** This engine's own files: the source tree it runs from, the compiled binary's, node_modules. */
const engineRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function isEngineFile(file: string): boolean {
  return file.startsWith("/$bunfs/") || file.startsWith("B:/~BUN/") || file.includes("/node_modules/") ||
    file.startsWith(`${engineRoot}/runtime/`) || file.startsWith(`${engineRoot}/plugins/`) ||
    !(file.startsWith("/") || /^[A-Za-z]:[\\/]/.test(file));
}

/** The first frame of `stack` in a file of the user's (not the engine's, not native code). */
export function userFrame(stack: unknown, isEngine: (file: string) => boolean = isEngineFile): SourceLocation | undefined {
  if (typeof stack !== "string") return undefined;
  for (const line of stack.split("\n")) {
    const m = /^\s+at (?:.*? \()?((?:file:\/\/)?[^()]+?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!m) continue;
    const file = m[1]!.startsWith("file://") ? fileURLToPath(m[1]!) : m[1]!;
    if (isEngine(file)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/**
 * Bun reports an import of a name a module does not export without a place ("Export named 'x'
 * not found in module 'sluice'."): find that import in the pipeline's own source.
 */
export function missingExportLocation(message: string, files: readonly string[], readText = readSource): SourceLocation | undefined {
  const m = /Export named '([^']+)' not found in module '([^']+)'/.exec(message);
  if (!m) return undefined;
  const [, name, module] = m as unknown as [string, string, string];
  for (const file of files) {
    const text = readText(file);
    if (text === undefined) continue;
    const imports = /import\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/g;
    for (let hit = imports.exec(text); hit; hit = imports.exec(text)) {
      const specifier = hit[2]!;
      const sameModule = specifier === module || (module.startsWith("/") && resolve(dirname(file), specifier) === module);
      if (!sameModule) continue;
      const inBraces = new RegExp(`(^|[\\s,])(${name.replace(/[$]/g, "\\$")})(?=\\s*(,|as\\b|$))`, "m").exec(hit[1]!);
      if (!inBraces) continue;
      const offset = hit.index + hit[0].indexOf("{") + 1 + inBraces.index + inBraces[1]!.length;
      const before = text.slice(0, offset);
      const line = before.split("\n").length;
      const column = offset - before.lastIndexOf("\n");
      return { file, line, column, lineText: text.split(/\r?\n/)[line - 1], length: name.length };
    }
  }
  return undefined;
}
