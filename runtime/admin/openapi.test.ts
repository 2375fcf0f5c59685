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

  test("path parameters are declared, every $ref resolves, mutating routes name the bearer scheme", () => {
    const doc = openApiDocument("0.1.0") as Record<string, any>;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        const declared = (op.parameters ?? []).filter((p: any) => p.in === "path").map((p: any) => p.name);
        expect({ route: `${method} ${path}`, params: declared }).toEqual({ route: `${method} ${path}`, params });
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        if (method !== "get") expect(op.security).toEqual([{ bearer: [] }]);
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(doc.components.schemas[name]).toBeDefined();
  });
});
