// Options a plugin accepts because Spark does, but does not act on (a definition's
// `noEffectOptions`): the user learns once per process, on the session's log, that the option
// changes nothing and why, instead of the option being refused or silently ignored.
import type { Logger, PluginDefinition } from "./contract.ts";

const warned = new Set<string>();

/** The no-effect options among `given` (names matched ignoring case), with why. */
export function noEffectOptionsGiven(def: PluginDefinition, given: Record<string, unknown>): [name: string, why: string][] {
  const declared = Object.entries(def.noEffectOptions ?? {});
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined || value === null) continue;
    const hit = declared.find(([name]) => name.toLowerCase() === key.toLowerCase());
    if (hit) out.push(hit);
  }
  return out;
}

/** Warns about each no-effect option in `given`, once per plugin and option in this process. */
export function warnNoEffectOptions(def: PluginDefinition, given: Record<string, unknown>, log: Logger): void {
  for (const [name, why] of noEffectOptionsGiven(def, given)) {
    const key = `${def.kind}:${def.name.toLowerCase()}:${name.toLowerCase()}`;
    if (warned.has(key)) continue;
    warned.add(key);
    log.warn(`Option '${name}' of the ${def.name} ${def.kind} has no effect in Sluice: ${why}`);
  }
}
