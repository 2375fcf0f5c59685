// One error type for the whole engine. `code` is stable (tests assert on it); where Spark has an
// error class for the same mistake, the code is Spark's class and the message is Spark's words.

/** Whose fault it is: the user's query/options, an outside system, or a bug in Sluice. */
export type ErrorKind = "user" | "external" | "internal";

/** A place inside a text the user wrote (an expression string or a SQL query). */
export interface TextPosition {
  /** The whole text the position points into. */
  text: string;
  /** Offset of the first offending character (0-based). */
  start: number;
  /** Offset just past the last offending character. */
  end: number;
}

export interface SluiceErrorOptions {
  hint?: string;
  kind?: ErrorKind;
  position?: TextPosition;
  sqlState?: string;
  cause?: unknown;
}

export class SluiceError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly kind: ErrorKind;
  readonly position?: TextPosition;
  readonly sqlState?: string;
  /** The message without the "[CODE]" prefix, position and caret block. */
  readonly bareMessage: string;

  constructor(code: string, message: string, options: SluiceErrorOptions = {}) {
    super(formatMessage(code, message, options), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SluiceError";
    this.code = code;
    this.bareMessage = message;
    this.hint = options.hint;
    this.kind = options.kind ?? "user";
    this.position = options.position;
    this.sqlState = options.sqlState;
  }

  /** A copy of this error pointing at `position`, unless it already points somewhere. */
  at(position: TextPosition | undefined): SluiceError {
    if (!position || this.position) return this;
    return new SluiceError(this.code, this.bareMessage, {
      hint: this.hint, kind: this.kind, position, sqlState: this.sqlState, cause: this.cause,
    });
  }

  toJSON(): { code: string; message: string; hint?: string } {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

function formatMessage(code: string, message: string, o: SluiceErrorOptions): string {
  const isSparkClass = /^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$/.test(code);
  let text = isSparkClass ? `[${code}] ${message}` : message;
  if (o.sqlState) text += ` SQLSTATE: ${o.sqlState}`;
  if (o.position) text += caretBlock(o.position);
  if (o.hint) text += `\nHint: ${o.hint}`;
  return text;
}

/** Spark's "(line L, pos P)" suffix followed by the text with a caret line under the offending part. */
export function caretBlock(p: TextPosition): string {
  const before = p.text.slice(0, p.start);
  const line = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  const col = p.start - lineStart;
  const lines = p.text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]!);
    if (i === line - 1) {
      const width = Math.max(1, Math.min(p.end, lineStart + lines[i]!.length) - p.start);
      out.push("-".repeat(col) + "^".repeat(width));
    }
  }
  return ` (line ${line}, pos ${col})\n\n== SQL ==\n${out.join("\n")}`;
}

export const userError = (code: string, message: string, o: SluiceErrorOptions = {}) =>
  new SluiceError(code, message, { ...o, kind: "user" });

export const externalError = (code: string, message: string, o: SluiceErrorOptions = {}) =>
  new SluiceError(code, message, { ...o, kind: "external" });

export const internalError = (message: string, o: SluiceErrorOptions = {}) =>
  new SluiceError("INTERNAL_ERROR", message, { ...o, kind: "internal", sqlState: "XX000" });

/** Backquote a name the way Spark's messages do: `a`.`b` */
export function quoteIdent(name: string): string {
  return "`" + name.replaceAll("`", "``") + "`";
}

/** Names from `candidates` close to `name` (Levenshtein), best first; for "Did you mean". */
export function suggest(name: string, candidates: readonly string[], max = 5): string[] {
  const scored = candidates.map((c) => ({ c, d: editDistance(name.toLowerCase(), c.toLowerCase()) }));
  scored.sort((a, b) => a.d - b.d);
  return scored.slice(0, max).map((s) => s.c);
}

export function editDistance(a: string, b: string): number {
  const prev = new Array(b.length + 1).fill(0).map((_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
