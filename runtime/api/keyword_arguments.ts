// Python's call of a PySpark reader or writer method, in TypeScript: positional arguments in the
// order of PySpark's parameters, then optionally an object standing for the keyword arguments —
// `spark.readStream.csv(path, schema, { header: true })` for `csv(path, schema, header=True)`.
// The parameter lists come from PySpark's own signatures (pyspark_keywords.ts). A keyword PySpark
// does not take is refused as Python refuses it; methods with **options pass any other keyword on
// as an option. `undefined` and `null` are Python's None: not set.
import { userError } from "../errors.ts";
import { closeNames } from "../plugin/close_names.ts";
import { typeName } from "./arguments.ts";
import { PYSPARK_KEYWORDS } from "./pyspark_keywords.ts";

export interface CallArguments {
  /** PySpark's named parameters that were given (not None), by name. */
  readonly named: Record<string, unknown>;
  /** The **options keywords (methods that take them), by option name. */
  readonly options: Record<string, unknown>;
}

/** A plain object literal: what stands for Python's keyword arguments. */
export function isKeywordObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Binds `args` to PySpark's parameters of `method` ("DataStreamReader.csv"), as Python does. */
export function callArguments(method: string, args: readonly unknown[]): CallArguments {
  const sig = PYSPARK_KEYWORDS[method];
  if (!sig) throw new Error(`no PySpark signature for ${method}`);
  const shortName = method.slice(method.indexOf(".") + 1);
  const params = sig.first === null ? sig.keywords : [sig.first, ...sig.keywords];
  let positional = [...args];
  while (positional.length > 0 && positional[positional.length - 1] === undefined) positional.pop();
  let keywords: Record<string, unknown> = {};
  if (positional.length > 0 && isKeywordObject(positional[positional.length - 1])) {
    keywords = positional.pop() as Record<string, unknown>;
  }
  if (positional.length > params.length) {
    throw userError("TOO_MANY_POSITIONAL_ARGUMENTS", `${shortName}() takes at most ${params.length} positional argument${params.length === 1 ? "" : "s"} but ${positional.length} were given.`, {
      hint: `Pass PySpark's keyword arguments as the last argument, an object: ${shortName}(…, { ${params[1] ?? params[0] ?? "key"}: … }). ` +
        "(Python's TypeError; Sluice names it.)",
    });
  }
  const named: Record<string, unknown> = {};
  positional.forEach((v, i) => {
    if (v !== undefined && v !== null) named[params[i]!] = v;
  });
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(keywords)) {
    const i = params.indexOf(key);
    if (i >= 0) {
      if (i < positional.length && positional[i] !== undefined) {
        throw userError("UNEXPECTED_KEYWORD_ARGUMENT", `${shortName}() got multiple values for argument '${key}'.`, {
          hint: `'${key}' was given both as the ${ordinal(i + 1)} argument and as a keyword: give it once.`,
        });
      }
      if (value !== undefined && value !== null) named[key] = value;
    } else if (sig.options) {
      if (value !== undefined && value !== null) options[key] = value;
    } else {
      const close = closeNames(key, params);
      throw userError("UNEXPECTED_KEYWORD_ARGUMENT", `${shortName}() got an unexpected keyword argument '${key}'.`, {
        hint: (close.length > 0 ? `Did you mean '${close[0]}'? ` : "") +
          `PySpark's ${shortName}() takes ${params.join(", ")}; other options go through .option(key, value) before ${shortName}().`,
      });
    }
  }
  return { named, options };
}

/** An option's value as PySpark's to_str makes it: booleans in lower case, numbers as written. */
export function optionText(key: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "number" || typeof value === "bigint") return String(value);
  throw userError("NOT_STR", `Option \`${key}\` should be a str, bool, int or float, got ${typeName(value)}.`, {
    hint: `Give ${key} as text, a number or a boolean.`,
  });
}

/** A path argument: one string (a directory, file or glob). */
export function pathText(method: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    throw userError("NOT_STR", `Argument \`path\` should be a str, got list.`, {
      hint: `Sluice's ${method}() reads one path: a directory, a file or a glob pattern such as "/data/{a,b}/*.json" for several.`,
    });
  }
  throw userError("NOT_STR", `Argument \`path\` should be a str, got ${typeName(value)}.`);
}

function ordinal(n: number): string {
  return n === 1 ? "1st" : n === 2 ? "2nd" : n === 3 ? "3rd" : `${n}th`;
}
