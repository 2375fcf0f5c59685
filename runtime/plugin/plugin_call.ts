// One call into a plugin's code, as the engine makes it: a plain exception becomes PLUGIN_FAILED
// naming the plugin, its file and the method; a call that has not settled after the plugin call
// timeout (sluice.plugin.callTimeoutMs) fails with PLUGIN_CALL_TIMEOUT, so a promise that never
// settles cannot leave a query hanging, or let the process end as if the batch had finished.
import { externalError, SluiceError } from "../errors.ts";

/** Which plugin a call goes to, for messages. */
export interface PluginRef {
  readonly kind: "source" | "sink";
  readonly name: string;
  /** The file the plugin came from, or "builtin". */
  readonly origin: string;
}

/** The setting bounding every plugin call, in milliseconds (beyond Spark). */
export const PLUGIN_CALL_TIMEOUT_KEY = "sluice.plugin.callTimeoutMs";
export const DEFAULT_PLUGIN_CALL_TIMEOUT_MS = 300_000;

/** A call into a plugin that has not settled yet. */
export interface PluginCallInFlight {
  readonly plugin: PluginRef;
  readonly method: string;
  /** performance.now() when the call was made. */
  readonly since: number;
}

const inFlight = new Set<PluginCallInFlight>();

/** The plugin calls waiting to settle, oldest first (what a stuck query is stuck in). */
export function pluginCallsInFlight(): PluginCallInFlight[] {
  return [...inFlight];
}

/** "The source 'kafka'" style subject for a plugin's messages. */
export function pluginSubject(p: PluginRef): string {
  return p.origin === "builtin" ? `The built-in ${p.kind} '${p.name}'` : `The ${p.kind} '${p.name}' (${p.origin})`;
}

/** The plugin call timeout from a conf lookup: a positive number of milliseconds. */
export function pluginCallTimeoutMs(conf: (key: string) => string | undefined): number {
  const raw = conf(PLUGIN_CALL_TIMEOUT_KEY);
  if (raw === undefined) return DEFAULT_PLUGIN_CALL_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new SluiceError("INVALID_CONF_VALUE",
      `The value '${raw}' in the config "${PLUGIN_CALL_TIMEOUT_KEY}" is invalid. It must be a positive number of milliseconds.`,
      { sqlState: "22022", hint: `For example --conf ${PLUGIN_CALL_TIMEOUT_KEY}=600000 for ten minutes.` });
  }
  return ms;
}

/** PLUGIN_FAILED for an exception from the plugin's own code; SluiceErrors mean what they say and pass through. */
export function pluginFailure(p: PluginRef, method: string, error: unknown): unknown {
  if (error instanceof SluiceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return externalError("PLUGIN_FAILED", `${pluginSubject(p)} failed in ${method}(): ${message}`, {
    cause: error,
    hint: p.origin === "builtin"
      ? "The cause below says what went wrong."
      : `The error was thrown by the plugin's own code in ${p.origin}; the cause below has its stack.`,
  });
}

/** A value the plugin returned that breaks the contract (docs/plugins.md). */
export function contractViolation(p: PluginRef, method: string, problem: string): SluiceError {
  return externalError("PLUGIN_CONTRACT_VIOLATION", `${pluginSubject(p)} broke the plugin contract in ${method}(): ${problem}.`, {
    hint: p.origin === "builtin"
      ? "This is a bug in Sluice's built-in plugin; please report it with the message above."
      : `Fix the plugin in ${p.origin}: see "The contract" in docs/plugins.md.`,
  });
}

/**
 * Runs `body` (the plugin's method) and returns its result; a promise is awaited for at most
 * `timeoutMs`. Synchronous results are returned as they are, without a promise, so fast paths stay
 * fast.
 */
export function callPlugin<T>(p: PluginRef, method: string, timeoutMs: number, body: () => T | Promise<T>): T | Promise<T> {
  let result: T | Promise<T>;
  try {
    result = body();
  } catch (e) {
    throw pluginFailure(p, method, e);
  }
  if (!(result instanceof Promise) && !isThenable(result)) return result;
  if (!Number.isFinite(timeoutMs)) {
    return Promise.resolve(result).catch((e: unknown) => Promise.reject(pluginFailure(p, method, e)));
  }
  const call: PluginCallInFlight = { plugin: p, method, since: performance.now() };
  inFlight.add(call);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      inFlight.delete(call);
      reject(externalError("PLUGIN_CALL_TIMEOUT",
        `${pluginSubject(p)} did not finish ${method}() within ${timeoutMs} ms (${PLUGIN_CALL_TIMEOUT_KEY}).`,
        { hint: `The plugin may be waiting on something that never answers. Raise ${PLUGIN_CALL_TIMEOUT_KEY} (--conf ${PLUGIN_CALL_TIMEOUT_KEY}=N) if the call is just slow.` }));
    }, timeoutMs);
    (result as PromiseLike<T>).then(
      (v) => { clearTimeout(timer); inFlight.delete(call); resolve(v); },
      (e) => { clearTimeout(timer); inFlight.delete(call); reject(pluginFailure(p, method, e)); },
    );
  });
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && typeof v === "object" && typeof (v as { then?: unknown }).then === "function";
}
