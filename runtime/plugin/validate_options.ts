// Checks the options a user gave a plugin against the plugin's JSON Schema, before create() runs.
// Option names are case-insensitive as in Spark; values may be strings (PySpark passes every
// option as a string), so ajv coerces "1" and "true"; defaults come from the schema. Every problem
// is reported at once, each naming the option, what was expected and what was given.
import { caseInsensitiveWords, patternText } from "./pattern_text.ts";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { userError, type SluiceError } from "../errors.ts";
import { closeNames } from "./close_names.ts";
import type { OptionsSchema, PluginDefinition } from "./contract.ts";
import { isTimeString } from "./time_string.ts";

export interface OptionProblem {
  /** The option as the user would write it: `rowsPerSecond`, `servers[0].host`. */
  option: string;
  /** What the schema wanted, in words: "a positive integer". */
  expected: string;
  /** What the user gave, as JSON, or "nothing" when a required option is missing. */
  given: string;
  /** For unknown options: close names the plugin does accept. */
  didYouMean?: string[];
}

export interface CheckedOptions {
  /** Options under the schema's own property names, coerced, with defaults applied. */
  options: Record<string, unknown>;
  problems: OptionProblem[];
}

export interface ValidateOptionsSettings {
  /**
   * Option names the engine itself consumes (e.g. "checkpointLocation", "path"). Unless the plugin
   * declares them, they are dropped instead of being reported as unknown.
   */
  engineOptions?: readonly string[];
}

/** Interval strings as Spark's trigger and watermark take them: "10 seconds", "1 minute 30 seconds". */
const INTERVAL =
  /^\s*(interval\s+)?(-?\d+(\.\d+)?\s*(years?|months?|weeks?|days?|hours?|minutes?|mins?|seconds?|secs?|milliseconds?|ms|microseconds?|us)\s*)+$/i;

const ajv = new Ajv({
  allErrors: true,
  useDefaults: true,
  coerceTypes: true,
  verbose: true,
  allowUnionTypes: true,
  strictTypes: false,
  strictTuples: false,
  logger: false,
  formats: {
    // Spark's time strings ("5s", "100ms", "7d"): rampUpTime, maxFileAge, maxTriggerDelay.
    duration: { type: "string", validate: isTimeString },
    // Spark's interval strings ("10 seconds").
    interval: { type: "string", validate: (s: string) => INTERVAL.test(s) },
  },
});

export interface CompiledOptions {
  /** Validates the properties the schema names (root-level extra keys are handled here, not by ajv). */
  root: ValidateFunction;
  properties: Record<string, unknown>;
  patterns: { regex: RegExp; source: string; validate: ValidateFunction }[];
  /** false: unknown options are refused; true: accepted as they are; a validator: checked by it. */
  additional: boolean | ValidateFunction;
}

const compiled = new WeakMap<OptionsSchema, CompiledOptions>();

/** Wraps a sub-schema so a lone value can be coerced in place: `{v: value}`. */
function valueValidator(schema: unknown): ValidateFunction {
  return ajv.compile({ type: "object", properties: { v: schema as object } });
}

/** Compiles a plugin's options schema (cached); throws ajv's error when the schema is malformed. */
export function compileOptionsSchema(schema: OptionsSchema): CompiledOptions {
  const hit = compiled.get(schema);
  if (hit) return hit;
  const { $schema: _draft, patternProperties, additionalProperties, ...rest } = schema as Record<string, unknown>;
  const properties = (rest.properties ?? {}) as Record<string, unknown>;
  const root = ajv.compile({ ...rest, type: "object" });
  const patterns = Object.entries((patternProperties ?? {}) as Record<string, unknown>).map(([source, sub]) => ({
    source,
    regex: new RegExp(source, "iu"),
    validate: valueValidator(sub),
  }));
  const additional = additionalProperties === undefined || additionalProperties === false
    ? false
    : additionalProperties === true
    ? true
    : valueValidator(additionalProperties);
  const result = { root, properties, patterns, additional };
  compiled.set(schema, result);
  return result;
}

/** Validates without throwing: the cleaned options and every problem found. */
export function checkOptions(
  def: PluginDefinition,
  rawOptions: Record<string, unknown>,
  settings: ValidateOptionsSettings = {},
): CheckedOptions {
  const c = compileOptionsSchema(def.options);
  const names = Object.keys(c.properties);
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const engine = new Set((settings.engineOptions ?? []).map((n) => n.toLowerCase()));
  const noEffect = new Set(Object.keys(def.noEffectOptions ?? {}).map((n) => n.toLowerCase()));
  const unsupported = new Map(Object.entries(def.unsupportedOptions ?? {}).map(([n, why]) => [n.toLowerCase(), [n, why] as const]));
  /** Every name the plugin knows, for "did you mean". */
  const known = [...names, ...Object.keys(def.noEffectOptions ?? {})];
  const declared: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  const problems: RawProblem[] = [];
  /** What the user passed for each schema property, before coercion, for messages. */
  const given = new Map<string, unknown>();

  for (const [key, value] of Object.entries(rawOptions)) {
    // An option set to null counts as not set, as in Spark's option map.
    if (value === undefined || value === null) continue;
    const name = byLower.get(key.toLowerCase());
    if (name !== undefined) {
      // Later spellings win, as with Spark's case-insensitive option map.
      declared[name] = normaliseBoolean(c.properties[name], value);
      given.set(name, value);
      continue;
    }
    if (engine.has(key.toLowerCase())) continue;
    // Accepted and dropped; the reader or writer warns (no_effect_options.ts).
    if (noEffect.has(key.toLowerCase())) continue;
    const refused = unsupported.get(key.toLowerCase());
    if (refused) {
      problems.push({ option: refused[0], expected: `not supported by Sluice: ${refused[1]}`, given: showValue(value), didYouMean: [] });
      continue;
    }
    const pattern = c.patterns.find((p) => p.regex.test(key));
    if (pattern) {
      const checked = checkValue(pattern.validate, value);
      if (checked.ok) extra[key] = checked.value;
      else problems.push(...checked.errors.map((e) => describeError(e, key, value)));
      continue;
    }
    if (c.additional === true) {
      extra[key] = value;
    } else if (c.additional !== false) {
      const checked = checkValue(c.additional, value);
      if (checked.ok) extra[key] = checked.value;
      else problems.push(...checked.errors.map((e) => describeError(e, key, value)));
    } else {
      problems.push(unknownOption(key, value, known, c.patterns.map((p) => p.source)));
    }
  }

  if (!c.root(declared)) {
    for (const e of c.root.errors ?? []) {
      const top = topLevelName(e);
      problems.push(describeError(e, undefined, top !== undefined && given.has(top) ? given.get(top) : e.data));
    }
  }
  // Report in the order the user wrote the options; missing required ones last.
  const order = new Map(Object.keys(rawOptions).map((k, i) => [(byLower.get(k.toLowerCase()) ?? k).toLowerCase(), i]));
  const rank = (p: OptionProblem) =>
    order.get(p.option.toLowerCase()) ?? order.get(p.option.split(/[.[]/)[0]!.toLowerCase()) ?? Infinity;
  const sorted = mergeProblems(problems)
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map((x) => x.p);
  return { options: { ...declared, ...extra }, problems: sorted };
}

/**
 * Validates and normalises a plugin's options before create() runs. Throws one SluiceError
 * (PLUGIN_OPTIONS_INVALID) listing every problem.
 */
export function validateOptions(
  def: PluginDefinition,
  rawOptions: Record<string, unknown>,
  settings: ValidateOptionsSettings = {},
): Record<string, unknown> {
  const { options, problems } = checkOptions(def, rawOptions, settings);
  if (problems.length > 0) throw optionsError(def, problems);
  return options;
}

/** The error for a list of problems, one line each. */
export function optionsError(def: PluginDefinition, problems: readonly OptionProblem[]): SluiceError {
  const lines = problems.map((p) => `  - ${formatProblem(p)}`);
  const noun = problems.length === 1 ? "option" : "options";
  return userError(
    "PLUGIN_OPTIONS_INVALID",
    `Invalid ${noun} for the ${def.kind} '${def.name}':\n${lines.join("\n")}`,
    { hint: `Run \`sluice plugins describe ${def.name}\` to see every option it accepts.` },
  );
}

export function formatProblem(p: OptionProblem): string {
  if (p.didYouMean !== undefined) {
    const tail = p.didYouMean.length > 0 ? `; did you mean ${p.didYouMean.map((n) => `'${n}'`).join(" or ")}?` : "";
    return `option '${p.option}': ${p.expected}${tail}`;
  }
  return `option '${p.option}': expected ${p.expected}, given ${p.given}`;
}

function unknownOption(key: string, value: unknown, names: string[], patterns: string[]): OptionProblem {
  const close = closeNames(key, names);
  const known = names.length > 0 ? names.join(", ") : "none";
  const patternText = patterns.length > 0 ? `; names matching ${patterns.map((p) => `/${p}/`).join(", ")}` : "";
  return {
    option: key,
    expected: close.length > 0 ? "unknown option" : `unknown option (known options: ${known}${patternText})`,
    given: showValue(value),
    didYouMean: close,
  };
}

/** Spark reads booleans case-insensitively ("True" works); ajv only coerces "true"/"false". */
function normaliseBoolean(schema: unknown, value: unknown): unknown {
  if (typeof value !== "string" || typeof schema !== "object" || schema === null) return value;
  const type = (schema as { type?: unknown }).type;
  const wantsBoolean = type === "boolean" || (Array.isArray(type) && type.includes("boolean"));
  const lower = value.trim().toLowerCase();
  return wantsBoolean && (lower === "true" || lower === "false") ? lower : value;
}

function checkValue(validate: ValidateFunction, value: unknown):
  | { ok: true; value: unknown }
  | { ok: false; errors: ErrorObject[] } {
  const box = { v: value };
  if (validate(box)) return { ok: true, value: box.v };
  return { ok: false, errors: validate.errors ?? [] };
}

/** The schema property an error is about, when it is about a top-level option. */
function topLevelName(e: ErrorObject): string | undefined {
  const parts = pointerParts(e.instancePath);
  if (parts.length > 0) return parts[0];
  if (e.keyword === "required") return (e.params as { missingProperty: string }).missingProperty;
  return undefined;
}

function pointerParts(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** `servers/0/host` → `servers[0].host`. */
function optionPath(parts: string[]): string {
  let out = "";
  for (const p of parts) out += /^\d+$/.test(p) && out !== "" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}

/** A problem before merging: `alternative` marks expectations from anyOf/oneOf branches. */
type RawProblem = OptionProblem & { alternative?: boolean };

function describeError(e: ErrorObject, lone: string | undefined, givenValue: unknown): RawProblem {
  let parts = pointerParts(e.instancePath);
  if (lone !== undefined) parts = [lone, ...parts.slice(1)]; // drop the `v` wrapper
  if (e.keyword === "required") {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return { option: optionPath([...parts, missing]), expected: "a value (this option is required)", given: "nothing" };
  }
  if (e.keyword === "additionalProperties") {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    const known = Object.keys(((e.parentSchema as { properties?: object })?.properties) ?? {});
    return { ...unknownOption(extra, undefined, known, []), option: optionPath([...parts, extra]), given: "" };
  }
  const value = parts.length <= 1 ? givenValue : e.data;
  const alternative = /\/(anyOf|oneOf)\//.test(e.schemaPath);
  return { option: optionPath(parts), expected: expectation(e), given: showValue(value), alternative };
}

/** One problem per option: several expectations for the same option are joined. */
function mergeProblems(problems: RawProblem[]): OptionProblem[] {
  const merged = new Map<string, { problem: RawProblem; expected: string[]; alternative: boolean }>();
  for (const p of problems) {
    if (p.expected === "") continue; // anyOf/oneOf summaries: their branches say more
    const key = `${p.option}\u0000${p.didYouMean === undefined ? "" : "unknown"}`;
    const seen = merged.get(key);
    if (!seen) merged.set(key, { problem: p, expected: [p.expected], alternative: p.alternative === true });
    else if (!seen.expected.includes(p.expected)) {
      seen.expected.push(p.expected);
      seen.alternative ||= p.alternative === true;
    }
  }
  return [...merged.values()].map(({ problem, expected, alternative }) => {
    const { alternative: _a, ...rest } = problem;
    return { ...rest, expected: expected.join(alternative ? " or " : " and ") };
  });
}

const TYPE_WORDS: Record<string, string> = {
  integer: "an integer",
  number: "a number",
  string: "a string",
  boolean: "a boolean (true or false)",
  array: "a list",
  object: "an object",
  null: "null",
};

function noun(schema: unknown): string {
  const t = (schema as { type?: unknown } | undefined)?.type;
  if (t === "integer") return "integer";
  return "number";
}

function expectation(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  switch (e.keyword) {
    case "type": {
      const types = String(p.type).split(",");
      return types.map((t) => TYPE_WORDS[t] ?? t).join(" or ");
    }
    case "minimum":
      return p.limit === 0 ? `a non-negative ${noun(parent)}` : `${withArticle(noun(parent))} >= ${p.limit}`;
    case "exclusiveMinimum":
      return p.limit === 0 ? `a positive ${noun(parent)}` : `${withArticle(noun(parent))} > ${p.limit}`;
    case "maximum":
      return `${withArticle(noun(parent))} <= ${p.limit}`;
    case "exclusiveMaximum":
      return `${withArticle(noun(parent))} < ${p.limit}`;
    case "enum":
      return `one of ${(p.allowedValues as unknown[]).map(showValue).join(", ")}`;
    case "const":
      return `exactly ${showValue(p.allowedValue)}`;
    case "pattern":
      return caseInsensitiveWords(String(p.pattern)) ? patternText(String(p.pattern)) : `a string ${patternText(String(p.pattern))}`;
    case "format":
      if (p.format === "duration") return 'a duration such as "5s", "100ms" or "10m" (units us, ms, s, m, min, h, d)';
      if (p.format === "interval") return 'an interval such as "10 seconds" or "1 minute"';
      return `a string in ${p.format} format`;
    case "minLength":
      return p.limit === 1 ? "a non-empty string" : `a string of at least ${p.limit} characters`;
    case "maxLength":
      return `a string of at most ${p.limit} characters`;
    case "minItems":
      return `a list of at least ${p.limit} items`;
    case "maxItems":
      return `a list of at most ${p.limit} items`;
    case "uniqueItems":
      return "a list without duplicates";
    case "multipleOf":
      return `a multiple of ${p.multipleOf}`;
    case "anyOf":
    case "oneOf":
      return "";
    default:
      return `a value that ${e.message ?? `satisfies ${e.keyword}`}`;
  }
}

function withArticle(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "bigint") return value.toString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
