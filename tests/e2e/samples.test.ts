// Every sample runs, bounded by SLUICE_SAMPLE_SECONDS, and prints what its README says.
import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dir, "..", "..");
const bun = process.execPath;

function runSample(dir: string, seconds: number): { out: string; err: string; status: number | null } {
  const r = spawnSync(bun, [join(root, "runtime/main.ts"), "run", join(root, "samples", dir, "pipeline.ts")], {
    cwd: root, env: { ...process.env, SLUICE_SAMPLE_SECONDS: String(seconds) }, encoding: "utf8", timeout: 60_000,
  });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

describe("samples", () => {
  test("01 basic streaming prints console batches with the computed columns", () => {
    const r = runSample("01-basic-streaming", 3);
    expect(r.status).toBe(0);
    expect(r.out).toContain("Batch: 1");
    expect(r.out).toContain("|timestamp");
    expect(r.out).toMatch(/\|value\|doubled\|is_even\|second\|/);
    // value 3 doubled is 6 and odd
    expect(r.out).toMatch(/\|3 +\|6 +\|false +\|/);
  }, 30_000);

  test("02 output modes prints complete, update and append results", () => {
    const r = runSample("02-output-modes", 6);
    expect(r.status).toBe(0);
    expect(r.out).toContain("|bucket|count|");
    expect(r.out).toContain("|window");
    // complete mode lists all three buckets in some batch
    const tables = r.out.split("Batch: ").slice(1);
    expect(tables.some((t) => /\|\s+0\|/.test(t) && /\|\s+1\|/.test(t) && /\|\s+2\|/.test(t))).toBe(true);
  }, 30_000);

  test("08 e-commerce prints revenue windows, the funnel and the top products from Parquet", () => {
    const r = runSample("08-ecommerce", 0);
    expect(r.status).toBe(0);
    expect(r.out).toContain("|window_start       |category   |revenue|orders|");
    expect(r.out).toContain("Conversion funnel:");
    expect(r.out).toMatch(/\|\s+view\|\s+1697\|\s+70\.71\|/);
    expect(r.out).toMatch(/\|\s+purchase\|\s+260\|\s+10\.83\|/);
    expect(r.out).toContain("Top products (from the Parquet output):");
    expect(r.out).toContain("|product_id|units|");
  }, 60_000);
});
