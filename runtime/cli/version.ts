// `sluice version`. The version comes from package.json, which the bundler embeds in the binary.
import pkg from "../../package.json" with { type: "json" };
import { platform } from "../platform/mod.ts";

export const sluiceVersion: string = pkg.version;

/** The PySpark version whose semantics, messages and goldens Sluice follows. */
export const sparkVersion = "4.1.1";

/** What GET /api/v1/version answers. */
export function versionInfo() {
  return {
    sluice: sluiceVersion,
    spark: sparkVersion,
    runtime: platform.runtime,
    runtimeVersion: platform.runtimeVersion,
    compiledBinary: platform.isCompiledBinary,
  };
}

export function versionText(): string {
  const how = platform.isCompiledBinary ? "compiled binary" : "from source";
  return `sluice ${sluiceVersion}\n${platform.runtime} ${platform.runtimeVersion} (${how})\n`;
}
