// `sluice serve`: a Spark Connect server on Sluice's engine, until Ctrl-C or SIGTERM (which stop
// every session's queries gracefully; a second signal exits at once).
import { cliConf, cliPlugins } from "../api/cli_conf.ts";
import { platform } from "../platform/mod.ts";
import type { ServeArgs } from "./args.ts";
import { loadCommandLinePlugins } from "./load_plugins.ts";

export async function serveCommand(args: ServeArgs): Promise<number> {
  for (const [key, value] of args.conf) cliConf.set(key, value);
  const sluice: Record<string, unknown> = await import("../mod.ts");
  platform.registerModule("sluice", sluice);
  const { registry, loaded } = await loadCommandLinePlugins(args.plugins);
  cliPlugins.push(...loaded);
  const { startConnectServer } = await import("../connect/server/serve.ts");
  const server = await startConnectServer({ hostname: args.connectHost, port: args.connectPort });
  const shown = server.hostname.includes(":") ? `[${server.hostname}]` : server.hostname;
  platform.writeStderr(`sluice: Spark Connect server on sc://${shown}:${server.port}\n`);
  // The admin API sees every session's queries (the process-wide query tracker).
  const admin = args.adminPort === undefined ? undefined : await (await import("./run.ts")).startAdmin(
    { adminPort: args.adminPort, adminHost: undefined, adminAllowedHosts: [] }, () => registry.list());
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
