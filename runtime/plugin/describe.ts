// Text for `sluice plugins list` and `sluice plugins describe NAME`, drawn from the plugin's own
// definition: the options schema is the documentation.
import { patternText } from "./pattern_text.ts";
import type { PluginDefinition } from "./contract.ts";
import { BUILTIN_ORIGIN, type RegisteredPlugin } from "./registry.ts";

/** One line per plugin (name, kind, summary), aligned, after a header line. */
export function formatPluginList(plugins: readonly RegisteredPlugin[]): string {
  if (plugins.length === 0) return "No plugins registered.\n";
  const rows = plugins.map((p) => [
    p.definition.name,
    p.definition.kind,
    p.definition.summary + (p.origin === BUILTIN_ORIGIN ? "" : ` (from ${p.origin})`),
  ]);
  const nameWidth = Math.max(4, ...rows.map((r) => r[0]!.length));
  const kindWidth = Math.max(4, ...rows.map((r) => r[1]!.length));
  const line = (r: string[]) => `${r[0]!.padEnd(nameWidth)}  ${r[1]!.padEnd(kindWidth)}  ${r[2]}`.trimEnd();
  return [line(["NAME", "KIND", "SUMMARY"]), ...rows.map(line)].join("\n") + "\n";
}

interface OptionSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  items?: OptionSchema;
  anyOf?: OptionSchema[];
  oneOf?: OptionSchema[];
}

/** The full description: summary, kind-specific facts, every option, then the examples. */
export function formatPluginDescription(def: PluginDefinition, origin?: string): string {
  const out: string[] = [`${def.name} (${def.kind})`, `  ${def.summary}`, ""];
  if (origin !== undefined && origin !== BUILTIN_ORIGIN) out.push(`Loaded from: ${origin}`);
  if (def.kind === "sink") {
    out.push(`Output modes: ${def.outputModes.join(", ")}`);
    if (def.requiresCheckpoint) out.push("Requires a checkpointLocation.");
  } else {
    const schema = def.userSchema ?? "none";
    out.push(
      schema === "none"
        ? "Schema: fixed by the source (a user-specified schema is rejected)."
        : schema === "required"
        ? "Schema: must be given with .schema(...)."
        : "Schema: may be given with .schema(...).",
    );
  }
  out.push("");

  const schema = def.options as {
    properties?: Record<string, OptionSchema>;
    patternProperties?: Record<string, OptionSchema>;
    required?: string[];
    additionalProperties?: unknown;
  };
  const properties = Object.entries(schema.properties ?? {});
  const patterns = Object.entries(schema.patternProperties ?? {});
  const required = new Set(schema.required ?? []);
  if (properties.length === 0 && patterns.length === 0) {
    out.push("Options: none.");
  } else {
    out.push("Options:");
    for (const [name, s] of properties) out.push(...describeOption(name, s, required.has(name)));
    for (const [pattern, s] of patterns) out.push(...describeOption(`/${pattern}/`, s, false, "any option whose name matches"));
  }
  if (schema.additionalProperties === true) out.push("", "Other options are passed through unchecked.");
  const noEffect = Object.entries(def.noEffectOptions ?? {});
  if (noEffect.length > 0) {
    out.push("", "Accepted as Spark accepts them, with no effect in Sluice (a warning says so once):");
    out.push(...byReason(noEffect));
  }
  const unsupported = Object.entries(def.unsupportedOptions ?? {});
  if (unsupported.length > 0) {
    out.push("", "Spark options Sluice refuses (ignoring them would change the result):");
    out.push(...byReason(unsupported));
  }

  const examples = def.examples ?? [];
  if (examples.length > 0) {
    out.push("", "Examples:");
    for (const ex of examples) {
      out.push(`  ${ex.title}`);
      for (const [k, v] of Object.entries(ex.options)) out.push(`    .option(${JSON.stringify(k)}, ${JSON.stringify(v)})`);
    }
  }
  return out.join("\n") + "\n";
}

/** Options sharing a reason together: their names on one (wrapped) line, the reason under them. */
function byReason(entries: [string, string][]): string[] {
  const groups = new Map<string, string[]>();
  for (const [name, why] of entries) groups.set(why, [...(groups.get(why) ?? []), name]);
  return [...groups].flatMap(([why, names]) => [
    ...wrap(names.join(", "), 76).map((l) => `  ${l}`),
    ...wrap(why, 76).map((l) => `      ${l}`),
  ]);
}

function describeOption(name: string, s: OptionSchema, required: boolean, lead?: string): string[] {
  const facts = [typeText(s)];
  if (required) facts.push("required");
  if (s.default !== undefined) facts.push(`default: ${JSON.stringify(s.default)}`);
  const range = rangeText(s);
  if (range) facts.push(range);
  const lines = [`  ${name}  (${facts.join("; ")})`];
  const text = [lead, s.description].filter((t) => t !== undefined && t !== "").join(": ");
  if (text) lines.push(...wrap(text, 76).map((l) => `      ${l}`));
  const values = s.enum ?? (s.const !== undefined ? [s.const] : undefined);
  if (values) lines.push(`      One of: ${values.map((v) => JSON.stringify(v)).join(", ")}`);
  return lines;
}

function typeText(s: OptionSchema): string {
  if (s.format === "duration") return "duration, e.g. \"5s\", \"100ms\"";
  if (s.format === "interval") return "interval, e.g. \"10 seconds\"";
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map(typeText).join(" or ");
  if (s.type === undefined) return s.enum ? "enum" : "any";
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return types.map((t) => (t === "array" && s.items ? `list of ${typeText(s.items)}` : t)).join(" or ");
}

function rangeText(s: OptionSchema): string | undefined {
  const parts: string[] = [];
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`);
  if (s.minimum !== undefined) parts.push(`>= ${s.minimum}`);
  if (s.exclusiveMaximum !== undefined) parts.push(`< ${s.exclusiveMaximum}`);
  if (s.maximum !== undefined) parts.push(`<= ${s.maximum}`);
  if (s.pattern !== undefined) parts.push(patternText(s.pattern));
  return parts.length > 0 ? parts.join(", ") : undefined;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}
