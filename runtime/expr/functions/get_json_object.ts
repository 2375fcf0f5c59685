// get_json_object(json, path): the part of a JSON text a JSONPath selects, as Spark evaluates it:
// paths start with '$' and use .name, ['name'], [n] and [*]. A selected string comes back bare,
// anything else as compact JSON; several matches under [*] come back as a JSON array (a single one
// as JSON, so strings stay quoted). Invalid JSON, an invalid path or no match give null.
import { STRING } from "../../types/data_type.ts";
import type { ScalarFunction } from "../function_def.ts";
import { stringConv, unexpectedInputType } from "./datetime_args.ts";
import { JsonSyntaxError, parseJson, writeJson, type JsonNode } from "./json_value.ts";

type Step = { k: "key"; name: string } | { k: "index"; i: number } | { k: "wildcard" };

/** Spark's JsonPathParser; null for a path it does not accept. */
export function parseJsonPath(path: string): Step[] | null {
  if (!path.startsWith("$")) return null;
  const steps: Step[] = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === ".") {
      i++;
      let j = i;
      while (j < path.length && path[j] !== "." && path[j] !== "[") j++;
      const name = path.slice(i, j);
      if (name === "" || name === "*") return null;
      steps.push({ k: "key", name });
      i = j;
    } else if (path.startsWith("[*]", i)) {
      steps.push({ k: "wildcard" });
      i += 3;
    } else if (path.startsWith("['", i)) {
      const end = path.indexOf("']", i + 2);
      if (end < 0) return null;
      steps.push({ k: "key", name: path.slice(i + 2, end) });
      i = end + 2;
    } else if (path[i] === "[") {
      const end = path.indexOf("]", i);
      if (end < 0) return null;
      const n = path.slice(i + 1, end);
      if (!/^\d+$/.test(n)) return null;
      steps.push({ k: "index", i: Number(n) });
      i = end + 1;
    } else {
      return null;
    }
  }
  return steps;
}

/** Matches of `steps` in `n`; `wild` tells whether a [*] was crossed. */
function evaluate(n: JsonNode, steps: readonly Step[], at: number, out: JsonNode[]): boolean {
  if (at === steps.length) {
    out.push(n);
    return false;
  }
  const s = steps[at]!;
  switch (s.k) {
    case "key": {
      if (n.t !== "obj") return false;
      let found: JsonNode | undefined;
      for (const [k, v] of n.entries) if (k === s.name) found = v;
      return found === undefined ? false : evaluate(found, steps, at + 1, out);
    }
    case "index":
      if (n.t !== "arr" || s.i >= n.items.length) return false;
      return evaluate(n.items[s.i]!, steps, at + 1, out);
    case "wildcard":
      if (n.t !== "arr") return false;
      for (const item of n.items) evaluate(item, steps, at + 1, out);
      return true;
  }
}

export function getJsonObject(json: string, steps: readonly Step[]): string | null {
  let root: JsonNode | null;
  try {
    root = parseJson(json);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return null;
    throw e;
  }
  if (root === null) return null;
  const out: JsonNode[] = [];
  const wild = evaluate(root, steps, 0, out);
  if (out.length === 0) return null;
  if (wild) return out.length === 1 ? writeJson(out[0]!) : "[" + out.map(writeJson).join(",") + "]";
  const v = out[0]!;
  if (v.t === "null") return null;
  return v.t === "str" ? v.v : writeJson(v);
}

export const fn: ScalarFunction = {
  kind: "scalar",
  name: "get_json_object",
  minArgs: 2,
  maxArgs: 2,
  bind(args, ctx) {
    const [j, p] = [args[0]!, args[1]!];
    const json = stringConv(j, ctx);
    if (json === null) throw unexpectedInputType(ctx, 0, "STRING", j);
    const path = stringConv(p, ctx);
    if (path === null) throw unexpectedInputType(ctx, 1, "STRING", p);
    const fixed = p.kind === "lit" && p.value !== null ? parseJsonPath(path(p.value)) : undefined;
    return {
      type: STRING,
      nullable: true,
      impl: (a: unknown, b: unknown) => {
        const steps = fixed !== undefined ? fixed : parseJsonPath(path(b));
        return steps === null ? null : getJsonObject(json(a), steps);
      },
    };
  },
};
export default fn;
