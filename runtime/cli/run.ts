// `sluice run PIPELINE.ts`: make "sluice" resolve to this very engine inside the pipeline and its
// plugins, load the plugins, launch the application (--conf values and the plugins, for every
// session the pipeline creates), import the pipeline and supervise its queries.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { QueryTracker } from "../api/query_tracker.ts";
import { SharedState } from "../api/shared_state.ts";
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
  // Loaded here rather than at the top so that `sluice version` and `--help` do not load the engine.
  // In the binary this namespace is the only copy of the engine: the pipeline must get it, not a
  // second copy, or its queries would be invisible to the application this command waits on.
  await registerEngineModules();
  // Before the pipeline: it may use a plugin by name as soon as it has a session.
  const { registry, loaded } = await loadCommandLinePlugins(args.plugins);
  // --remote URL is spark.remote in the launch conf: every builder of the pipeline connects there.
  const conf: [string, string][] = [...args.conf];
  if (args.remote !== undefined) conf.push(["spark.remote", args.remote]);
  const app = SharedState.launch({ conf, plugins: loaded });
  const { SparkSession } = await import("../api/session.ts");
  const admin = args.adminPort === undefined ? undefined : await startAdmin(args, app.queries, () => {
    // The default session's plugins include any it loaded itself; before it exists, the command line's.
    const session = SparkSession.getActiveSession();
    return session?.sharedState === app ? session.plugins.list() : registry.list();
  });
  const hideProgress = args.progress
    ? showBackfillProgress({ write: platform.writeStderr, isTerminal: platform.stderrIsTerminal(), nowMs: () => performance.now() }, app.queries)
    : undefined;
  // --connect-port: Spark Connect clients get sessions of their own in this process.
  const connect = args.connectPort === undefined ? undefined : await (async () => {
    const { startConnectServer } = await import("../connect/server/serve.ts");
    const server = await startConnectServer({ hostname: "127.0.0.1", port: args.connectPort!, app });
    platform.writeStderr(`sluice: Spark Connect server on sc://127.0.0.1:${server.port}\n`);
    return server;
  })();
  try {
    // Signals that came while the engine loaded reach supervise's handlers (io holds them).
    setPipelineArgv(pipeline, args.pipelineArgs);
    const code = await supervise(() => importPipeline(pipeline), io, app.queries, { keepRunning: args.keepRunning, gracePeriodMs: gracePeriodMs(app.conf), files: [pipeline] });
    // Queries the pipeline started on a Spark Connect server: wait for them too.
    const { awaitRemoteQueries } = await import("../connect/client/remote_queries.ts");
    return code !== 0 ? code : await awaitRemoteQueries(platform);
  } finally {
    await connect?.close();
    hideProgress?.();
    await admin?.close();
  }
}

/** Serves the dashboard and the admin API from this process, before the pipeline starts, and says where. */
export async function startAdmin(args: Pick<RunArgs, "adminPort" | "adminHost" | "adminAllowedHosts">, queries: QueryTracker, plugins: () => RegisteredPlugin[]) {
  const { defaultAdminHost, startAdminServer } = await import("../admin/mod.ts");
  const hostname = args.adminHost ?? defaultAdminHost;
  const server = startAdminServer({ hostname, port: args.adminPort! }, {
    queries: () => queries.recent(maxEndedQueriesShown),
    plugins,
    version: versionInfo(),
    token: platform.env("SLUICE_ADMIN_TOKEN") || undefined,
    subscribe(fn) {
      const offs = [queries.onChanged(fn), queries.onProgress(() => fn())];
      return () => { for (const off of offs) off(); };
    },
  }, { allowedHosts: args.adminAllowedHosts });
  const shown = hostname.includes(":") ? `[${hostname}]` : hostname;
  platform.writeStderr(`sluice: dashboard on http://${shown}:${server.port}/\n` +
    `sluice: admin API on http://${shown}:${server.port}/api/v1 (metrics at /metrics)\n`);
  return server;
}

/** --conf sluice.shutdown.gracePeriodMs=N: how long queries may take to stop after Ctrl-C / SIGTERM. */
function gracePeriodMs(conf: ReadonlyMap<string, string>): number {
  const raw = conf.get(GRACE_PERIOD_KEY);
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
