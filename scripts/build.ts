// Builds dist/sluice: runtime/main.ts and the whole engine compiled into one executable. This is the
// one build used by `npm run build`, CI and the Dockerfile.
//
//   bun scripts/build.ts [--outfile PATH]      (default dist/sluice, for this machine's platform)
//
// The version printed by `sluice --version` is package.json's: runtime/cli/version.ts imports
// package.json and the bundler embeds it.
import { mkdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { archiveName, wasmUtilsBundled, writeSdkArchive } from "./build_sdk.ts";

const root = resolve(import.meta.dir, "..");

const { values } = parseArgs({
  args: Bun.argv.slice(2),
  options: {
    outfile: { type: "string", default: join(root, "dist", "sluice") },
  },
});
const outfile = resolve(values.outfile);
mkdirSync(dirname(outfile), { recursive: true });

const started = performance.now();
// The SDK archive (`sluice init`, `sluice check`): written next to the binary and embedded in it.
const archive = join(dirname(outfile), archiveName);
console.log(await writeSdkArchive(archive));
// The Spark Connect client's gRPC worker thread is a module of its own, embedded beside main.
// Bun embeds each entry point under its path from the entry points' common directory, which moves
// with --outfile (the archive is an entry point too): the worker's embedded path is computed here
// and compiled in (runtime/connect/client/rpc_channel.ts reads SLUICE_RPC_WORKER).
const rpcWorker = join(root, "runtime", "connect", "client", "rpc_worker.ts");
// The executor's worker threads (runtime/exec/parallel/worker_pool.ts reads SLUICE_EXEC_WORKER) likewise.
const execWorker = join(root, "runtime", "exec", "parallel", "exec_worker.ts");
const entrypoints = [join(root, "runtime", "main.ts"), rpcWorker, execWorker, archive];
const embeddedPath = (entry: string) => `/$bunfs/root/${relative(commonDir(entrypoints), entry).replace(/\.ts$/, ".js")}`;
const embeddedWorker = embeddedPath(rpcWorker);
const result = await Bun.build({
  entrypoints,
  define: { SLUICE_RPC_WORKER: JSON.stringify(embeddedWorker), SLUICE_EXEC_WORKER: JSON.stringify(embeddedPath(execWorker)) },
  // Embedded files keep their names: runtime/cli/sdk_archive.ts looks the archive up by name.
  naming: { asset: "[name].[ext]" },
  target: "bun",
  minify: false,
  // Stack traces from the binary point at the TypeScript sources (the map is embedded).
  sourcemap: "linked",
  // Parsing happens at build time: with a few MB of engine, `sluice --version` starts in ~40 ms
  // instead of ~250 ms.
  bytecode: true,
  // @platformatic/wasm-utils (under the Kafka client) reads its .wasm file from disk; in a single
  // executable there is no such file, so take the variant with the WebAssembly embedded.
  plugins: [wasmUtilsBundled],
  compile: {
    outfile,
    // Plugins loaded at run time resolve their own npm packages through their package.json.
    autoloadPackageJson: true,
  },
  throw: false,
});

if (!result.success) {
  for (const log of result.logs) console.error(log);
  console.error("build failed");
  process.exit(1);
}
for (const log of result.logs) console.warn(log);
const ms = Math.round(performance.now() - started);
console.log(`built ${relative(process.cwd(), outfile) || outfile} in ${ms} ms`);

/** The deepest directory holding every one of these files. */
function commonDir(files: string[]): string {
  const parts = files.map((f) => dirname(resolve(f)).split(sep));
  const common: string[] = [];
  for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0]![i]); i++) common.push(parts[0]![i]!);
  return common.join(sep) || sep;
}
