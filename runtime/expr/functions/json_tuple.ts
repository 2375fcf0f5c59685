// The row json_tuple(json, name1, …) generates (the generator itself is planned in plan/build.ts):
// each named top-level field of the JSON object, strings bare and other values as JSON text.
import { parseOrNull } from "./json_array_length.ts";
import { writeJson } from "./json_value.ts";

export function jsonTupleRow(json: string | null, fields: readonly (string | null)[]): (string | null)[] {
  const node = json === null ? null : parseOrNull(json);
  if (node === null || node.t !== "obj") return fields.map(() => null);
  return fields.map((f) => {
    if (f === null) return null;
    const hit = node.entries.find(([k]) => k === f);
    if (!hit || hit[1].t === "null") return null;
    return hit[1].t === "str" ? hit[1].v : writeJson(hit[1]);
  });
}
