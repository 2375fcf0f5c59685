import { afterEach, describe, expect, test } from "bun:test";
import { createAdminApp } from "./app.ts";
import { fakeQuery, type FakeQuery } from "./fake_query.ts";
import { hostPolicy } from "./host_policy.ts";

const version = { sluice: "0.1.0", spark: "4.1.1", runtime: "bun", runtimeVersion: Bun.version, compiledBinary: false };

let live: FakeQuery[] = [];
afterEach(() => {
  for (const q of live) q.finish();
  live = [];
});

function setup(allowed: string[] = [], token?: string) {
  const q = fakeQuery({ name: "orders" });
  live.push(q);
  const app = createAdminApp({ queries: () => [q], plugins: () => [], version, token }, { hosts: hostPolicy("127.0.0.1", allowed) });
  return { q, app };
}

async function call(app: ReturnType<typeof setup>["app"], path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const res = await app.request(`http://127.0.0.1:4040${path}`, { ...init, headers: { host: "127.0.0.1:4040", ...init.headers } });
  const text = await res.text();
  return { status: res.status, body: text.startsWith("{") ? JSON.parse(text) : text, headers: res.headers };
}

describe("Host check on every route (DNS rebinding)", () => {
  test("a name that is not this server is 403 HOST_NOT_ALLOWED, on reads, writes and unknown paths", async () => {
    const { q, app } = setup();
    for (const [method, path] of [["GET", "/api/v1/queries"], ["GET", "/metrics"], ["GET", "/api/v1/events"], ["POST", `/api/v1/queries/${q.id}/stop`], ["GET", "/nothing"]]) {
      for (const host of ["evil.example", "evil.example:4040", "127.0.0.1.evil.example", "localhost.evil.example", "", "a b", "[::1"]) {
        const r = await call(app, path!, { method, headers: { host } });
        expect({ host, status: r.status }).toEqual({ host, status: 403 });
        expect(r.body.error.code).toBe("HOST_NOT_ALLOWED");
      }
    }
    expect((await call(app, "/api/v1/queries", { headers: { host: "evil.example" } })).body.error).toEqual({
      code: "HOST_NOT_ALLOWED", message: "The admin server does not answer for host 'evil.example'.",
      hint: "Use the address the server is bound to, or add the name with --admin-allowed-hosts.",
    });
    expect(q.stopCalls).toBe(0);
  });

  test("the bound address, loopback names and --admin-allowed-hosts entries are served, with or without port", async () => {
    const { app } = setup(["sluice.example.com", ".internal.example", "10.1.2.3"]);
    for (const host of [
      "127.0.0.1:4040", "127.0.0.1", "localhost:4040", "LOCALHOST", "[::1]:4040", "dash.localhost:4040",
      "sluice.example.com", "sluice.example.com:443", "internal.example", "a.b.internal.example:8080", "10.1.2.3:4040",
    ]) {
      expect({ host, status: (await call(app, "/api/v1/health", { headers: { host } })).status }).toEqual({ host, status: 200 });
    }
    for (const host of ["other.example.com", "xinternal.example", "sluice.example.com.evil", "10.1.2.4"]) {
      expect({ host, status: (await call(app, "/api/v1/health", { headers: { host } })).status }).toEqual({ host, status: 403 });
    }
  });
});

describe("cross-site requests to mutating routes", () => {
  test("the issue's attack: a form POST from another site no longer stops the query", async () => {
    const { q, app } = setup();
    const r = await call(app, `/api/v1/queries/${q.id}/stop`, {
      method: "POST", body: "x=1",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("CROSS_SITE_REQUEST");
    expect(q.isActive).toBe(true);
  });

  test("Origin must be this server's origin; Sec-Fetch-Site must be same-origin or none", async () => {
    const { q, app } = setup();
    const refused: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: "http://127.0.0.1:4041" },
      { origin: "https://127.0.0.1" },
      { origin: "http://localhost:4040" },
      { origin: "null" },
      { origin: "file://" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "http://127.0.0.1:4040", "sec-fetch-site": "same-site" },
    ];
    for (const headers of refused) {
      const r = await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST", headers });
      expect({ headers, status: r.status, code: r.body.error?.code }).toEqual({ headers, status: 403, code: "CROSS_SITE_REQUEST" });
    }
    expect(q.stopCalls).toBe(0);
    expect((await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST", headers: { origin: "http://evil.example" } })).body.error.message)
      .toBe("The request comes from another origin (http://evil.example).");
    // The dashboard's own fetch: same origin.
    const own = await call(app, `/api/v1/queries/${q.id}/stop`, {
      method: "POST", body: "{}", headers: { origin: "http://127.0.0.1:4040", "sec-fetch-site": "same-origin", "content-type": "application/json" },
    });
    expect(own.status).toBe(200);
  });

  test("an Origin with the default port matches a Host without one; curl (no Origin) is served", async () => {
    const { q, app } = setup(["sluice.example.com"]);
    const r = await call(app, `/api/v1/queries/${q.id}/stop`, {
      method: "POST", headers: { host: "sluice.example.com", origin: "http://sluice.example.com:80", "sec-fetch-site": "none" },
    });
    expect(r.status).toBe(200);
  });

  test("reads are not refused for their Origin (the page's own event stream and fetches)", async () => {
    const { app } = setup();
    expect((await call(app, "/api/v1/queries", { headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });
});

describe("mutating routes accept only JSON bodies", () => {
  test("form, multipart and text bodies are 415; no body, or JSON with a charset, is served", async () => {
    const { q, app } = setup();
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", "application/jsonx", "application/json-patch+json"]) {
      const r = await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST", body: "{}", headers: { "content-type": type } });
      expect({ type, status: r.status }).toEqual({ type, status: 415 });
      expect(r.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(r.headers.get("accept-post")).toBe("application/json");
    }
    const noType = await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST", body: new TextEncoder().encode("{}"), headers: { "content-length": "2" } });
    expect(noType.status).toBe(415);
    expect(noType.body.error.message).toBe("The request has a body but no Content-Type.");
    expect(q.stopCalls).toBe(0);
    const ok = await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST", body: '{"waitMs": 100}', headers: { "content-type": "Application/JSON; charset=utf-8" } });
    expect(ok.status).toBe(200);
  });

  test("cross-site and host checks come before the token; the token before the body", async () => {
    const { q, app } = setup([], "s3cret");
    expect((await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST", headers: { origin: "http://evil.example" } })).status).toBe(403);
    expect((await call(app, `/api/v1/queries/${q.id}/stop`, { method: "POST", body: "x", headers: { "content-type": "text/plain" } })).status).toBe(401);
    expect((await call(app, `/api/v1/queries/${q.id}/stop`, {
      method: "POST", body: "x", headers: { "content-type": "text/plain", authorization: "Bearer s3cret" },
    })).status).toBe(415);
  });
});

describe("response headers", () => {
  test("every answer forbids sniffing and framing and sends no referrer", async () => {
    const { app } = setup();
    for (const path of ["/api/v1/health", "/nothing", "/metrics"]) {
      const r = await call(app, path);
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("x-frame-options")).toBe("DENY");
      expect(r.headers.get("referrer-policy")).toBe("no-referrer");
      expect(r.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });
});
