// Reads a declarative pipeline file: JSON, with ${VAR} / ${VAR:-default} replaced from the
// environment, checked against the pipeline schema. Every problem is reported at once, each at
// its JSON path ("/queries/revenue/outputMode: must be one of append, update, complete").
import { Ajv, type ErrorObject } from "ajv";
import { readFileSync } from "node:fs";
import { userError, type SluiceError } from "../errors.ts";
import { closeNames } from "../plugin/close_names.ts";
import { pipelineSchema, type PipelineSpec } from "./pipeline_schema.ts";

/** File names `sluice run` reads as declarative pipelines instead of importing them. */
export function isDeclarativePipeline(path: string): boolean {
  return /\.json$/i.test(path);
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, logger: false, verbose: true });
const validate = ajv.compile(pipelineSchema);

export function pipelineError(file: string, problems: readonly string[]): SluiceError {
  const noun = problems.length === 1 ? "problem" : "problems";
  return userError("INVALID_PIPELINE_FILE", `${file}: ${problems.length} ${noun}:\n${problems.map((p) => `  - ${p}`).join("\n")}`, {
    hint: "Run `sluice schema pipeline` for the pipeline file's JSON Schema.",
  });
}

/** Parses, substitutes and checks a pipeline file's text. Throws INVALID_PIPELINE_FILE. */
export function parsePipeline(text: string, file: string, env: (name: string) => string | undefined): PipelineSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw pipelineError(file, [`not valid JSON: ${(e as Error).message}`]);
  }
  const problems: string[] = [];
  const substituted = substitute(raw, "", env, problems);
  if (problems.length > 0) throw pipelineError(file, problems);
  if (!validate(substituted)) throw pipelineError(file, describeErrors(validate.errors ?? []));
  return substituted as PipelineSpec;
}

export function loadPipeline(file: string, env: (name: string) => string | undefined): PipelineSpec {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw userError("PATH_NOT_FOUND", `Cannot read the pipeline file ${file}: ${(e as Error).message}.`, { sqlState: "42K03" });
  }
  return parsePipeline(text, file, env);
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces ${VAR} and ${VAR:-default} in every string (keys included); unset variables without a default are problems. */
function substitute(v: unknown, path: string, env: (name: string) => string | undefined, problems: string[]): unknown {
  if (typeof v === "string") {
    return v.replace(VARIABLE, (whole, name: string, dflt: string | undefined) => {
      const value = env(name);
      if (value !== undefined && value !== "") return value;
      if (dflt !== undefined) return dflt;
      problems.push(`${path || "/"}: environment variable ${name} is not set (write \${${name}:-default} for a default)`);
      return whole;
    });
  }
  if (Array.isArray(v)) return v.map((x, i) => substitute(x, `${path}/${i}`, env, problems));
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = substitute(x, `${path}/${pointerPart(k)}`, env, problems);
    return out;
  }
  return v;
}

const pointerPart = (k: string) => k.replaceAll("~", "~0").replaceAll("/", "~1");

/** ajv's errors as "path: what was wrong", skipping the noise of oneOf branches when one error says it better. */
function describeErrors(errors: readonly ErrorObject[]): string[] {
  const out: string[] = [];
  const triggerPaths = new Set(errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath));
  for (const e of errors) {
    const at = e.instancePath || "/";
    // A bad trigger fails every branch of its oneOf: report it once.
    if (triggerPaths.has(e.instancePath) && e.keyword !== "oneOf") continue;
    if ([...triggerPaths].some((p) => e.instancePath.startsWith(p + "/"))) continue;
    switch (e.keyword) {
      case "additionalProperties": {
        const name = (e.params as { additionalProperty: string }).additionalProperty;
        const known = Object.keys(propertiesAt(e.schemaPath));
        const close = closeNames(name, known);
        out.push(`${at}: unknown property '${name}'${close.length ? `; did you mean ${close.map((c) => `'${c}'`).join(" or ")}?` : known.length ? ` (known: ${known.join(", ")})` : ""}`);
        break;
      }
      case "required":
        out.push(`${at}: missing required property '${(e.params as { missingProperty: string }).missingProperty}'`);
        break;
      case "enum":
        out.push(`${at}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}, given ${JSON.stringify(e.data)}`);
        break;
      case "oneOf":
        out.push(`${at}: must be one of {"processingTime": "10 seconds"}, {"once": true}, {"availableNow": true}, {"continuous": "1 second"}, {"realTime": "5 minutes"}, given ${JSON.stringify(e.data)}`);
        break;
      case "pattern":
        out.push(`${at}: '${(e.params as { propertyName?: string }).propertyName ?? String(e.data)}' is not a valid name (letters, digits and _)`);
        break;
      case "propertyNames":
        break;
      default:
        out.push(`${at}: ${e.message ?? "is invalid"}${e.data !== undefined && typeof e.data !== "object" ? `, given ${JSON.stringify(e.data)}` : ""}`);
    }
  }
  return [...new Set(out)];
}

/** The `properties` of the schema node an error's schemaPath points into. */
function propertiesAt(schemaPath: string): Record<string, unknown> {
  const parts = schemaPath.replace(/^#\//, "").split("/").slice(0, -1).map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
  let node: unknown = pipelineSchema;
  for (const p of parts) node = (node as Record<string, unknown> | undefined)?.[p];
  return ((node as { properties?: Record<string, unknown> } | undefined)?.properties) ?? {};
}
