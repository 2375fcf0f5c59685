// Debian's chromium driven by playwright-core, for the dashboard's tests. Installs chromium with
// apt-get when it is missing (CI machines), starts it headless with a fresh profile and none of
// the background traffic Chromium would otherwise send to the (closed) network.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { exec } from "./sluice_binary.ts";

export const chromiumPath = "/usr/bin/chromium";
/** apt-get update and install take a minute or two on a fresh machine. */
export const installTimeoutMs = 300_000;

/** Installs Debian's chromium unless it is there (through sudo when the tests do not run as root). */
export async function ensureChromium(): Promise<void> {
  if (existsSync(chromiumPath)) return;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo", "-n", "-E"];
  // Killed before the caller's beforeAll times out, so no apt-get outlives a failed test run.
  const deadline = Date.now() + installTimeoutMs - 30_000;
  for (const cmd of [["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]]) {
    const r = await exec([...asRoot, ...cmd], { env, timeoutMs: Math.max(1000, deadline - Date.now()) });
    if (r.code !== 0) throw new Error(`${cmd.join(" ")} failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
  }
  if (!existsSync(chromiumPath)) throw new Error(`apt-get installed chromium but ${chromiumPath} is missing`);
}

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and removes its profile; safe to call twice. */
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  await ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), "sluice-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
      ],
      viewport: { width: 1400, height: 900 },
      timeout: 60_000,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  let closed = false;
  return {
    context,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}
