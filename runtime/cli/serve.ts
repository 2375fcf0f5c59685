// `sluice serve`: a Spark Connect server on Sluice's engine, until Ctrl-C or SIGTERM (which stop
// every session's queries gracefully; a second signal exits at once). The server is one
// application (SharedState, launched with --conf and --plugin); each client session is a session of it.
import { platform } from "../platform/mod.ts";
import type { ServeArgs } from "./args.ts";
import { loadCommandLinePlugins } from "./load_plugins.ts";

export async function serveCommand(args: ServeArgs): Promise<number> {
  // (Plugins given with --plugin get this engine as "sluice": loadCommandLinePlugins registers it.)
  const { registry, loaded } = await loadCommandLinePlugins(args.plugins);
  const { SharedState } = await import("../api/shared_state.ts");
  const app = SharedState.launch({ conf: args.conf, plugins: loaded });
  const { startConnectServer } = await import("../connect/server/serve.ts");
  const server = await startConnectServer({ hostname: args.connectHost, port: args.connectPort, app });
  const shown = server.hostname.includes(":") ? `[${server.hostname}]` : server.hostname;
  platform.writeStderr(`sluice: Spark Connect server on sc://${shown}:${server.port}\n`);
  // The admin API sees every client session's queries (the application's tracker).
  const admin = args.adminPort === undefined ? undefined : await (await import("./run.ts")).startAdmin(
    { adminPort: args.adminPort, adminHost: undefined, adminAllowedHosts: [] }, app.queries, () => registry.list());
  let signals = 0;
  await new Promise<void>((resolve) => {
    const onSignal = (name: "SIGINT" | "SIGTERM") => () => {
      if (++signals > 1) platform.exit(name === "SIGINT" ? 130 : 143);
      platform.writeStderr(`\n${name}: stopping the sessions' queries (again to exit at once)\n`);
      resolve();
    };
    platform.onSignal("SIGINT", onSignal("SIGINT"));
    platform.onSignal("SIGTERM", onSignal("SIGTERM"));
  });
  await server.close();
  await admin?.close();
  return 0;
}
