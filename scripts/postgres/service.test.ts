// The test database is stopped and removed when the test process that started it ends without
// cleaning up: here it is killed with SIGKILL right after the server came up (an interrupted run).
// The child always starts its own server (SLUICE_POSTGRES_URL cleared).
import { expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("a killed test process leaves no PostgreSQL server behind", async () => {
  const service = join(import.meta.dir, "service.ts");
  const child = Bun.spawn([process.execPath, "-e", `
    const { postgresServer } = await import(${JSON.stringify(service)});
    const s = await postgresServer();
    console.log(JSON.stringify({ dir: s.dir, url: s.url }));
    await new Promise(() => {});
  `], { stdout: "pipe", stderr: "pipe", env: { ...process.env, SLUICE_POSTGRES_URL: "" } });
  let dir: string | undefined;
  let postmaster = 0;
  try {
    const reader = child.stdout.getReader();
    let text = "";
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the child ended before the server started: ${await new Response(child.stderr).text()}`);
      text += new TextDecoder().decode(value);
    }
    dir = (JSON.parse(text.split("\n")[0]!) as { dir: string }).dir;
    postmaster = Number(readFileSync(join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    expect(alive(postmaster)).toBe(true);
  } finally {
    child.kill(9);
    await child.exited;
  }
  const deadline = Date.now() + 30_000;
  while ((alive(postmaster) || existsSync(dir)) && Date.now() < deadline) await Bun.sleep(200);
  expect({ running: alive(postmaster), directoryLeft: existsSync(dir) }).toEqual({ running: false, directoryLeft: false });
}, 120_000);
