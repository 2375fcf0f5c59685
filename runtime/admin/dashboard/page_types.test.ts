// The page's browser modules are plain JavaScript with JSDoc types, served as they are; tsc checks
// them against the DOM's types and uPlot's (page/tsconfig.json).
import { describe, expect, test } from "bun:test";
import { join } from "node:path";

const root = join(import.meta.dir, "../../..");

describe("the dashboard's modules", () => {
  test("type-check", async () => {
    const proc = Bun.spawn([process.execPath, join(root, "node_modules/typescript/bin/tsc"), "-p", join(import.meta.dir, "page")], {
      cwd: root, stdout: "pipe", stderr: "pipe",
    });
    const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    expect(out + err).toBe("");
    expect(code).toBe(0);
  }, 60_000);
});
