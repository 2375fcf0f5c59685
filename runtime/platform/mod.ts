// The few places where Bun and Deno differ, behind one object. The engine imports `node:` modules
// plus this; nothing else reaches `Bun` or `Deno` directly. The globals are read through local
// interfaces so the file type-checks under both runtimes' type definitions.
import process from "node:process";
import { writeSync } from "node:fs";
import { basename } from "node:path";

export type RuntimeName = "bun" | "deno";
export type Signal = "SIGINT" | "SIGTERM";

/** A running HTTP server (the admin API). */
export interface HttpServer {
  /** The port it listens on (the one picked by the system when 0 was asked for). */
  readonly port: number;
  readonly hostname: string;
  /** Stops accepting connections, lets requests in flight answer (for at most `drainMs`), closes the rest. */
  close(drainMs?: number): Promise<void>;
}

export type FetchHandler = (request: Request) => Response | Promise<Response>;

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
  /** Serves HTTP on hostname:port (Bun.serve / Deno.serve). Throws if the address is taken. */
  serveHttp(options: { hostname: string; port: number }, fetch: FetchHandler): HttpServer;
  /** Whether stderr is a terminal (progress bars draw there; pipes get plain lines). */
  stderrIsTerminal(): boolean;
  /**
   * A file compiled into the executable (scripts/build.ts embeds the SDK archive), by name;
   * undefined when not running as a compiled binary or no such file was embedded.
   */
  embeddedFile(name: string): Promise<Uint8Array | undefined>;
}

interface BunPluginBuilder {
  module(specifier: string, load: () => { exports: Record<string, unknown>; loader: "object" }): unknown;
}
interface BunGlobal {
  version: string;
  isStandaloneExecutable?: boolean;
  embeddedFiles: readonly (Blob & { name?: string })[];
  plugin(plugin: { name: string; setup(build: BunPluginBuilder): void }): unknown;
  serve(options: { hostname: string; port: number; fetch: FetchHandler }): {
    port: number;
    hostname: string;
    stop(closeActiveConnections?: boolean): Promise<void>;
  };
}
interface DenoGlobal {
  version: { deno: string };
  args: string[];
  execPath(): string;
  serve(
    options: { hostname: string; port: number; onListen?: (addr: unknown) => void },
    handler: FetchHandler,
  ): { addr: { hostname: string; port: number }; shutdown(): Promise<void> };
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

/** How long closing an HTTP server waits for requests in flight. */
const defaultDrainMs = 1000;

async function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work.catch(() => {}), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
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
  stderrIsTerminal: () => process.stderr.isTTY === true,
};

function bunPlatform(b: BunGlobal): Platform {
  // One Bun plugin per name however often it is registered; the latest exports win.
  const modules = new Map<string, Record<string, unknown>>();
  return {
    ...common,
    runtime: "bun",
    runtimeVersion: b.version,
    isCompiledBinary: b.isStandaloneExecutable ?? b.embeddedFiles.length > 0,
    async embeddedFile(name) {
      const file = b.embeddedFiles.find((f) => f.name === name);
      return file ? new Uint8Array(await file.arrayBuffer()) : undefined;
    },
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
    serveHttp(options, fetch) {
      const server = b.serve({ hostname: options.hostname, port: options.port, fetch });
      return {
        port: server.port,
        hostname: server.hostname,
        close: async (drainMs = defaultDrainMs) => {
          await withinMs(server.stop(false), drainMs);
          await server.stop(true);
        },
      };
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
    embeddedFile: () => Promise.resolve(undefined),
    serveHttp(options, fetch) {
      // onListen replaces Deno's own "Listening on …" line: the caller says where it listens.
      const server = d.serve({ hostname: options.hostname, port: options.port, onListen: () => {} }, fetch);
      // shutdown() lets requests in flight finish; the process may exit after drainMs regardless.
      return { port: server.addr.port, hostname: server.addr.hostname, close: (drainMs = defaultDrainMs) => withinMs(server.shutdown(), drainMs) };
    },
  };
}

function detect(): Platform {
  if (bun) return bunPlatform(bun);
  if (deno) return denoPlatform(deno);
  throw new Error("Sluice runs on Bun or Deno; this runtime is neither");
}

export const platform: Platform = detect();
