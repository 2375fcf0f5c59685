// Runs `sluice run` from source in a child process, for the fault suites: the exit code, the output,
// and a way to send it signals. Every child started here is killed when the test process exits.
import { resolve } from "node:path";

export const repoRoot = resolve(import.meta.dir, "../..");

export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

const children = new Set<ReturnType<typeof Bun.spawn>>();
process.on("exit", () => {
  for (const c of children) c.kill(9);
});

/** Starts `sluice run PIPELINE [args]`; `done` resolves when it ends. */
export function startSluice(pipeline: string, args: string[] = [], o: { cwd?: string; env?: Record<string, string> } = {}) {
  const proc = Bun.spawn([process.execPath, resolve(repoRoot, "runtime/main.ts"), "run", pipeline, "--no-progress", ...args], {
    cwd: o.cwd ?? repoRoot,
    env: { ...process.env, ...o.env },
    stdout: "pipe",
    stderr: "pipe",
  });
  children.add(proc);
  const done: Promise<Finished> = Promise.all([
    new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited,
  ]).then(([stdout, stderr, code]) => {
    children.delete(proc);
    return { code, stdout, stderr };
  });
  return { proc, done };
}

/** Runs `sluice run` to the end, killing it after `timeoutMs` (then code is the kill's). */
export async function runSluice(pipeline: string, args: string[] = [], timeoutMs = 30_000): Promise<Finished & { timedOut: boolean }> {
  const { proc, done } = startSluice(pipeline, args);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill(9);
  }, timeoutMs);
  const r = await done;
  clearTimeout(timer);
  return { ...r, timedOut };
}
