// sluice init and sluice check against a small SDK archive made here (the real one, built by
// scripts/build_sdk.ts, is exercised with the compiled binary in tests/e2e/project_binary.test.ts).
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkCommand } from "./check.ts";
import { initCommand, packageName, projectFiles } from "./init.ts";
import type { SdkArchive } from "./sdk_archive.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-init-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const archive: SdkArchive = {
  version: "9.9.9",
  files: {
    "node_modules/sluice/package.json": JSON.stringify({
      name: "sluice", type: "module",
      exports: { ".": { types: "./types/runtime/mod.d.ts", default: "./dist/mod.js" }, "./testing": { types: "./types/runtime/testing/mod.d.ts", default: "./dist/testing/mod.js" } },
    }),
    "node_modules/sluice/types/runtime/mod.d.ts": 'export declare class Column { plus(o: unknown): Column; }\nexport declare const functions: { col(name: string): Column };\nexport { col } from "./api/cols.ts";\n',
    "node_modules/sluice/types/runtime/api/cols.d.ts": "import type { Column } from '../mod.ts';\nexport declare function col(name: string): Column;\n",
    "node_modules/sluice/types/runtime/testing/mod.d.ts": "export declare class MemoryStream { addData(rows: unknown[][]): number; }\n",
    "node_modules/sluice/dist/mod.js": "export const functions = {};\n",
    "node_modules/@types/fakeglobals/index.d.ts": "declare var pipelineGlobal: { argv: string[] };\n",
    "node_modules/@types/fakeglobals/package.json": '{"name":"@types/fakeglobals","types":"index.d.ts"}',
  },
};
const io = () => {
  const out = { stdout: "", stderr: "" };
  return { out, io: { writeStdout: (t: string) => void (out.stdout += t), writeStderr: (t: string) => void (out.stderr += t) } };
};
const file = (path: string, text: string) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
};

describe("sluice check", () => {
  test("a pipeline using the API type-checks: 'sluice' is the archive's declarations, globals from its type packages", async () => {
    const p = file(join(dir, "ok", "p.ts"), 'import { functions as F, col } from "sluice";\nimport { MemoryStream } from "sluice/testing";\nconst c = F.col("a").plus(col("b"));\nconst n: string[] = pipelineGlobal.argv;\nexport { c, n, MemoryStream };\n');
    const { out, io: cio } = io();
    expect(await checkCommand({ command: "check", pipeline: p }, cio, archive)).toBe(0);
    expect(out.stdout).toBe(`${p}: no type errors\n`);
  });

  test("type errors: each with its code, file:line:column and the line, and exit 1", async () => {
    const p = file(join(dir, "bad", "p.ts"), 'import { functions as F } from "sluice";\nconst n: number = F.col("a");\nF.col("a").minus(1);\n');
    const { out, io: cio } = io();
    expect(await checkCommand({ command: "check", pipeline: p }, cio, archive)).toBe(1);
    expect(out.stderr).toBe(
      "error TS2322: Type 'Column' is not assignable to type 'number'.\n" +
        `    at ${p}:2:7\n  2 | const n: number = F.col("a");\n    |       ^\n` +
        "error TS2339: Property 'minus' does not exist on type 'Column'.\n" +
        `    at ${p}:3:12\n  3 | F.col("a").minus(1);\n    |            ^^^^^\n` +
        `2 type errors in ${p}\n`,
    );
  });

  test("the project's tsconfig.json gives the options: noImplicitAny off lets an untyped parameter through", async () => {
    const project = join(dir, "loose");
    file(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: false, module: "Preserve", moduleResolution: "bundler", allowImportingTsExtensions: true, noEmit: true } }));
    const p = file(join(project, "p.ts"), "export function f(x) { return x; }\n");
    expect(await checkCommand({ command: "check", pipeline: p }, io().io, archive)).toBe(0);
    const strict = file(join(dir, "strict", "p.ts"), "export function f(x) { return x; }\n");
    const { out, io: cio } = io();
    expect(await checkCommand({ command: "check", pipeline: strict }, cio, archive)).toBe(1);
    expect(out.stderr).toContain("error TS7006: Parameter 'x' implicitly has an 'any' type.");
  });
});

describe("sluice init", () => {
  test("writes the project, the SDK in .sluice/sdk linked as node_modules/sluice, and the type packages", async () => {
    const target = join(dir, "My Pipeline");
    const { out, io: iio } = io();
    expect(await initCommand({ command: "init", dir: target, sdkOnly: false }, iio, archive)).toBe(0);
    for (const f of ["package.json", "tsconfig.json", "pipeline.ts", "transform.ts", "transform.test.ts", "README.md", ".gitignore"]) {
      expect(existsSync(join(target, f))).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(target, "package.json"), "utf8"));
    expect(pkg.name).toBe("my-pipeline");
    expect(pkg.devDependencies.sluice).toBe("file:.sluice/sdk");
    expect(lstatSync(join(target, "node_modules", "sluice")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(target, "node_modules", "sluice"))).toBe(join("..", ".sluice", "sdk"));
    expect(readFileSync(join(target, "node_modules", "sluice", "dist", "mod.js"), "utf8")).toBe("export const functions = {};\n");
    expect(existsSync(join(target, "node_modules", "@types", "fakeglobals", "index.d.ts"))).toBe(true);
    expect(out.stdout).toContain("with the sluice 9.9.9 SDK in .sluice/sdk");
  });

  test("refuses a directory that is not empty; --sdk-only refreshes the SDK of a project", async () => {
    const target = join(dir, "existing");
    file(join(target, "package.json"), "{}");
    file(join(target, ".sluice", "sdk", "stale.d.ts"), "old");
    let code = "";
    await initCommand({ command: "init", dir: target, sdkOnly: false }, io().io, archive).catch((e) => void (code = e.code));
    expect(code).toBe("INIT_TARGET_NOT_EMPTY");
    expect(await initCommand({ command: "init", dir: target, sdkOnly: true }, io().io, archive)).toBe(0);
    expect(existsSync(join(target, ".sluice", "sdk", "stale.d.ts"))).toBe(false);
    expect(existsSync(join(target, ".sluice", "sdk", "package.json"))).toBe(true);
    expect(readFileSync(join(target, "package.json"), "utf8")).toBe("{}");
    await initCommand({ command: "init", dir: join(dir, "nothing-here"), sdkOnly: true }, io().io, archive).catch((e) => void (code = e.code));
    expect(code).toBe("INIT_NOT_A_PROJECT");
  });

  test("package names from directory names", () => {
    expect(packageName("My Pipeline")).toBe("my-pipeline");
    expect(packageName(".hidden")).toBe("hidden");
    expect(packageName("???")).toBe("pipeline");
    expect(Object.keys(projectFiles("x", "1.0.0"))).toEqual(["package.json", "tsconfig.json", "pipeline.ts", "transform.ts", "transform.test.ts", ".gitignore", "README.md"]);
  });
});
