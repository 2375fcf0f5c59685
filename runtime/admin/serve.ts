// Serves the admin app on a host and port of this process (the one running the queries).
import { userError } from "../errors.ts";
import { platform, type HttpServer } from "../platform/mod.ts";
import { createAdminApp, type AdminSources } from "./app.ts";

export const defaultAdminHost = "127.0.0.1";

export function startAdminServer(address: { hostname: string; port: number }, sources: AdminSources): HttpServer {
  const app = createAdminApp(sources);
  try {
    return platform.serveHttp(address, (request) => app.fetch(request));
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    const name = (cause as { name?: unknown }).name;
    const where = `${address.hostname}:${address.port}`;
    if (code === "EADDRINUSE" || name === "AddrInUse") {
      throw userError("ADMIN_PORT_IN_USE", `Cannot serve the admin API on ${where}: the address is already in use.`, {
        hint: "Pick another --admin-port, or 0 for any free port.", cause,
      });
    }
    throw userError("ADMIN_SERVER_FAILED", `Cannot serve the admin API on ${where}: ${(cause as Error)?.message ?? String(cause)}`, {
      hint: "Check --admin-host and --admin-port.", cause,
    });
  }
}
