// Builds the SDK archive the binary carries for `sluice init` and `sluice check` (so both work
// offline, with nothing installed): one gzipped JSON object of files, path -> text.
//
//   node_modules/sluice/...        the "sluice" package a scaffolded project depends on: package.json
//                                  with the repository's "exports", the API's type declarations
//                                  (types/...) and the engine as JavaScript (dist/..., for `bun test`)
//   node_modules/@types/bun/..., bun-types/..., @types/node/..., undici-types/...
//                                  the runtime's globals (console, process, bun:test), for checking
//                                  a project that has not run `npm install`
//   lib/lib.*.d.ts                 TypeScript's standard library, for the compiler inside the binary
//
//   bun scripts/build_sdk.ts [--out PATH]     (default dist/sdk-archive.json.gz; scripts/build.ts runs it)
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import ts from "typescript";
import pkg from "../package.json" with { type: "json" };
import { sdkArchiveName } from "../runtime/cli/sdk_archive.ts";

const root = resolve(import.meta.dir, "..");
export const defaultArchivePath = join(root, "dist", sdkArchiveName);
/** The name the compiled binary embeds the archive under, where runtime/cli/sdk_archive.ts looks. */
export { sdkArchiveName as archiveName } from "../runtime/cli/sdk_archive.ts";

/** Type packages a pipeline's globals come from: @types/bun and what it references. */
const typePackages = ["@types/bun", "bun-types", "@types/node", "undici-types"];

/** The "exports" entries of package.json: "." -> "./runtime/mod.ts", "./testing" -> … */
function exportEntries(): [subpath: string, file: string][] {
  return Object.entries(pkg.exports as Record<string, string>);
}

/** The API's declarations, emitted by the TypeScript compiler from the exported entry files. */
function declarations(): Map<string, string> {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options, noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: "/sdk-types", rootDir: root,
    // Declarations only: the repository's own type-check is `npx tsc --noEmit`.
    noCheck: true,
  };
  const program = ts.createProgram(exportEntries().map(([, file]) => join(root, file)), options);
  const out = new Map<string, string>();
  const result = program.emit(undefined, (file, text) => void out.set(relative("/sdk-types", file), text));
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" }));
  return out;
}

/** The engine as JavaScript, one module per export and shared chunks, for running a project's tests. */
async function javascript(): Promise<Map<string, string>> {
  const outdir = join(tmpdir(), `sluice-sdk-js-${process.pid}`);
  rmSync(outdir, { recursive: true, force: true });
  try {
    const result = await Bun.build({
      entrypoints: exportEntries().map(([, file]) => join(root, file)),
      root: join(root, "runtime"),
      outdir,
      target: "bun",
      splitting: true,
      external: ["bun:test"],
      naming: { entry: "[dir]/[name].[ext]", chunk: "chunks/[name]-[hash].[ext]" },
      plugins: [wasmUtilsBundled],
      throw: false,
    });
    if (!result.success) throw new Error(`bundling the SDK failed:\n${result.logs.join("\n")}`);
    return readTree(outdir, (f) => f.endsWith(".js"));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** @platformatic/wasm-utils (under the Kafka client) reads a .wasm file from disk; take the variant with it embedded. */
export const wasmUtilsBundled: import("bun").BunPlugin = {
  name: "wasm-utils-bundled",
  setup(build) {
    build.onResolve({ filter: /^@platformatic\/wasm-utils$/ }, () => ({
      path: Bun.resolveSync("@platformatic/wasm-utils/bundled", join(root, "node_modules", "@platformatic", "kafka", "dist")),
    }));
  },
};

function readTree(dir: string, keep: (file: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (keep(full)) out.set(relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return out;
}

/** What scaffolded projects see as node_modules/sluice/package.json. */
function sdkPackageJson(): string {
  const exports: Record<string, { types: string; default: string }> = {};
  for (const [subpath, file] of exportEntries()) {
    const base = file.replace(/^\.\/runtime\//, "").replace(/\.ts$/, "");
    exports[subpath] = { types: `./types/runtime/${base}.d.ts`, default: `./dist/${base}.js` };
  }
  return JSON.stringify({
    name: "sluice", version: pkg.version, type: "module",
    description: "The Sluice API: type declarations and the engine as JavaScript, written by `sluice init` (run pipelines with the sluice binary).",
    license: pkg.license, exports,
  }, null, 2) + "\n";
}

export async function buildSdkArchive(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  files["node_modules/sluice/package.json"] = sdkPackageJson();
  for (const [path, text] of declarations()) files[`node_modules/sluice/types/${path}`] = text;
  for (const [path, text] of await javascript()) files[`node_modules/sluice/dist/${path}`] = text;
  for (const name of typePackages) {
    const dir = join(root, "node_modules", name);
    for (const [path, text] of readTree(dir, (f) => f.endsWith(".d.ts") || f.endsWith("/package.json") && dirname(f) === dir)) {
      if (path.startsWith("docs/") || path.includes("/docs/")) continue;
      files[`node_modules/${name}/${path}`] = text;
    }
  }
  const libDir = dirname(ts.getDefaultLibFilePath({}));
  for (const name of readdirSync(libDir)) {
    if (/^lib\..*\.d\.ts$|^lib\.d\.ts$/.test(name)) files[`lib/${name}`] = readFileSync(join(libDir, name), "utf8");
  }
  return files;
}

/** Builds the archive and writes it (gzipped JSON) to `path`; returns a line saying what it wrote. */
export async function writeSdkArchive(path: string): Promise<string> {
  const started = performance.now();
  const files = await buildSdkArchive();
  mkdirSync(dirname(path), { recursive: true });
  const packed = gzipSync(JSON.stringify({ version: pkg.version, files }), { level: 9 });
  writeFileSync(path, packed);
  const count = Object.keys(files).length;
  return `built ${relative(process.cwd(), path) || path}: ${count} files, ${(packed.length / 1e6).toFixed(1)} MB, in ${Math.round(performance.now() - started)} ms`;
}

if (import.meta.main) {
  const { values } = parseArgs({ args: Bun.argv.slice(2), options: { out: { type: "string", default: defaultArchivePath } } });
  console.log(await writeSdkArchive(resolve(values.out)));
}
