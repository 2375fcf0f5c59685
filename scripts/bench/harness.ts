// How every benchmark runs its sides: each side (Sluice, the hand-written loop, …) in a process of
// its own, so neither inherits the other's heap; the sides alternate (A B A B …) so machine noise
// falls on both alike; the figures are medians of the runs, with each side's peak RSS.
//
// A benchmark script is both the parent and the child: run without --side it calls alternate(),
// which runs the script again with `--side NAME` once per side and run; the child does one run and
// reports its figures with reportSide() as its last line of output.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const RESULT = "BENCH-SIDE ";

/** The side this process runs (--side NAME), or undefined in the parent. */
export function sideArg(argv: readonly string[] = process.argv): string | undefined {
  const i = argv.indexOf("--side");
  return i < 0 ? undefined : argv[i + 1];
}

/** The positional arguments (without --side NAME). */
export function positional(argv: readonly string[] = process.argv.slice(2)): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--side") i++;
    else out.push(argv[i]!);
  }
  return out;
}

/**
 * This process's peak resident set size, in MB: Linux's VmHWM (the high-water mark of this
 * program's memory; getrusage's maxRSS would carry over the parent's peak across exec), else
 * getrusage.
 */
export function peakRssMb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // Not Linux: getrusage below.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * CPU seconds (user + system, every thread of this process) since `from`, a process.cpuUsage()
 * reading. Wall time on a shared machine also counts the time other processes held the cores;
 * CPU time barely moves with them, so a ratio of CPU times is the steadier figure there.
 */
export function cpuSecondsSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return Number(((d.user + d.system) / 1e6).toFixed(3));
}

/** Prints a child's figures (with its peak RSS) as the line the parent reads, then exits. */
export function reportSide(figures: Record<string, number | string>): never {
  console.log(RESULT + JSON.stringify({ ...figures, peakRssMb: peakRssMb() }));
  process.exit(0);
}

export type Figures = Record<string, number>;

/**
 * Runs `script` once per side and run, alternating sides, each in a fresh `bun` process with
 * `--side NAME` and `args` (or the arguments of run n); returns each side's figures per run. A
 * child that fails stops the benchmark with its output.
 */
export function alternate(
  script: string, sides: readonly string[], runs: number, args: readonly string[] | ((run: number) => readonly string[]), env: Record<string, string> = {},
): Record<string, Figures[]> {
  const out: Record<string, Figures[]> = Object.fromEntries(sides.map((s) => [s, []]));
  for (let run = 0; run < runs; run++) {
    // A B, then B A: neither side always goes first.
    const order = run % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const r = spawnSync(process.execPath, [script, ...(typeof args === "function" ? args(run) : args), "--side", side], {
        encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024,
      });
      const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith(RESULT));
      if (r.status !== 0 || line === undefined) {
        throw new Error(`side ${side}, run ${run + 1} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
      }
      const figures = JSON.parse(line.slice(RESULT.length)) as Figures;
      out[side]!.push(figures);
      console.log(`run ${run + 1} ${side}: ${JSON.stringify(figures)}`);
    }
  }
  return out;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The median of figure `key` over a side's runs. */
export function medianOf(runs: readonly Figures[], key: string): number {
  return median(runs.map((r) => r[key]!));
}
