// cleanSource: once a batch is committed, its files are deleted or moved under sourceArchiveDir
// (keeping their full path), as Spark's FileStreamSourceCleaner does. A file that cannot be
// cleaned is logged and left where it is; the query carries on.
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { userError, type Logger } from "sluice/plugin-sdk";
import { componentRegex } from "../formats/glob.ts";

export type CleanSourceMode = "off" | "delete" | "archive";

export function cleanSourceMode(value: string): CleanSourceMode {
  return value.toLowerCase() as CleanSourceMode;
}

export class SourceCleaner {
  constructor(
    private readonly mode: "delete" | "archive",
    private readonly archiveDir: string | undefined,
    private readonly log: Logger,
  ) {}

  static create(mode: CleanSourceMode, sourcePath: string, archiveDir: string | undefined, log: Logger): SourceCleaner | undefined {
    if (mode === "off") return undefined;
    if (mode === "archive") {
      if (archiveDir === undefined) {
        throw userError("FILE_SOURCE_OPTION_INVALID", "Archive mode must be used with 'sourceArchiveDir' option.", {
          hint: "Set sourceArchiveDir to the directory finished files should be moved to.",
        });
      }
      if (archiveMatchesSource(resolve(sourcePath), resolve(archiveDir))) {
        throw userError(
          "FILE_SOURCE_OPTION_INVALID",
          "Base archive path cannot be set to the path where archived path can possibly match with source pattern. Ensure the base archive path doesn't match with source pattern in depth, where the depth is minimum of depth on both paths.",
        );
      }
    }
    return new SourceCleaner(mode, archiveDir === undefined ? undefined : resolve(archiveDir), log);
  }

  clean(path: string): void {
    if (this.mode === "delete") {
      try {
        rmSync(path);
      } catch (e) {
        this.log.warn(`Fail to remove ${path} / skip removing file. ${(e as Error).message}`);
      }
      return;
    }
    const target = join(this.archiveDir!, path);
    try {
      mkdirSync(dirname(target), { recursive: true });
      renameSync(path, target);
    } catch (e) {
      this.log.warn(`Fail to move ${path} to ${target} / skip moving file. ${(e as Error).message}`);
    }
  }
}

/** Spark's check: comparing both paths down to the shallower depth, every archive component matches the source pattern's. */
function archiveMatchesSource(source: string, archive: string): boolean {
  const s = source.split(sep).filter((p) => p !== "");
  const a = archive.split(sep).filter((p) => p !== "");
  const depth = Math.min(s.length, a.length);
  for (let i = 0; i < depth; i++) if (!componentRegex(s[i]!).test(a[i]!)) return false;
  return true;
}
