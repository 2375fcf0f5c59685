// The tutorial's file-data simulator: drops a new JSON file of transactions (or sensor readings)
// into a directory every few seconds, for a streaming file source to pick up. Each file is written
// under a hidden name (".transactions-007.json.tmp", which file sources skip) and then renamed, so
// the source never reads half a file. Numbering carries on after the files already there, with the
// same deterministic rows as scripts/sample_data.ts.
//
//   bun scripts/file_simulator.ts DIR [--interval 5] [--count N] [--rows 10] [--kind transactions|sensors]
//
// --interval is in seconds (fractions allowed); without --count it runs until Ctrl-C.
import { readdirSync } from "node:fs";
import process from "node:process";
import { parseArgs } from "node:util";
import {
  sensorFile,
  sensorFileName,
  sensorText,
  transactionFile,
  transactionFileName,
  transactionText,
  writeFileAtomically,
} from "./sample_data.ts";

export type SimulatedKind = "transactions" | "sensors";

export interface FileSimulatorOptions {
  dir: string;
  intervalMs: number;
  /** How many files to write; unlimited when absent. */
  count?: number;
  /** Rows per transaction file. */
  rows?: number;
  kind?: SimulatedKind;
  /** Called after each file is in place. */
  onFile?: (path: string) => void;
}

export interface FileSimulator {
  /** Resolves once `count` files are written, or after stop(). */
  readonly done: Promise<void>;
  stop(): void;
}

const NAME = { transactions: /^transactions-(\d+)\.json$/, sensors: /^readings-(\d+)\.json$/ };

/** The index after the highest-numbered file of this kind already in `dir` (0 if none). */
export function nextFileIndex(dir: string, kind: SimulatedKind): number {
  let next = 0;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const n of names) {
    const m = NAME[kind].exec(n);
    if (m) next = Math.max(next, Number(m[1]) + 1);
  }
  return next;
}

/** Writes one file at once, then one every `intervalMs`. */
export function startFileSimulator(o: FileSimulatorOptions): FileSimulator {
  const kind = o.kind ?? "transactions";
  let index = nextFileIndex(o.dir, kind);
  let written = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const writeOne = () => {
    const path = kind === "transactions"
      ? writeFileAtomically(o.dir, transactionFileName(index, "json"), transactionText(transactionFile(index, o.rows ?? 10), "json"))
      : writeFileAtomically(o.dir, sensorFileName(index), sensorText(sensorFile(index)));
    index++;
    written++;
    o.onFile?.(path);
    if (o.count !== undefined && written >= o.count) finish();
    else timer = setTimeout(writeOne, o.intervalMs);
  };
  writeOne();
  return {
    done,
    stop() {
      clearTimeout(timer);
      finish();
    },
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      interval: { type: "string", default: "5" },
      count: { type: "string" },
      rows: { type: "string", default: "10" },
      kind: { type: "string", default: "transactions" },
      help: { type: "boolean", short: "h" },
    },
  });
  const usage = "usage: bun scripts/file_simulator.ts DIR [--interval SECONDS=5] [--count N] [--rows 10] [--kind transactions|sensors]\n";
  if (values.help) return void process.stdout.write(usage);
  const fail = (m: string) => {
    process.stderr.write(`${m}\n${usage}`);
    process.exit(2);
  };
  const dir = positionals[0];
  if (!dir) return fail("DIR is missing");
  const seconds = Number(values.interval);
  if (!Number.isFinite(seconds) || seconds < 0) return fail(`--interval must be seconds, got '${values.interval}'`);
  const count = values.count === undefined ? undefined : Number(values.count);
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) return fail(`--count must be a positive whole number, got '${values.count}'`);
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) return fail(`--rows must be a positive whole number, got '${values.rows}'`);
  const kind = values.kind;
  if (kind !== "transactions" && kind !== "sensors") return fail(`--kind must be transactions or sensors, got '${kind}'`);

  process.stderr.write(`writing a ${kind} file into ${dir} every ${seconds} s${count === undefined ? "; Ctrl-C to stop" : ` (${count} files)`}\n`);
  const sim = startFileSimulator({ dir, intervalMs: seconds * 1000, count, rows, kind, onFile: (p) => process.stdout.write(`${p}\n`) });
  process.on("SIGINT", () => sim.stop());
  await sim.done;
}

if (import.meta.main) await main();
