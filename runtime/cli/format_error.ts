// How the CLI prints an error: `error [CODE]: message` and the hint for errors with a code (a
// SluiceError, or a Node-style error such as ENOENT); the stack for errors without one and for
// internal errors, since those point at a bug in a pipeline or in Sluice. Wherever the error is
// in the user's own code (a syntax error, an import that does not link, a call of theirs that
// threw) the file:line:column and that line of source are shown, with a caret.
import {
  buildMessages, formatLocation, isEngineFile, locationOfBuildMessage, missingExportLocation, userFrame,
} from "./source_location.ts";

const maxCauseDepth = 5;

export interface FormatErrorOptions {
  /** The user's files (the pipeline), searched for an import the runtime could not link. */
  files?: readonly string[];
  /** Which files are the engine's (not shown as the place of a user's mistake). */
  isEngineFile?: (file: string) => boolean;
}

export function formatError(err: unknown, o: FormatErrorOptions = {}): string {
  const build = buildMessages(err);
  if (build) {
    // Bun's bundler: one message, or an AggregateError ("5 errors building …") holding them.
    const head = build.length === 1 && build[0] === err ? "" : `error: ${(err as Error).message}\n`;
    return head + build.map((m) => `error: ${m.message}\n${formatLocation(locationOfBuildMessage(m))}`).join("");
  }
  const lines: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && depth <= maxCauseDepth; depth++) {
    let text = (depth === 0 ? "error" : "caused by") + formatOne(current);
    if (depth === 0) text = withUserLocation(text, current, o);
    lines.push(text);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join("\n") + "\n";
}

/** Adds where in the user's code the error happened, when that is known. */
function withUserLocation(text: string, err: unknown, o: FormatErrorOptions): string {
  const e = err as { message?: unknown; stack?: unknown };
  if (typeof e?.message === "string") {
    const missing = missingExportLocation(e.message, o.files ?? []);
    if (missing) return `${text}\n${formatLocation(missing).trimEnd()}`;
  }
  const frame = userFrame(e?.stack, o.isEngineFile ?? isEngineFile);
  if (!frame) return text;
  const block = formatLocation(frame).trimEnd();
  const atLine = block.split("\n")[0]!;
  // Where the stack is printed, the source goes under its frame; otherwise after the message.
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.trim() === atLine.trim() || l.endsWith(`(${frame.file}:${frame.line}:${frame.column})`));
  if (i < 0) return `${text}\n${block}`;
  lines.splice(i + 1, 0, ...block.split("\n").slice(1));
  return lines.join("\n");
}

function formatOne(err: unknown): string {
  if (typeof err !== "object" || err === null) return `: ${String(err)}`;
  const e = err as { code?: unknown; message?: unknown; hint?: unknown; kind?: unknown; stack?: unknown };
  let message = typeof e.message === "string" ? e.message : String(err);
  const code = typeof e.code === "string" || typeof e.code === "number" ? String(e.code) : undefined;
  const hint = typeof e.hint === "string" && e.hint !== "" ? e.hint : undefined;
  // Deno reports a module that does not parse as ERR_MODULE_NOT_FOUND, its message already
  // holding the place and the source line.
  if (code === undefined || (code === "ERR_MODULE_NOT_FOUND" && message.startsWith("SyntaxError:"))) return `: ${message}${stackOf(e.stack)}`;
  // A SluiceError's message already carries "[CODE] " in front and "\nHint: …" at the end.
  if (message.startsWith(`[${code}] `)) message = message.slice(code.length + 3);
  if (hint !== undefined && message.endsWith(`\nHint: ${hint}`)) message = message.slice(0, -(hint.length + 7));
  let text = ` [${code}]: ${message}`;
  if (hint !== undefined) text += `\nhint: ${hint}`;
  if (e.kind === "internal") text += stackOf(e.stack);
  return text;
}

/** The "    at …" frames of a stack, without the message line that precedes them. */
function stackOf(stack: unknown): string {
  if (typeof stack !== "string") return "";
  const frames = stack.split("\n").filter((l) => /^\s+at /.test(l));
  return frames.length ? "\n" + frames.join("\n") : "";
}
