// Spark's error message for an error class and its parameters, from the error-conditions.json of
// spark-common-utils (extracted next to the tests): what Spark printed, without the "[CLASS] "
// prefix and the SQLSTATE suffix, as Sluice's SluiceError.bareMessage holds it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

type Conditions = Record<string, { message: string[]; subClass?: Record<string, { message: string[] }> }>;
const loaded = new Map<string, Conditions | null>();

export function sparkMessage(dir: string, errorClass: string, params: Readonly<Record<string, string>>): string | undefined {
  if (!loaded.has(dir)) {
    const path = join(dir, "error", "error-conditions.json");
    loaded.set(dir, existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Conditions) : null);
  }
  const conditions = loaded.get(dir);
  if (!conditions) return undefined;
  const [main, sub] = errorClass.split(".");
  const c = conditions[main!];
  if (!c) return undefined;
  let template = c.message.join("\n");
  if (sub !== undefined) {
    const s = c.subClass?.[sub];
    if (!s) return undefined;
    template += " " + s.message.join("\n");
  }
  return template.replace(/<([a-zA-Z0-9_]+)>/g, (m, name: string) => params[name] ?? m);
}
