// `sluice run PIPELINE.ts`: hand the command line to the engine (--conf values, the plugins), make
// "sluice" resolve to this very engine inside the pipeline and its plugins, load the plugins,
// import the pipeline and supervise its queries.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { cliConf, cliPlugins } from "../api/cli_conf.ts";
import { onQueriesChanged, onQueryProgress, recentQueries } from "../api/query_tracker.ts";
import { userError } from "../errors.ts";
import { platform } from "../platform/mod.ts";
import type { RegisteredPlugin } from "../plugin/registry.ts";
import type { RunArgs } from "./args.ts";
import { registerEngineModules } from "./engine_modules.ts";
import { loadCommandLinePlugins } from "./load_plugins.ts";
import { showBackfillProgress } from "./backfill_progress.ts";
import { DEFAULT_GRACE_PERIOD_MS, GRACE_PERIOD_KEY, supervise, type SuperviseIo } from "./supervise.ts";
import { importPipeline, setPipelineArgv } from "../pipeline/mod.ts";
import { versionInfo } from "./version.ts";

/** How many ended queries the admin API keeps showing. */
const maxEndedQueriesShown = 50;

/** `io`: where signals come from and errors go (the platform; main.ts passes it with early signals held). */
export async function runCommand(args: RunArgs, io: SuperviseIo = platform): Promise<number> {
  const pipeline = existingFile(args.pipeline);
  for (const [key, value] of args.conf) cliConf.set(key, value);
  // Loaded here rather than at the top so that `sluice version` and `--help` do not load the engine.
  // In the binary this namespace is the only copy of the engine: the pipeline must get it, not a
  // second copy, or its queries would be invisible to the tracker this command waits on.
  await registerEngineModules();
  // Before the pipeline: it may use a plugin by name as soon as it has a session.
  const { registry, loaded } = await loadCommandLinePlugins(args.plugins);
  cliPlugins.push(...loaded);
  const { SparkSession } = await import("../api/session.ts");
  const admin = args.adminPort === undefined ? undefined : await startAdmin(args, () =>
    // The default session's plugins include any it loaded itself; before it exists, the command line's.
    SparkSession.getActiveSession()?.plugins.list() ?? registry.list());
  const hideProgress = args.progress
    ? showBackfillProgress({ write: platform.writeStderr, isTerminal: platform.stderrIsTerminal(), nowMs: () => performance.now() })
    : undefined;
  try {
    // Signals that came while the engine loaded reach supervise's handlers (io holds them).
    setPipelineArgv(pipeline, args.pipelineArgs);
    return await supervise(() => importPipeline(pipeline), io, { keepRunning: args.keepRunning, gracePeriodMs: gracePeriodMs(), files: [pipeline] });
  } finally {
    hideProgress?.();
    await admin?.close();
  }
}

/** Serves the admin API from this process, before the pipeline starts, and says where. */
async function startAdmin(args: RunArgs, plugins: () => RegisteredPlugin[]) {
  const { defaultAdminHost, startAdminServer } = await import("../admin/mod.ts");
  const hostname = args.adminHost ?? defaultAdminHost;
  const server = startAdminServer({ hostname, port: args.adminPort! }, {
    queries: () => recentQueries(maxEndedQueriesShown),
    plugins,
    version: versionInfo(),
    token: platform.env("SLUICE_ADMIN_TOKEN") || undefined,
    subscribe(fn) {
      const offs = [onQueriesChanged(fn), onQueryProgress(() => fn())];
      return () => { for (const off of offs) off(); };
    },
  }, { allowedHosts: args.adminAllowedHosts });
  const shown = hostname.includes(":") ? `[${hostname}]` : hostname;
  platform.writeStderr(`sluice: admin API on http://${shown}:${server.port}/api/v1 (metrics at /metrics)\n`);
  return server;
}

/** --conf sluice.shutdown.gracePeriodMs=N: how long queries may take to stop after Ctrl-C / SIGTERM. */
function gracePeriodMs(): number {
  const raw = cliConf.get(GRACE_PERIOD_KEY);
  if (raw === undefined) return DEFAULT_GRACE_PERIOD_MS;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) {
    throw userError("INVALID_CONF_VALUE", `The value '${raw}' in the config "${GRACE_PERIOD_KEY}" is invalid. It must be a positive number of milliseconds.`, { sqlState: "22022" });
  }
  return ms;
}

export function existingFile(path: string): string {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw userError("PATH_NOT_FOUND", `Path does not exist: ${absolute}.`, { sqlState: "42K03" });
  }
  return absolute;
}
