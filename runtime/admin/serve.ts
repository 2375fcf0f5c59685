// Serves the admin app on a host and port of this process (the one running the queries).
import { userError } from "../errors.ts";
import { platform, type HttpServer } from "../platform/mod.ts";
import { createAdminApp, type AdminSources } from "./app.ts";
import { hostPolicy, isLoopbackHost } from "./host_policy.ts";

export const defaultAdminHost = "127.0.0.1";

export interface ServeOptions {
  /** Host names served besides the bound address and the loopback names (--admin-allowed-hosts). */
  allowedHosts?: readonly string[];
}

/**
 * Starts the server. Refuses a non-loopback address without a token: anyone who reaches it could
 * stop and restart the queries.
 */
export function startAdminServer(address: { hostname: string; port: number }, sources: AdminSources, options: ServeOptions = {}): HttpServer {
  const where = `${address.hostname}:${address.port}`;
  if (!isLoopbackHost(address.hostname) && !sources.token) {
    throw userError("ADMIN_TOKEN_REQUIRED",
      `Refusing to serve the admin API on ${where} without a token: anyone who can reach that address could stop and restart the queries.`, {
        hint: "Set SLUICE_ADMIN_TOKEN to a secret (clients send 'Authorization: Bearer <token>'), or serve on 127.0.0.1.",
      });
  }
  const closing = new AbortController();
  const app = createAdminApp(sources, { hosts: hostPolicy(address.hostname, options.allowedHosts), signal: closing.signal });
  let server: HttpServer;
  try {
    server = platform.serveHttp(address, (request) => app.fetch(request));
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    const name = (cause as { name?: unknown }).name;
    if (code === "EADDRINUSE" || name === "AddrInUse") {
      throw userError("ADMIN_PORT_IN_USE", `Cannot serve the admin API on ${where}: the address is already in use.`, {
        hint: "Pick another --admin-port, or 0 for any free port.", cause,
      });
    }
    throw userError("ADMIN_SERVER_FAILED", `Cannot serve the admin API on ${where}: ${(cause as Error)?.message ?? String(cause)}`, {
      hint: "Check --admin-host and --admin-port.", cause,
    });
  }
  return {
    port: server.port,
    hostname: server.hostname,
    // Event streams never end by themselves: end them first so closing does not wait for them.
    close(drainMs?: number) {
      closing.abort();
      return server.close(drainMs);
    },
  };
}
