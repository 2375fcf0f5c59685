// The dashboard in a real browser (Debian's chromium through playwright-core) against a real
// `sluice run --keep-running` from source: the list shows a running query and a failed one with
// its error, a query's charts advance as batches complete, stop and restart work from the
// keyboard, the failed query shows its exception with the stack, and a server with a token asks
// for it. Screenshots of each page go to a scratch folder, or to docs/ with SLUICE_SCREENSHOTS=1
// (how the README's pictures are made). The browser and the servers are closed even on failure.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { startAdminProcess, type AdminProcess } from "./admin_process.ts";
import { installTimeoutMs, launchBrowser, type Browser } from "./browser.ts";
import { repoRoot } from "./sluice_binary.ts";

let dir = "";
let shots = "";
let browser: Browser | undefined;
const servers: AdminProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sluice-dashboard-"));
  shots = process.env.SLUICE_SCREENSHOTS === "1" ? join(repoRoot, "docs") : join(dir, "screenshots");
  mkdirSync(shots, { recursive: true });
  browser = await launchBrowser();
}, installTimeoutMs);

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    for (const s of servers) await s.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

/** A pipeline with a stateful query that has a checkpoint and a query that fails at its first rows. */
function pipeline(name: string): string {
  const path = join(dir, `${name}.pipeline.ts`);
  writeFileSync(path, `import { functions as F, SparkSession } from "sluice";
const spark = SparkSession.builder.appName("dashboard").getOrCreate();
const rate = spark.readStream.format("rate").option("rowsPerSecond", 40).load();
rate.withWatermark("timestamp", "2 seconds").groupBy(F.window("timestamp", "1 second")).count()
  .writeStream.format("memory").queryName("windows").outputMode("update")
  .option("checkpointLocation", ${JSON.stringify(join(dir, `${name}-checkpoint`))})
  .trigger({ processingTime: "250 milliseconds" }).start();
rate.selectExpr("CAST(CONCAT('row-', CAST(value AS STRING)) AS INT) AS n")
  .writeStream.format("memory").queryName("casts").trigger({ processingTime: "250 milliseconds" }).start();
`);
  return path;
}

async function serve(name: string, env: Record<string, string> = {}): Promise<AdminProcess> {
  const server = await startAdminProcess([pipeline(name), "--keep-running"], env);
  servers.push(server);
  return server;
}

/** A page that records script errors and console errors (CSP violations among them). */
async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser!.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // A refused request (the 401 of a wrong token) is logged by the browser itself, not by the page.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { page, errors };
}

/** How many batches a chart plots. */
async function points(page: Page, chart: string): Promise<number> {
  return Number((await page.locator(`[data-chart="${chart}"]`).getAttribute("data-points")) ?? 0);
}

/** Dismisses the messages in the corner, so screenshots show the page under them. */
async function dismissMessages(page: Page): Promise<void> {
  // Info messages also go away by themselves, so one may vanish between counting and clicking.
  const buttons = page.locator("#messages .dismiss");
  while ((await buttons.count()) > 0) await buttons.first().click({ timeout: 1000 }).catch(() => {});
}

async function until(page: Page, what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await page.waitForTimeout(100);
  }
}

describe("the dashboard in chromium", () => {
  test("queries, live charts, stop and restart from the keyboard, a failed query's error", async () => {
    const server = await serve("plain");
    const { page, errors } = await open(`${server.base}/`);
    try {
      const running = page.locator('#active-queries tr[data-status="running"]', { hasText: "windows" });
      await running.waitFor({ timeout: 20_000 });
      const failed = page.locator('#completed-queries tr[data-status="failed"]', { hasText: "casts" });
      await failed.waitFor({ timeout: 20_000 });
      expect(await failed.locator(".error-cell").textContent()).toContain("[CAST_INVALID_INPUT]");
      expect(await page.locator("#connection").getAttribute("data-state")).toBe("live");
      await until(page, "the list shows a batch's figures", async () => /#\d+/.test((await running.textContent()) ?? ""));
      // Every column, the Stop button last, fits the window: no sideways scrolling to act.
      // Live updates re-render the row, so the button can be detached for a moment: ask again until it is laid out.
      const seen: { box: { x: number; width: number } | null } = { box: null };
      await until(page, "the list's Stop button is laid out", async () =>
        (seen.box = await running.getByRole("button", { name: "Stop query windows" }).boundingBox()) !== null);
      const listStop = seen.box!;
      expect(listStop.x + listStop.width).toBeLessThanOrEqual(page.viewportSize()!.width);
      // Focus is on <main> after a page change, without a ring around the whole page.
      expect(await page.evaluate("document.activeElement.id + ' ' + getComputedStyle(document.activeElement).outlineStyle")).toBe("main none");
      await page.screenshot({ path: join(shots, "dashboard-queries.png"), fullPage: true });

      await page.getByRole("link", { name: "windows", exact: true }).click();
      await page.locator('[data-chart="rates"]').waitFor();
      await until(page, "the charts plot three batches", async () => (await points(page, "rates")) >= 3);
      const before = await points(page, "rates");
      await until(page, "the charts advance", async () => (await points(page, "rates")) > before);
      for (const chart of ["input", "duration", "state", "watermark", "late"]) {
        expect({ chart, points: await points(page, chart) }).toEqual({ chart, points: expect.any(Number) });
        expect(await points(page, chart)).toBeGreaterThan(0);
      }
      expect(await page.locator('[data-chart="rates"] canvas').count()).toBe(1);
      expect(await page.locator('[data-chart="state"]').getAttribute("aria-label")).toMatch(/^State rows \(rows\), batch \d+: Total /);
      expect(await page.locator("pre.plan").textContent()).toContain("== Physical Plan ==");
      expect(await page.locator("#progress-table tbody tr").count()).toBeGreaterThan(0);
      await until(page, "eight batches to show", async () => (await points(page, "rates")) >= 8);
      await page.screenshot({ path: join(shots, "dashboard-query.png"), fullPage: true });
      const oldRun = decodeURIComponent(new URL(page.url()).hash.replace("#/query/", ""));

      // Stop with the keyboard: the button takes focus and Enter presses it.
      const stop = page.getByRole("button", { name: "Stop query windows" });
      await stop.focus();
      await page.keyboard.press("Enter");
      await page.locator(".query-header .status-stopped").waitFor({ timeout: 20_000 });

      // Restart: the page follows the query to its new run, whose charts start over and advance.
      const restart = page.getByRole("button", { name: "Restart query windows" });
      await restart.focus();
      await page.keyboard.press("Enter");
      await until(page, "the page shows the new run", async () => !page.url().endsWith(encodeURIComponent(oldRun)));
      await page.locator(".query-header .status-running").waitFor({ timeout: 20_000 });
      const newRun = decodeURIComponent(new URL(page.url()).hash.replace("#/query/", ""));
      expect(newRun).not.toBe(oldRun);
      await until(page, "the new run's charts advance", async () => (await points(page, "rates")) >= 2);
      expect(await page.locator(".facts").textContent()).toContain(newRun);

      // The failed query: its exception with the stack.
      await page.getByRole("link", { name: "← All queries" }).click();
      // The stopped run is listed as completed, without a Restart button: its query runs again.
      const oldRow = page.locator(`#completed-queries tr[data-run-id="${oldRun}"]`);
      await oldRow.waitFor();
      expect(await oldRow.getAttribute("data-status")).toBe("stopped");
      expect(await oldRow.locator("button").count()).toBe(0);
      await page.getByRole("link", { name: "casts", exact: true }).click();
      const exception = page.locator("section.exception");
      await exception.waitFor();
      expect(await exception.locator(".exception-message").textContent()).toContain("[CAST_INVALID_INPUT]");
      await page.locator("pre.stack").waitFor();
      expect(await page.locator("pre.stack").textContent()).toContain("CAST_INVALID_INPUT");
      expect(await page.getByRole("button", { name: "Restart query casts" }).count()).toBe(0); // no checkpoint
      await dismissMessages(page);
      await page.screenshot({ path: join(shots, "dashboard-failed.png"), fullPage: true });

      // Dark theme, chosen with the theme button (auto → light → dark).
      await page.getByRole("link", { name: "← All queries" }).click();
      await page.locator("#theme").click();
      await page.locator("#theme").click();
      // (Expressions as text: they run in the page, whose DOM types this file does not load.)
      expect(await page.evaluate("document.documentElement.dataset.theme")).toBe("dark");
      expect(await page.evaluate("getComputedStyle(document.body).backgroundColor")).toBe("rgb(13, 17, 23)");
      await dismissMessages(page);
      await page.screenshot({ path: join(shots, "dashboard-dark.png"), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  test("a server with a token: the page asks once, asks again for a wrong one, stops with the right one", async () => {
    const token = "browser-token";
    const server = await serve("token", { SLUICE_ADMIN_TOKEN: token });
    const { page, errors } = await open(`${server.base}/`);
    try {
      const dialog = page.locator("#token-dialog");
      await dialog.waitFor({ state: "visible" });
      expect(await page.locator("#token-reason").textContent()).toContain("This server has a token");
      await page.locator('#active-queries tr[data-status="running"]', { hasText: "windows" }).waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(shots, "dashboard-token.png") });
      // "Not now" (Escape): nothing is stored; the first action asks again.
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      await page.getByRole("button", { name: "Stop query windows" }).click();
      await dialog.waitFor({ state: "visible" });
      expect(await page.locator("#token-reason").textContent()).toBe("This route needs a bearer token.");
      await page.locator("#token-input").fill("wrong");
      await page.keyboard.press("Enter");
      // The wrong token is refused and asked for again.
      await until(page, "the wrong token is refused", async () =>
        (await page.locator("#token-reason").textContent()) === "The bearer token is wrong." && (await dialog.isVisible()));
      await page.locator("#token-input").fill(token);
      await page.keyboard.press("Enter");
      await page.locator('#completed-queries tr[data-status="stopped"]', { hasText: "windows" }).waitFor({ timeout: 20_000 });

      // Asked once: the tab keeps the token across a reload.
      await page.reload();
      await page.locator('#completed-queries tr[data-status="stopped"]', { hasText: "windows" }).waitFor({ timeout: 20_000 });
      expect(await dialog.isVisible()).toBe(false);
      await page.getByRole("button", { name: "Restart query windows" }).click();
      await page.locator('#active-queries tr[data-status="running"]', { hasText: "windows" }).waitFor({ timeout: 20_000 });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
