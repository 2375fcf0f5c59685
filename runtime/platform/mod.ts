// The few places where Bun and Deno differ, behind one object. The engine imports `node:` modules
// plus this; nothing else reaches `Bun` or `Deno` directly. The globals are read through local
// interfaces so the file type-checks under both runtimes' type definitions.
import process from "node:process";
import { writeSync } from "node:fs";
import { basename } from "node:path";

export type RuntimeName = "bun" | "deno";
export type Signal = "SIGINT" | "SIGTERM";

export interface Platform {
  readonly runtime: RuntimeName;
  readonly runtimeVersion: string;
  /** True inside a `bun build --compile` executable (dist/sluice). */
  readonly isCompiledBinary: boolean;
  /** Command-line arguments after the executable (and script) name. */
  readonly args: readonly string[];
  env(name: string): string | undefined;
  /** Ends the process now. Output written with writeStdout/writeStderr is already out. */
  exit(code: number): never;
  /** Calls `handler` on each delivery of `signal`; returns a function that removes it. */
  onSignal(signal: Signal, handler: () => void): () => void;
  /** Writes synchronously, so nothing is lost at exit and order with console.log is kept. */
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  /**
   * Makes `import … from specifier` in modules loaded from now on yield `exports`. Returns false
   * where the runtime resolves the name by other means (Deno: the import map in deno.json).
   */
  registerModule(specifier: string, exports: Record<string, unknown>): boolean;
}

interface BunPluginBuilder {
  module(specifier: string, load: () => { exports: Record<string, unknown>; loader: "object" }): unknown;
}
interface BunGlobal {
  version: string;
  isStandaloneExecutable?: boolean;
  embeddedFiles: readonly unknown[];
  plugin(plugin: { name: string; setup(build: BunPluginBuilder): void }): unknown;
}
interface DenoGlobal {
  version: { deno: string };
  args: string[];
  execPath(): string;
}

const bun = (globalThis as { Bun?: BunGlobal }).Bun;
const deno = (globalThis as { Deno?: DenoGlobal }).Deno;

const utf8 = new TextEncoder();

function writeAll(fd: number, text: string): void {
  let bytes = utf8.encode(text);
  while (bytes.length > 0) {
    try {
      const n = writeSync(fd, bytes);
      bytes = bytes.subarray(n);
    } catch (err) {
      // A non-blocking pipe whose reader is behind: wait a moment and retry instead of dropping output.
      if ((err as { code?: string }).code !== "EAGAIN") throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

const common = {
  env: (name: string) => process.env[name],
  exit: (code: number): never => process.exit(code),
  onSignal(signal: Signal, handler: () => void): () => void {
    process.on(signal, handler);
    return () => { process.off(signal, handler); };
  },
  writeStdout: (text: string) => writeAll(1, text),
  writeStderr: (text: string) => writeAll(2, text),
};

function bunPlatform(b: BunGlobal): Platform {
  // One Bun plugin per name however often it is registered; the latest exports win.
  const modules = new Map<string, Record<string, unknown>>();
  return {
    ...common,
    runtime: "bun",
    runtimeVersion: b.version,
    isCompiledBinary: b.isStandaloneExecutable ?? b.embeddedFiles.length > 0,
    // argv is [bun, script, ...args] under `bun script.ts` and [bun, /$bunfs/root/sluice, ...args] compiled.
    args: process.argv.slice(2),
    registerModule(specifier, exports) {
      const known = modules.has(specifier);
      modules.set(specifier, exports);
      if (!known) {
        b.plugin({
          name: `module ${specifier}`,
          setup(build) { build.module(specifier, () => ({ exports: modules.get(specifier)!, loader: "object" })); },
        });
      }
      return true;
    },
  };
}

function denoPlatform(d: DenoGlobal): Platform {
  return {
    ...common,
    runtime: "deno",
    runtimeVersion: d.version.deno,
    isCompiledBinary: !/^deno(\.exe)?$/i.test(basename(d.execPath())),
    args: d.args,
    registerModule: () => false,
  };
}

function detect(): Platform {
  if (bun) return bunPlatform(bun);
  if (deno) return denoPlatform(deno);
  throw new Error("Sluice runs on Bun or Deno; this runtime is neither");
}

export const platform: Platform = detect();
