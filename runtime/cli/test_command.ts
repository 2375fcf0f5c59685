// `sluice test [ARGS…]`: runs the project's tests (`*.test.ts`) with the bun test runner that
// the compiled binary contains (Bun's BUN_BE_BUN=1 makes the executable act as `bun`), so a
// project made by `sluice init` needs no Bun of its own. "sluice" and "sluice/testing" resolve
// to the project's node_modules/sluice (the SDK `sluice init` wrote). From a source checkout it
// runs the `bun` that runs this CLI.
import { spawnSync } from "node:child_process";
import process from "node:process";
import { userError } from "../errors.ts";
import { platform } from "../platform/mod.ts";
import type { TestArgs } from "./args.ts";

export function testCommand(args: TestArgs): number {
  if (platform.runtime !== "bun") {
    throw userError("TEST_NEEDS_BUN", "sluice test runs Bun's test runner, and this sluice runs on Deno.", {
      hint: "Use the compiled sluice binary, or run `bun test` in the project.",
    });
  }
  const env = platform.isCompiledBinary ? { ...process.env, BUN_BE_BUN: "1" } : process.env;
  const result = spawnSync(process.execPath, ["test", ...args.args], { stdio: "inherit", env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}
