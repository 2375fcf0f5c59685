// The tutorial's socket server as a user runs it: a process listening on a port, sending a file's
// lines and then what is typed on its stdin to each client.
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "sluice-socket-server-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("replays --file to a client, then forwards stdin lines", async () => {
  const file = join(dir, "lines.txt");
  writeFileSync(file, "apache spark\napache hadoop\n");
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, "socket_server.ts"), "--port", "0", "--file", file, "--interval", "20"], {
    stdin: "pipe", stdout: "ignore", stderr: "pipe",
  });
  try {
    const reader = proc.stderr.getReader();
    let banner = "";
    while (!banner.includes("\n")) banner += new TextDecoder().decode((await reader.read()).value);
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(banner)?.[1]);
    expect(banner).toContain(`each client gets ${file} (2 lines, 20 ms apart)`);

    const client = connect(port, "127.0.0.1");
    let text = "";
    client.on("data", (chunk) => (text += chunk.toString()));
    await new Promise((r) => client.once("connect", r));
    const until = async (wanted: string) => {
      for (let i = 0; i < 400 && text !== wanted; i++) await new Promise((r) => setTimeout(r, 10));
      expect(text).toBe(wanted);
    };
    await until("apache spark\napache hadoop\n");
    proc.stdin.write("typed line\n");
    proc.stdin.flush();
    await until("apache spark\napache hadoop\ntyped line\n");
    client.destroy();
  } finally {
    proc.kill();
    await proc.exited;
  }
});
