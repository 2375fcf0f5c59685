import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { userError } from "../errors.ts";
import { formatError } from "./format_error.ts";
import { formatLocation, missingExportLocation, userFrame } from "./source_location.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-source-location-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const importError = async (path: string) => {
  try {
    await import(path);
  } catch (e) {
    return e;
  }
  throw new Error(`${path} imported`);
};

describe("errors in the user's files point at the line", () => {
  test("a syntax error: file:line:column, the source line and a caret", async () => {
    const path = file("syntax.ts", 'import { SparkSession } from "sluice";\nconst x = ;\n');
    expect(formatError(await importError(path))).toBe(
      `error: Unexpected ;\n    at ${path}:2:11\n  2 | const x = ;\n    |           ^\n`,
    );
  });

  test("several build errors: each one, under the bundler's summary", async () => {
    const path = file("several.ts", "const x = (1;\nlet let = 2;\n");
    const text = formatError(await importError(path));
    expect(text).toStartWith(`error: 2 errors building "${path}"\nerror: Expected ")" but found ";"\n    at ${path}:1:13\n  1 | const x = (1;\n`);
    expect(text).toContain(`error: Cannot use "let" as an identifier here\n    at ${path}:2:5\n  2 | let let = 2;\n    |     ^^^\n`);
  });

  test("an import of a name a module does not export is found in the pipeline", () => {
    const path = file("imports.ts", 'import {\n  SparkSession,\n  colx as c,\n} from "sluice";\n');
    expect(missingExportLocation("Export named 'colx' not found in module 'sluice'.", [path])).toEqual({
      file: path, line: 3, column: 3, lineText: "  colx as c,", length: 4,
    });
    expect(missingExportLocation("Export named 'other' not found in module 'sluice'.", [path])).toBeUndefined();
    const err = new SyntaxError("Export named 'colx' not found in module 'sluice'.");
    expect(formatError(err, { files: [path] })).toContain(`    at ${path}:3:3\n  3 |   colx as c,\n    |   ^^^^\n`);
  });

  test("an error thrown by the user's code: the source under its frame in the stack", () => {
    const path = file("throws.ts", "const o: any = undefined;\nconsole.log(o.x);\n");
    const err = new TypeError("undefined is not an object (evaluating 'o.x')");
    err.stack = `TypeError: ${err.message}\n    at ${path}:2:13\n    at moduleEvaluation (native:1:11)`;
    expect(formatError(err)).toBe(
      `error: undefined is not an object (evaluating 'o.x')\n    at ${path}:2:13\n  2 | console.log(o.x);\n    |             ^\n    at moduleEvaluation (native:1:11)\n`,
    );
  });

  test("a SluiceError raised by a call in the user's code: its code, hint, then the place", () => {
    const path = file("call.ts", 'df.withColumn("b", 5);\n');
    const err = userError("NOT_COLUMN", "Argument `col` should be a Column, got number.", { hint: "Write F.lit(5) for a constant column." });
    err.stack = `SluiceError: x\n    at requireColumn (${join(import.meta.dir, "..", "api", "arguments.ts")}:1:1)\n    at ${path}:1:4`;
    expect(formatError(err)).toBe(
      "error [NOT_COLUMN]: Argument `col` should be a Column, got number.\nhint: Write F.lit(5) for a constant column.\n" +
        `    at ${path}:1:4\n  1 | df.withColumn("b", 5);\n    |    ^\n`,
    );
  });

  test("frames of the engine, the binary and node_modules are not the user's", () => {
    const engine = join(import.meta.dir, "run.ts");
    expect(userFrame(`E\n    at x (${engine}:1:1)\n    at y (/$bunfs/root/sluice:2:2)\n    at z (/p/node_modules/a/b.js:3:3)\n    at native:1:1`)).toBeUndefined();
    expect(userFrame(`E\n    at x (${engine}:1:1)\n    at file:///home/me/p.ts:7:9`)).toEqual({ file: "/home/me/p.ts", line: 7, column: 9 });
  });

  test("a location without readable source still names the place; tabs keep the caret aligned", () => {
    expect(formatLocation({ file: "/nowhere.ts", line: 3, column: 2 }, () => undefined)).toBe("    at /nowhere.ts:3:2\n");
    expect(formatLocation({ file: "/t.ts", line: 1, column: 3, lineText: "\tx;" })).toBe("    at /t.ts:1:3\n  1 | \tx;\n    | \t ^\n");
  });
});
