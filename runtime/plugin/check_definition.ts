// Checks that a value is a usable plugin definition (what defineSource/defineSink return), so a
// mistake in a plugin is reported when it is loaded, naming what is wrong, not when a query runs.
import { checkOptions, compileOptionsSchema, formatProblem } from "./validate_options.ts";
import type { PluginDefinition } from "./contract.ts";

const OUTPUT_MODES = ["append", "update", "complete"];
const USER_SCHEMA = ["none", "optional", "required"];
/** Format names as Spark accepts them: "rate", "rate-micro-batch", "org.example.thing". */
const NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * Every problem with `value` as a plugin definition; empty when it is valid. `shallow` leaves out
 * compiling the options' JSON Schema and checking the examples against it (about 200 ms for the
 * built-ins, which builtins.test.ts checks in full): what registering the built-ins does, so that
 * `sluice serve` and `sluice run` start in milliseconds.
 */
export function definitionProblems(value: unknown, o: { shallow?: boolean } = {}): string[] {
  if (typeof value !== "object" || value === null) {
    return [`expected a plugin definition made by defineSource(...) or defineSink(...), found ${describe(value)}`];
  }
  const d = value as Record<string, unknown>;
  const problems: string[] = [];
  if (d.kind !== "source" && d.kind !== "sink") {
    problems.push(
      d.kind === undefined
        ? "it has no `kind`: wrap the definition in defineSource(...) or defineSink(...)"
        : `\`kind\` is ${JSON.stringify(d.kind)}; expected "source" or "sink"`,
    );
  }
  if (typeof d.name !== "string" || d.name === "") problems.push("`name` must be a non-empty string");
  else if (!NAME.test(d.name)) {
    problems.push(`\`name\` ${JSON.stringify(d.name)} may only hold letters, digits, '_', '.' and '-', starting with a letter`);
  }
  if (typeof d.summary !== "string" || d.summary.trim() === "") problems.push("`summary` must be a non-empty string");
  if (typeof d.create !== "function") problems.push("`create` must be a function");
  problems.push(...optionsSchemaProblems(d.options, o.shallow ?? false));
  problems.push(...reasonedNamesProblems("noEffectOptions", d.noEffectOptions, d.options));
  problems.push(...reasonedNamesProblems("unsupportedOptions", d.unsupportedOptions, d.options));

  if (d.kind === "sink") {
    const modes = d.outputModes;
    if (!Array.isArray(modes) || modes.length === 0) {
      problems.push('`outputModes` must list the output modes the sink accepts ("append", "update", "complete")');
    } else {
      for (const m of modes) {
        if (!OUTPUT_MODES.includes(m as string)) problems.push(`\`outputModes\` has ${JSON.stringify(m)}; expected "append", "update" or "complete"`);
      }
      if (new Set(modes).size !== modes.length) problems.push("`outputModes` lists a mode twice");
    }
    if (d.requiresCheckpoint !== undefined && typeof d.requiresCheckpoint !== "boolean") {
      problems.push("`requiresCheckpoint` must be true or false");
    }
    if (d.save !== undefined && typeof d.save !== "function") problems.push("`save` must be a function (options, ctx) => writer or null");
  }
  if (d.kind === "source" && typeof d.schema !== "function") {
    problems.push("`schema` must be a function (options, userSchema) => StructType");
  }
  if (d.kind === "source" && d.userSchema !== undefined && !USER_SCHEMA.includes(d.userSchema as string)) {
    problems.push(`\`userSchema\` is ${JSON.stringify(d.userSchema)}; expected "none", "optional" or "required"`);
  }
  if (d.kind === "source" && d.pushdown !== undefined) {
    const p = d.pushdown as Record<string, unknown> | null;
    if (typeof p !== "object" || p === null || Array.isArray(p) ||
        Object.entries(p).some(([k, v]) => !["columns", "filters"].includes(k) || typeof v !== "boolean")) {
      problems.push("`pushdown` must be an object with optional boolean `columns` and `filters`");
    }
  }
  if (problems.length === 0 && !o.shallow) problems.push(...exampleProblems(value as PluginDefinition));
  return problems;
}

/** `noEffectOptions`, `unsupportedOptions`: names (not also declared options) mapped to why. */
function reasonedNamesProblems(field: string, value: unknown, options: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [`\`${field}\` must be an object mapping option names to why`];
  }
  const declared = new Set(Object.keys(((options as { properties?: object } | null)?.properties ?? {}) as object).map((n) => n.toLowerCase()));
  const problems: string[] = [];
  for (const [name, why] of Object.entries(value)) {
    if (typeof why !== "string" || why.trim() === "") problems.push(`\`${field}.${name}\` must say why`);
    if (declared.has(name.toLowerCase())) problems.push(`\`${name}\` is both an option and in \`${field}\``);
  }
  return problems;
}

function optionsSchemaProblems(options: unknown, shallow: boolean): string[] {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return ["`options` must be a JSON Schema object describing the options (use { type: \"object\", properties: {} } for none)"];
  }
  const o = options as Record<string, unknown>;
  const problems: string[] = [];
  if (o.type !== undefined && o.type !== "object") problems.push(`\`options.type\` is ${JSON.stringify(o.type)}; expected "object"`);
  const props = o.properties;
  if (props !== undefined && (typeof props !== "object" || props === null || Array.isArray(props))) {
    problems.push("`options.properties` must be an object mapping option names to schemas");
    return problems;
  }
  const names = Object.keys((props ?? {}) as object);
  // Options are matched ignoring case, so two names differing only in case could never both be set.
  const seen = new Map<string, string>();
  for (const n of names) {
    const prior = seen.get(n.toLowerCase());
    if (prior !== undefined) problems.push(`options '${prior}' and '${n}' differ only in case; option names are case-insensitive`);
    seen.set(n.toLowerCase(), n);
  }
  if (Array.isArray(o.required)) {
    for (const r of o.required) {
      if (!names.includes(r as string)) problems.push(`\`options.required\` names '${String(r)}', which is not in \`options.properties\``);
    }
  }
  if (problems.length > 0 || shallow) return problems;
  try {
    compileOptionsSchema(options as Record<string, unknown>);
  } catch (e) {
    problems.push(`\`options\` is not a valid JSON Schema: ${(e as Error).message}`);
  }
  return problems;
}

/** The documented examples must themselves be valid options, or the docs lie. */
function exampleProblems(def: PluginDefinition): string[] {
  const examples = (def as { examples?: unknown }).examples;
  if (examples === undefined) return [];
  if (!Array.isArray(examples)) return ["`examples` must be a list of { title, options }"];
  const problems: string[] = [];
  examples.forEach((ex, i) => {
    const e = ex as { title?: unknown; options?: unknown };
    if (typeof e?.title !== "string" || e.title === "") problems.push(`\`examples[${i}].title\` must be a non-empty string`);
    if (typeof e?.options !== "object" || e.options === null) {
      problems.push(`\`examples[${i}].options\` must be an object`);
      return;
    }
    for (const p of checkOptions(def, e.options as Record<string, unknown>).problems) {
      problems.push(`\`examples[${i}]\` (${String(e.title)}) has invalid options: ${formatProblem(p)}`);
    }
  });
  return problems;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing (is there a default export?)";
  if (typeof value === "function") return "a function";
  return `a ${typeof value}`;
}
