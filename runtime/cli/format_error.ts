// How the CLI prints an error: `error [CODE]: message` and the hint for errors with a code (a
// SluiceError, or a Node-style error such as ENOENT); the stack for errors without one and for
// internal errors, since those point at a bug in a pipeline or in Sluice.

const maxCauseDepth = 5;

export function formatError(err: unknown): string {
  const lines: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && depth <= maxCauseDepth; depth++) {
    lines.push((depth === 0 ? "error" : "caused by") + formatOne(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join("\n") + "\n";
}

function formatOne(err: unknown): string {
  if (typeof err !== "object" || err === null) return `: ${String(err)}`;
  const e = err as { code?: unknown; message?: unknown; hint?: unknown; kind?: unknown; stack?: unknown };
  let message = typeof e.message === "string" ? e.message : String(err);
  const code = typeof e.code === "string" || typeof e.code === "number" ? String(e.code) : undefined;
  const hint = typeof e.hint === "string" && e.hint !== "" ? e.hint : undefined;
  if (code === undefined) return `: ${message}${stackOf(e.stack)}`;
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
