import { describe, expect, test } from "bun:test";
import { STRING } from "../../types/data_type.ts";
import { call } from "./datetime_test_kit.ts";
import { fn as get_json_object } from "./get_json_object.ts";

const get = (json: string | null, path: string | null) => call(get_json_object, [[json, STRING], [path, STRING]]);

// Expected values are PySpark 4.1.1 results.
describe("get_json_object", () => {
  const doc = '{"a": {"b": [1, 2, {"c": "x"}]}, "d": "str", "e": null, "f": 1.50, "g": true}';
  const cases: [string, string | null][] = [
    ["$.a", '{"b":[1,2,{"c":"x"}]}'], ["$.a.b", '[1,2,{"c":"x"}]'], ["$.a.b[0]", "1"], ["$.a.b[2].c", "x"], ["$.d", "str"],
    ["$.e", null], ["$.f", "1.5"], ["$.g", "true"], ["$.zz", null], ["$", '{"a":{"b":[1,2,{"c":"x"}]},"d":"str","e":null,"f":1.5,"g":true}'],
    ["$.a.b[*]", '[1,2,{"c":"x"}]'], ["$.a.b[*].c", '"x"'], ["a", null], ["$[0]", null], ["$['d']", "str"], ["$.a.b[5]", null], ["$..a", null],
  ];
  for (const [path, want] of cases) test(path, () => expect(get(doc, path)).toBe(want));

  test("arrays, wildcards, bad input", () => {
    expect(get("[1,2,3]", "$[1]")).toBe("2");
    expect(get('[{"a":1},{"a":2}]', "$[*].a")).toBe("[1,2]");
    expect(get("not json", "$.a")).toBeNull();
    expect(get('{"a":"x"} trailing', "$.a")).toBe("x");
    expect(get('{"a":"\\u00e9\\n"}', "$.a")).toBe("é\n");
    expect(get('{"a b":1}', "$.a b")).toBe("1");
    expect(get('{"a":[[1,2],[3]]}', "$.a[*][0]")).toBe("[1,3]");
    expect(get('{"a":{"b":1}}', "$.a.*")).toBeNull();
    expect(get(null, "$.a")).toBeNull();
    expect(get('{"a":1}', null)).toBeNull();
  });
});
