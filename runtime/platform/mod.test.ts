import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { platform } from "./mod.ts";

describe("platform under bun", () => {
  test("names the runtime and is not the compiled binary", () => {
    expect(platform.runtime).toBe("bun");
    expect(platform.runtimeVersion).toBe(Bun.version);
    expect(platform.isCompiledBinary).toBe(false);
    expect(platform.args).toEqual(process.argv.slice(2));
  });

  test("registerModule makes a bare name importable by modules loaded afterwards", async () => {
    expect(platform.registerModule("sluice-platform-test", { answer: 41 })).toBe(true);
    // Registering again (the CLI and the plugin loader both do) is fine; the latest exports win.
    expect(platform.registerModule("sluice-platform-test", { answer: 42 })).toBe(true);
    const specifier = "sluice-platform-test";
    const mod = await import(specifier);
    expect(mod.answer).toBe(42);
  });

  test("output written just before exit reaches a slow reader in full", async () => {
    // process.stdout.write in Bun is asynchronous and loses what is still buffered at process.exit.
    const script = `
      import { platform } from ${JSON.stringify(join(import.meta.dir, "mod.ts"))};
      const line = "x".repeat(99) + "\\n";
      for (let i = 0; i < 20000; i++) platform.writeStdout(line);
      platform.writeStderr("done\\n");
      platform.exit(0);
    `;
    // The reader sleeps first, so the pipe fills up and the writer has to wait for it.
    const proc = Bun.spawn(
      ["sh", "-c", `"$0" -e "$1" | (sleep 0.5; wc -c)`, process.execPath, script],
      { stdout: "pipe", stderr: "pipe" },
    );
    const [out, err, code] = await Promise.all([
      new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited,
    ]);
    expect(err).toBe("done\n");
    expect(code).toBe(0);
    expect(Number(out.trim())).toBe(2_000_000);
  });
});
