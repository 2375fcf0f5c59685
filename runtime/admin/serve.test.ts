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
});
