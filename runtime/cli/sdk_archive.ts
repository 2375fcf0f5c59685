// The SDK archive (scripts/build_sdk.ts): the API's type declarations, the engine as JavaScript,
// the runtime's type packages and TypeScript's standard library, path -> text. The compiled
// binary carries it (so `sluice init` and `sluice check` work offline); from a source checkout it
// is dist/sdk-archive.json.gz, made by `bun scripts/build_sdk.ts` or `npm run build`.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { userError } from "../errors.ts";
import { platform } from "../platform/mod.ts";

export interface SdkArchive {
  /** The sluice version the archive was built from. */
  version: string;
  files: Readonly<Record<string, string>>;
}

/** The name scripts/build.ts embeds it under. */
export const sdkArchiveName = "sdk-archive.json.gz";

const checkoutArchive = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", sdkArchiveName);

let loaded: Promise<SdkArchive> | undefined;

export function loadSdkArchive(): Promise<SdkArchive> {
  loaded ??= (async () => {
    const bytes = (await platform.embeddedFile(sdkArchiveName)) ?? (existsSync(checkoutArchive) ? readFileSync(checkoutArchive) : undefined);
    if (bytes === undefined) {
      throw userError("SDK_ARCHIVE_MISSING", `This sluice carries no SDK archive (the API's type declarations), and ${checkoutArchive} does not exist.`, {
        hint: "From a source checkout, build it first: `npx bun scripts/build_sdk.ts` (npm run build does too). The compiled binary carries its own.",
      });
    }
    return parseSdkArchive(bytes);
  })();
  return loaded;
}

export function parseSdkArchive(bytes: Uint8Array): SdkArchive {
  const parsed = JSON.parse(new TextDecoder().decode(gunzipSync(bytes))) as SdkArchive;
  if (typeof parsed?.version !== "string" || typeof parsed.files !== "object" || parsed.files === null) {
    throw userError("SDK_ARCHIVE_INVALID", "The SDK archive is not one scripts/build_sdk.ts wrote.", { hint: "Rebuild it: npx bun scripts/build_sdk.ts" });
  }
  return parsed;
}

/** The archive's files under `prefix` ("node_modules/sluice/"), with the prefix removed. */
export function filesUnder(archive: SdkArchive, prefix: string): [path: string, text: string][] {
  return Object.entries(archive.files).filter(([p]) => p.startsWith(prefix)).map(([p, t]) => [p.slice(prefix.length), t]);
}

