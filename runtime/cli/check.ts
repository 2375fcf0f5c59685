// `sluice check PIPELINE.ts`: type-checks a pipeline, as `tsc --noEmit` would, with the TypeScript
// compiler this sluice carries. "sluice" resolves to this sluice's own declarations (the engine
// that will run the pipeline), whatever the project has installed; the runtime's globals
// (console, process) and TypeScript's library come from the project's node_modules when it has
// them, else from the SDK archive, so a project checks before any `npm install`. The project's
// tsconfig.json (the nearest above the pipeline) gives the compiler options.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import ts from "typescript";
import type { CheckArgs } from "./args.ts";
import { existingFile } from "./run.ts";
import { loadSdkArchive, type SdkArchive } from "./sdk_archive.ts";
import { formatLocation } from "./source_location.ts";

/** Where the archive's files appear to the compiler. */
const virtualRoot = "/$sluice-sdk";

export interface CheckIo {
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

/** What scaffolded projects use when there is no tsconfig.json above the pipeline. */
export const defaultCompilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ESNext,
  lib: ["lib.esnext.d.ts"],
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  allowImportingTsExtensions: true,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

export async function checkCommand(args: CheckArgs, io: CheckIo, archive?: SdkArchive): Promise<number> {
  const pipeline = existingFile(args.pipeline);
  const sdk = archive ?? await loadSdkArchive();
  const diagnostics = typeCheck(pipeline, sdk);
  if (diagnostics.length === 0) {
    io.writeStdout(`${args.pipeline}: no type errors\n`);
    return 0;
  }
  io.writeStderr(diagnostics.map(formatDiagnostic).join(""));
  io.writeStderr(`${diagnostics.length} type error${diagnostics.length === 1 ? "" : "s"} in ${args.pipeline}\n`);
  return 1;
}

/** The pipeline's diagnostics (and those of the files it imports), not the SDK's. */
export function typeCheck(pipeline: string, sdk: SdkArchive): ts.Diagnostic[] {
  const options = compilerOptions(pipeline, sdk);
  const host = overlayHost(options, sdk);
  const program = ts.createProgram({ rootNames: [pipeline], options, host });
  const all = [
    ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics(),
  ];
  return all.filter((d) => d.category === ts.DiagnosticCategory.Error && !d.file?.fileName.startsWith(virtualRoot));
}

function compilerOptions(pipeline: string, sdk: SdkArchive): ts.CompilerOptions {
  const configPath = ts.findConfigFile(dirname(pipeline), ts.sys.fileExists, "tsconfig.json");
  let options = { ...defaultCompilerOptions };
  let projectDir = dirname(pipeline);
  if (configPath) {
    projectDir = dirname(configPath);
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, projectDir, undefined, configPath);
    options = { ...parsed.options };
  }
  // The engine that runs the pipeline decides what "sluice" is: this one.
  const sluiceTypes = `${virtualRoot}/node_modules/sluice/types/runtime`;
  const paths: Record<string, string[]> = { ...options.paths };
  for (const [subpath, entry] of sdkExports(sdk)) paths[subpath === "." ? "sluice" : `sluice/${subpath.slice(2)}`] = [`${sluiceTypes}/${entry}`];
  // Globals from the project's own type packages first, then from the archive's.
  const own = resolve(projectDir, "node_modules", "@types");
  const typeRoots = [...(options.typeRoots ?? (existsSync(own) ? [own] : [])), `${virtualRoot}/node_modules/@types`];
  return {
    ...options, paths, typeRoots, noEmit: true, skipLibCheck: true,
    // paths need a base; relative ones in the project's tsconfig keep theirs.
    baseUrl: options.baseUrl ?? projectDir,
  };
}

/** The archive's package.json "exports": "." -> "mod.d.ts", "./testing" -> "testing/mod.d.ts". */
function sdkExports(sdk: SdkArchive): [subpath: string, declaration: string][] {
  const pkg = JSON.parse(sdk.files["node_modules/sluice/package.json"] ?? "{}") as { exports?: Record<string, { types: string }> };
  return Object.entries(pkg.exports ?? {}).map(([subpath, e]) => [subpath, e.types.replace(/^\.\/types\/runtime\//, "")]);
}

/** The file system as it is, plus the archive's files under /$sluice-sdk (TypeScript's lib there too). */
function overlayHost(options: ts.CompilerOptions, sdk: SdkArchive): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const virtual = (path: string) => path.startsWith(`${virtualRoot}/`) ? sdk.files[path.slice(virtualRoot.length + 1)] : undefined;
  const isVirtualDir = (path: string) => {
    const prefix = `${path.slice(virtualRoot.length + 1).replace(/\/$/, "")}/`;
    return path === virtualRoot || Object.keys(sdk.files).some((f) => f.startsWith(prefix));
  };
  const ownLib = (() => {
    try {
      return dirname(ts.getDefaultLibFilePath(options));
    } catch {
      return undefined;
    }
  })();
  const libDir = ownLib && existsSync(resolve(ownLib, "lib.esnext.d.ts")) ? ownLib : `${virtualRoot}/lib`;
  return {
    ...host,
    getDefaultLibLocation: () => libDir,
    getDefaultLibFileName: (o) => `${libDir}/${ts.getDefaultLibFileName(o)}`,
    fileExists: (path) => path.startsWith(virtualRoot) ? virtual(path) !== undefined : host.fileExists(path),
    readFile: (path) => path.startsWith(virtualRoot) ? virtual(path) : host.readFile(path),
    directoryExists: (path) => path.startsWith(virtualRoot) ? isVirtualDir(path) : host.directoryExists?.(path) ?? ts.sys.directoryExists(path),
    realpath: (path) => path.startsWith(virtualRoot) ? path : host.realpath?.(path) ?? path,
    getDirectories: (path) => path.startsWith(virtualRoot) ? virtualSubdirectories(sdk, path.slice(virtualRoot.length + 1)) : host.getDirectories?.(path) ?? [],
    getSourceFile: (fileName, languageVersion, onError, shouldCreate) => {
      const text = virtual(fileName);
      if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
      return host.getSourceFile(fileName, languageVersion, onError, shouldCreate);
    },
  };
}

/** The names of the directories directly under `dir` in the archive. */
function virtualSubdirectories(sdk: SdkArchive, dir: string): string[] {
  const prefix = `${dir.replace(/\/$/, "")}/`;
  const names = new Set<string>();
  for (const f of Object.keys(sdk.files)) {
    if (!f.startsWith(prefix)) continue;
    const rest = f.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash > 0) names.add(rest.slice(0, slash));
  }
  return [...names];
}

/** "error TS2322: message", then where, as the CLI shows every error. */
export function formatDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  let text = `error TS${d.code}: ${message}\n`;
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const lineText = d.file.text.split(/\r?\n/)[line];
    text += formatLocation({ file: d.file.fileName, line: line + 1, column: character + 1, lineText, length: Math.max(1, Math.min(d.length ?? 1, (lineText?.length ?? 0) - character)) });
  }
  return text;
}
