// `sluice init NAME`: a pipeline project a user can type-check and test, with nothing to install
// first. The API's type declarations and the engine's JavaScript come from this sluice's SDK
// archive into .sluice/sdk (node_modules/sluice links there, and package.json names it, so
// `npm install` keeps the link); the runtime's type packages go to node_modules/@types/… until
// `npm install` replaces them with the registry's. `--sdk-only` refreshes .sluice/sdk (and the
// type packages) in an existing project, after installing a newer sluice.
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { userError } from "../errors.ts";
import type { InitArgs } from "./args.ts";
import { filesUnder, loadSdkArchive, type SdkArchive } from "./sdk_archive.ts";

export interface InitIo {
  writeStdout(text: string): void;
}

/** Where the SDK goes inside the project, and what package.json calls it. */
export const sdkDir = ".sluice/sdk";

export async function initCommand(args: InitArgs, io: InitIo, archive?: SdkArchive): Promise<number> {
  const dir = resolve(args.dir);
  const sdk = archive ?? await loadSdkArchive();
  if (args.sdkOnly) {
    if (!existsSync(join(dir, "package.json"))) {
      throw userError("INIT_NOT_A_PROJECT", `${dir} has no package.json: --sdk-only refreshes the SDK of a project made by sluice init.`, {
        hint: `Make a project with: sluice init ${args.dir}`,
      });
    }
    writeSdk(dir, sdk);
    io.writeStdout(`updated ${sdkDir} in ${dir} to sluice ${sdk.version}\n`);
    return 0;
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw userError("INIT_TARGET_NOT_EMPTY", `${dir} exists and is not empty.`, {
      hint: `Pick a new directory name, or run \`sluice init ${args.dir} --sdk-only\` to refresh only the SDK of an existing project.`,
    });
  }
  const name = packageName(basename(dir));
  const files = projectFiles(name, sdk.version);
  for (const [path, text] of Object.entries(files)) write(join(dir, path), text);
  writeSdk(dir, sdk);
  const shown = relative(process.cwd(), dir) || ".";
  io.writeStdout(`created ${shown}/: ${Object.keys(files).join(", ")}, with the sluice ${sdk.version} SDK in ${sdkDir}

  cd ${shown}
  sluice run pipeline.ts        run it (Ctrl-C stops it)
  sluice check pipeline.ts      type-check it
  sluice test                   run transform.test.ts
`);
  return 0;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** .sluice/sdk, node_modules/sluice -> ../.sluice/sdk, and the type packages. */
function writeSdk(dir: string, sdk: SdkArchive): void {
  const target = join(dir, sdkDir);
  rmSync(target, { recursive: true, force: true });
  for (const [path, text] of filesUnder(sdk, "node_modules/sluice/")) write(join(target, path), text);
  const link = join(dir, "node_modules", "sluice");
  rmSync(link, { recursive: true, force: true });
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(relative(dirname(link), target), link, "dir");
  for (const [path, text] of Object.entries(sdk.files)) {
    if (path.startsWith("node_modules/") && !path.startsWith("node_modules/sluice/")) write(join(dir, path), text);
  }
}

/** A valid npm package name from a directory name. */
export function packageName(dirName: string): string {
  const name = dirName.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+/, "");
  return name === "" ? "pipeline" : name;
}

/** The project's own files (the SDK and type packages are written apart). */
export function projectFiles(name: string, version: string): Record<string, string> {
  return {
    "package.json": JSON.stringify({
      name,
      version: "0.1.0",
      private: true,
      type: "module",
      scripts: { start: "sluice run pipeline.ts", check: "sluice check pipeline.ts", test: "sluice test" },
      devDependencies: { sluice: `file:${sdkDir}`, "@types/bun": "^1.4.4", typescript: "^5.9.3" },
    }, null, 2) + "\n",
    "tsconfig.json": JSON.stringify({
      compilerOptions: {
        target: "ESNext", lib: ["ESNext"], module: "Preserve", moduleResolution: "bundler", moduleDetection: "force",
        types: ["bun"], allowImportingTsExtensions: true, noEmit: true, strict: true, skipLibCheck: true,
      },
      exclude: ["node_modules", ".sluice"],
    }, null, 2) + "\n",
    "pipeline.ts": pipelineTs(name),
    "transform.ts": transformTs,
    "transform.test.ts": transformTestTs,
    ".gitignore": "node_modules/\n.sluice/\ncheckpoints/\n",
    "README.md": readme(name, version),
  };
}

const pipelineTs = (name: string) => `// ${name}: events from the rate source, counted by parity, printed to the console.
//   sluice run pipeline.ts                  (Ctrl-C stops it)
//   sluice run pipeline.ts -- 10            (10 events a second: process.argv.slice(2) holds what follows --)
//   sluice check pipeline.ts                (type-check)
import { SparkSession } from "sluice";
import { transform } from "./transform.ts";

const rowsPerSecond = Number(process.argv[2] ?? 5);

const spark = SparkSession.builder.appName(${JSON.stringify(name)}).getOrCreate();
spark.sparkContext.setLogLevel("WARN");

const events = spark.readStream.format("rate").option("rowsPerSecond", rowsPerSecond).load();
const query = transform(events)
  .writeStream.outputMode("complete")
  .format("console")
  .trigger({ processingTime: "5 seconds" })
  .start();

await query.awaitTermination();
`;

const transformTs = `// The pipeline's logic, apart from its source and sink, so transform.test.ts can feed it rows.
import { type DataFrame, functions as F } from "sluice";

/** Events per parity of their value: one row for even values, one for odd. */
export function transform(events: DataFrame): DataFrame {
  return events
    .withColumn("even", F.col("value").mod(2).equalTo(0))
    .groupBy("even")
    .agg(F.count("*").alias("events"));
}
`;

const transformTestTs = `// Run with \`sluice test\` (or \`bun test\`). MemoryStream feeds rows batch by batch; the memory
// sink keeps the result as a table to query.
import { expect, test } from "bun:test";
import { SparkSession } from "sluice";
import { MemoryStream } from "sluice/testing";
import { transform } from "./transform.ts";

test("events are counted by parity", async () => {
  const spark = SparkSession.builder.getOrCreate();
  const events = new MemoryStream(spark, "timestamp TIMESTAMP, value BIGINT");
  const query = transform(events.toDF())
    .writeStream.outputMode("complete").format("memory").queryName("counts").start();

  events.addData([[new Date(0), 1], [new Date(0), 2], [new Date(0), 4]]);
  await query.processAllAvailable();
  expect(spark.sql("SELECT even, events FROM counts ORDER BY even").collect())
    .toEqual([{ even: false, events: 1 }, { even: true, events: 2 }]);

  events.addData([[new Date(1000), 3]]);
  await query.processAllAvailable();
  expect(spark.sql("SELECT even, events FROM counts ORDER BY even").collect())
    .toEqual([{ even: false, events: 2 }, { even: true, events: 2 }]);
  await query.stop();
});
`;

const readme = (name: string, version: string) => `# ${name}

A Sluice streaming pipeline (made by \`sluice init\`, sluice ${version}).

| command | what it does |
| --- | --- |
| \`sluice run pipeline.ts\` | runs the pipeline until Ctrl-C |
| \`sluice check pipeline.ts\` | type-checks it (no install needed) |
| \`sluice test\` | runs \`transform.test.ts\` |
| \`npm install && npx tsc --noEmit\` | type-checks the whole project with your own TypeScript |

\`.sluice/sdk\` holds the API's type declarations and the engine as JavaScript for this sluice
version; \`node_modules/sluice\` links to it, so editors complete \`F.\` and DataFrame methods.
After installing a newer sluice, refresh it with \`sluice init . --sdk-only\`.
`;
