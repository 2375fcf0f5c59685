// `sluice version`. The version comes from package.json, which the bundler embeds in the binary.
import pkg from "../../package.json" with { type: "json" };
import { platform } from "../platform/mod.ts";

export const sluiceVersion: string = pkg.version;

export function versionText(): string {
  const how = platform.isCompiledBinary ? "compiled binary" : "from source";
  return `sluice ${sluiceVersion}\n${platform.runtime} ${platform.runtimeVersion} (${how})\n`;
}
