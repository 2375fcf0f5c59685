// contains / startswith / endswith: on two binaries they compare bytes (Spark's BinaryPredicate);
// otherwise both sides are cast to strings (StringPredicate).
import { castArgs } from "../coercion.ts";
import type { ScalarFunction } from "../function_def.ts";
import { BOOLEAN, STRING } from "../../types/data_type.ts";

type Test = "contains" | "startswith" | "endswith";

function bytesIndexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const onBytes: Record<Test, (a: Uint8Array, b: Uint8Array) => boolean> = {
  contains: (a, b) => bytesIndexOf(a, b, 0) >= 0,
  startswith: (a, b) => b.length <= a.length && bytesIndexOf(a.subarray(0, b.length), b, 0) === 0,
  endswith: (a, b) => b.length <= a.length && bytesIndexOf(a.subarray(a.length - b.length), b, 0) === 0,
};

const onStrings: Record<Test, (a: string, b: string) => boolean> = {
  contains: (a, b) => a.includes(b),
  startswith: (a, b) => a.startsWith(b),
  endswith: (a, b) => a.endsWith(b),
};

export function stringPredicate(name: Test): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 2,
    maxArgs: 2,
    bind(args, ctx) {
      const nullable = args.some((a) => a.nullable);
      if (args[0]!.type.kind === "binary" && args[1]!.type.kind === "binary") {
        return { type: BOOLEAN, nullable, impl: onBytes[name] };
      }
      const typed = castArgs(args, [STRING, STRING], ctx);
      return { type: BOOLEAN, nullable, args: typed, impl: onStrings[name] };
    },
  };
}

export { bytesIndexOf };
