// `sluice run … --admin-port 0` from source as a child process, for tests that talk to its admin
// server over HTTP (schemathesis, the browser): waits for the address it announces on stderr and
// stops it (SIGTERM, then SIGKILL) when the test is done, also when the test failed.
import { join } from "node:path";
import { repoRoot } from "./sluice_binary.ts";

export interface AdminProcess {
  /** http://127.0.0.1:PORT */
  base: string;
  proc: ReturnType<typeof Bun.spawn>;
  /** Everything the process wrote on stderr so far. */
  stderr(): string;
  /** Ends the process: SIGTERM, and SIGKILL if it has not exited within `graceMs`. Returns its exit code. */
  stop(graceMs?: number): Promise<number>;
}

/** How long a process may take to announce its admin server. */
export const announceTimeoutMs = 30_000;

export async function startAdminProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<AdminProcess> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  if (!("SLUICE_ADMIN_TOKEN" in env)) delete childEnv.SLUICE_ADMIN_TOKEN;
  const proc = Bun.spawn([process.execPath, join(repoRoot, "runtime/main.ts"), "run", ...args, "--admin-port", "0"], {
    cwd: repoRoot, env: childEnv, stdout: "ignore", stderr: "pipe",
  });
  let text = "";
  const reader = (proc.stderr as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const { promise: announced, resolve, reject } = Promise.withResolvers<string>();
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return reject(new Error(`sluice ended before announcing its admin server:\n${text}`));
      text += decoder.decode(value);
      const m = /admin API on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(text);
      if (m) resolve(m[1]!);
    }
  })();
  const stop = async (graceMs = 10_000) => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
      await proc.exited;
      clearTimeout(timer);
    }
    return proc.exited;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const base = await Promise.race([
      announced,
      new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`no admin address within ${announceTimeoutMs} ms:\n${text}`)), announceTimeoutMs))),
    ]);
    return { base, proc, stderr: () => text, stop };
  } catch (e) {
    await stop(1000);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
