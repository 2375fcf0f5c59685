import { describe, expect, test } from "bun:test";
import type { SluiceError } from "../errors.ts";
import { startAdminServer } from "./serve.ts";

const sources = {
  queries: () => [],
  plugins: () => [],
  version: { sluice: "0.1.0", spark: "4.1.1", runtime: "bun", runtimeVersion: Bun.version, compiledBinary: false },
};

describe("startAdminServer", () => {
  test("serves the app on 127.0.0.1 at a free port; a taken port is ADMIN_PORT_IN_USE", async () => {
    const server = startAdminServer({ hostname: "127.0.0.1", port: 0 }, sources);
    try {
      expect(server.port).toBeGreaterThan(0);
      const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/health`);
      expect(await res.json()).toEqual({ status: "ok" });
      let error: SluiceError | undefined;
      try {
        startAdminServer({ hostname: "127.0.0.1", port: server.port }, sources).close();
      } catch (e) {
        error = e as SluiceError;
      }
      expect(error?.code).toBe("ADMIN_PORT_IN_USE");
      expect(error?.hint).toBe("Pick another --admin-port, or 0 for any free port.");
    } finally {
      await server.close();
    }
    // Closed: the port no longer answers.
    await expect(fetch(`http://127.0.0.1:${server.port}/api/v1/health`)).rejects.toThrow();
  });

  test("refuses a non-loopback address without a token, before binding", () => {
    for (const hostname of ["0.0.0.0", "::", "192.0.2.10", "sluice.example.com"]) {
      let error: SluiceError | undefined;
      try {
        startAdminServer({ hostname, port: 0 }, sources).close();
      } catch (e) {
        error = e as SluiceError;
      }
      expect(error?.code).toBe("ADMIN_TOKEN_REQUIRED");
      expect(error?.bareMessage).toBe(`Refusing to serve the admin API on ${hostname}:0 without a token: anyone who can reach that address could stop and restart the queries.`);
      expect(error?.hint).toBe("Set SLUICE_ADMIN_TOKEN to a secret (clients send 'Authorization: Bearer <token>'), or serve on 127.0.0.1.");
    }
  });

  test("over a real socket: a rebound Host is refused, allowed names are served, closing ends event streams at once", async () => {
    const server = startAdminServer({ hostname: "127.0.0.1", port: 0 }, sources, { allowedHosts: ["sluice.test"] });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const rebound = await fetch(`${base}/api/v1/queries`, { headers: { host: `evil.example:${server.port}` } });
      expect(rebound.status).toBe(403);
      expect(((await rebound.json()) as any).error.code).toBe("HOST_NOT_ALLOWED");
      expect((await fetch(`${base}/api/v1/health`, { headers: { host: "sluice.test" } })).status).toBe(200);
      const events = await fetch(`${base}/api/v1/events`);
      expect(events.status).toBe(200);
      const body = events.body!.getReader();
      expect(new TextDecoder().decode((await body.read()).value)).toStartWith("retry: ");
      const started = performance.now();
      await server.close();
      // The stream ended rather than holding the close for its whole drain time.
      expect(performance.now() - started).toBeLessThan(900);
      for (;;) if ((await body.read()).done) break;
    } finally {
      await server.close();
    }
  });
});
