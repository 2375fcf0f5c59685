// Serves this engine under the names pipelines and plugins import: "sluice", "sluice/plugin-sdk" and
// "sluice/testing". In the binary a plugin anywhere on disk must get the binary's own engine (there
// is no package to resolve), and a second copy of the engine would have its own sessions and
// queries, invisible to the command that waits on them. Under Deno, deno.json's import map does it.
import { platform } from "../platform/mod.ts";

export async function registerEngineModules(): Promise<Record<string, unknown>> {
  const sluice: Record<string, unknown> = await import("../mod.ts");
  // false: the runtime cannot serve modules by name (Deno); the import map does, and the test kit
  // (bun:test) is not importable there.
  if (!platform.registerModule("sluice", sluice)) return sluice;
  platform.registerModule("sluice/plugin-sdk", await import("../plugin-sdk.ts"));
  platform.registerModule("sluice/testing", await import("../testing/mod.ts"));
  return sluice;
}
