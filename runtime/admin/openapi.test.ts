import { describe, expect, test } from "bun:test";
import { createAdminApp } from "./app.ts";
import { openApiDocument } from "./openapi.ts";

const version = { sluice: "0.1.0", spark: "4.1.1", runtime: "bun", runtimeVersion: Bun.version, compiledBinary: false };
const app = createAdminApp({ queries: () => [], plugins: () => [], version });

/** "METHOD /path/{param}" for every route the app serves (middleware entries and HEAD aside). */
function appRoutes(): Set<string> {
  return new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`));
}

function documentedRoutes(doc: Record<string, any>): Set<string> {
  const out = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(item)) out.add(`${method.toUpperCase()} ${path}`);
  }
  return out;
}

describe("the OpenAPI document", () => {
  test("documents exactly the routes the app serves", async () => {
    const served = (await (await app.request("/api/v1/openapi.json")).json()) as Record<string, any>;
    expect(served).toEqual(openApiDocument("0.1.0"));
    expect([...documentedRoutes(served)].sort()).toEqual([...appRoutes()].sort());
  });

  test("path parameters are declared, every $ref resolves; mutating routes name the bearer scheme when there is a token", () => {
    for (const tokenRequired of [false, true]) {
      const doc = openApiDocument("0.1.0", { tokenRequired }) as Record<string, any>;
      for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
        const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        for (const [method, op] of Object.entries(item)) {
          const declared = (op.parameters ?? []).filter((p: any) => p.in === "path").map((p: any) => p.name);
          expect({ route: `${method} ${path}`, params: declared }).toEqual({ route: `${method} ${path}`, params });
          expect(op.responses["403"]).toBeDefined();
          if (method === "get") continue;
          expect(op.security).toEqual(tokenRequired ? [{ bearer: [] }] : undefined);
          expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(tokenRequired ? ["400", "401", "403", "404", "415"] : ["400", "403", "404", "415"]));
          if (!tokenRequired) expect(op.responses["401"]).toBeUndefined();
        }
      }
      expect(doc.components.securitySchemes !== undefined).toBe(tokenRequired);
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThan(0);
      for (const name of refs) expect(doc.components.schemas[name]).toBeDefined();
    }
  });

  test("the served document describes this server: with a token, and the rules every request meets", async () => {
    const withToken = createAdminApp({ queries: () => [], plugins: () => [], version, token: "t" });
    const doc = (await (await withToken.request("/api/v1/openapi.json")).json()) as Record<string, any>;
    expect(doc).toEqual(openApiDocument("0.1.0", { tokenRequired: true }));
    expect(doc.info.description).toContain("mutating routes need `Authorization: Bearer <token>`");
    const open = openApiDocument("0.1.0") as Record<string, any>;
    for (const rule of ["HOST_NOT_ALLOWED", "--admin-allowed-hosts", "CROSS_SITE_REQUEST", "Sec-Fetch-Site", "UNSUPPORTED_MEDIA_TYPE",
      "refuses to start it on any other address"]) {
      expect(open.info.description).toContain(rule);
    }
  });
});
