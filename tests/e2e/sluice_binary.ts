// The compiled binary for end-to-end tests: built once per test process by scripts/build.ts (as CI
// builds it) into a scratch directory, however many test files ask for it, and removed at exit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dir, "../..");
/** For beforeAll: building takes a few seconds, more on a busy machine. */
export const buildTimeoutMs = 180_000;

let built: Promise<string> | undefined;

/** The path of a freshly built `sluice` binary. */
export function sluiceBinary(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-binary-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    const binary = join(dir, "sluice");
    const build = await exec([process.execPath, "scripts/build.ts", "--outfile", binary], { cwd: repoRoot });
    if (build.code !== 0) throw new Error(`scripts/build.ts failed:\n${build.stdout}${build.stderr}`);
    return binary;
  })();
  return built;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs a command to the end, collecting its output. With `timeoutMs` the command is killed when
 * it runs longer (a test that times out would otherwise leave it running) and the result says so.
 */
export async function exec(
  cmd: string[], o: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<ExecResult> {
  const proc = Bun.spawn(cmd, { cwd: o.cwd ?? repoRoot, env: o.env ?? process.env, stdout: "pipe", stderr: "pipe" });
  let timedOut = false;
  const timer = o.timeoutMs === undefined ? undefined : setTimeout(() => { timedOut = true; proc.kill("SIGKILL"); }, o.timeoutMs);
  try {
    const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    return { stdout, stderr: timedOut ? `${stderr}\n${cmd[0]} killed after ${o.timeoutMs} ms` : stderr, code };
  } finally {
    clearTimeout(timer);
  }
}
