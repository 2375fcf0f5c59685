// Progress of backfills (queries with an availableNow or once trigger) on stderr while `sluice run`
// waits: a bar redrawn in place on a terminal, plain lines otherwise. Built from each batch's
// progress: offsets done are sources[].endOffset against latestOffset (where an availableNow run
// stops), rows and rows/s from numInputRows and batchDuration.
import { queryInfo, type QueryTracker, type TrackedQuery } from "../api/query_tracker.ts";
import type { StreamingQueryProgress } from "../scheduler/progress.ts";

export interface ProgressIo {
  write(text: string): void;
  /** A terminal gets a bar redrawn in place; anything else gets plain lines. */
  isTerminal: boolean;
  nowMs(): number;
}

/** A terminal's bar is redrawn at most this often. */
export const redrawEveryMs = 100;
/** Plain output gets at most one line per query this often (plus the final one). */
export const plainLineEveryMs = 1000;
const barWidthChars = 24;

interface Backfill {
  label: string;
  /** Each source's offset when this run began (its first batch's startOffset). */
  base?: unknown[];
  done?: number;
  total?: number;
  rows: number;
  busyMs: number;
  batches: number;
  lastWriteMs: number;
}

export class BackfillProgress {
  readonly #io: ProgressIo;
  readonly #runs = new Map<TrackedQuery, Backfill>();
  /** A bar is on the terminal's current line. */
  #barShown = false;

  constructor(io: ProgressIo) {
    this.#io = io;
  }

  /** After each batch of any query; only backfills are shown. */
  progress(q: TrackedQuery, p: StreamingQueryProgress): void {
    const kind = queryInfo(q)?.trigger.kind;
    if (kind !== "availableNow" && kind !== "once") return;
    let run = this.#runs.get(q);
    if (!run) {
      run = { label: q.name ? `'${q.name}'` : q.id.slice(0, 8), rows: 0, busyMs: 0, batches: 0, lastWriteMs: -Infinity };
      this.#runs.set(q, run);
    }
    run.base ??= p.sources.map((s) => s.startOffset);
    run.rows += p.numInputRows;
    run.busyMs += p.batchDuration;
    run.batches++;
    const measured = measure(run.base, p);
    run.done = measured?.done;
    run.total = measured?.total;

    const now = this.#io.nowMs();
    const every = this.#io.isTerminal ? redrawEveryMs : plainLineEveryMs;
    const complete = run.total !== undefined && run.done === run.total;
    if (now - run.lastWriteMs < every && !complete) return;
    run.lastWriteMs = now;
    if (this.#io.isTerminal) {
      this.#io.write(`\r\x1b[2K${barLine(run)}`);
      this.#barShown = true;
    } else {
      this.#io.write(`${plainLine(run)}\n`);
    }
  }

  /** When a query ends: a backfill's closing line. */
  ended(q: TrackedQuery): void {
    const run = this.#runs.get(q);
    if (!run) return;
    this.#runs.delete(q);
    const how = q.exception() ? "failed" : q.stopRequested ? "stopped" : "finished";
    this.#clearBar();
    this.#io.write(`backfill ${run.label} ${how}: ${run.batches} batch${run.batches === 1 ? "" : "es"}, ${run.rows} rows` +
      `${run.busyMs > 0 ? ` in ${(run.busyMs / 1000).toFixed(1)} s (${rate(run)} rows/s)` : ""}\n`);
  }

  /** Leaves the terminal on a fresh line. */
  close(): void {
    this.#clearBar();
  }

  #clearBar(): void {
    if (this.#barShown) this.#io.write("\r\x1b[2K");
    this.#barShown = false;
  }
}

/** Subscribes a BackfillProgress to every query of `queries` (the application's); returns the unsubscribe. */
export function showBackfillProgress(io: ProgressIo, queries: QueryTracker): () => void {
  const view = new BackfillProgress(io);
  const ended = new Set<TrackedQuery>();
  const offProgress = queries.onProgress((q, p) => view.progress(q, p));
  const offChanged = queries.onChanged(() => {
    for (const q of queries.started()) {
      if (!q.isActive && !ended.has(q)) {
        ended.add(q);
        view.ended(q);
      }
    }
  });
  return () => {
    offProgress();
    offChanged();
    view.close();
  };
}

function rate(run: Backfill): number {
  return Math.round(run.rows / (run.busyMs / 1000));
}

function counts(run: Backfill): string {
  const parts: string[] = [];
  if (run.total !== undefined) parts.push(`${run.done}/${run.total} offsets`);
  parts.push(`${run.rows} rows`);
  if (run.busyMs > 0) parts.push(`${rate(run)} rows/s`);
  return parts.join(", ");
}

function percent(run: Backfill): number | undefined {
  if (run.total === undefined || run.done === undefined) return undefined;
  return run.total === 0 ? 100 : Math.floor((run.done / run.total) * 100);
}

function barLine(run: Backfill): string {
  const pct = percent(run);
  if (pct === undefined) return `backfill ${run.label} batch ${run.batches}: ${counts(run)}`;
  const filled = Math.round((pct / 100) * barWidthChars);
  return `backfill ${run.label} [${"#".repeat(filled)}${".".repeat(barWidthChars - filled)}] ${String(pct).padStart(3)}% ${counts(run)}`;
}

function plainLine(run: Backfill): string {
  const pct = percent(run);
  return `backfill ${run.label} batch ${run.batches}: ${counts(run)}${pct === undefined ? "" : ` (${pct}%)`}`;
}

/**
 * Offsets done and in total since `base`, summed over sources. An offset counts as the sum of its
 * numbers (a Kafka offset has one per partition); where it has fields named like "offset" (the
 * file source's logOffset, the rate-micro-batch source's offset next to its timestamp) only those
 * count. Offsets holding anything but numbers, or no latestOffset, leave the total unknown. A
 * source that starts from nothing (a null start offset) starts at 0, except a Spark log offset
 * ({logOffset: n}, the id of the last log entry read), which starts at -1.
 */
export function measure(base: readonly unknown[], p: StreamingQueryProgress): { done: number; total: number } | undefined {
  let done = 0;
  let total = 0;
  for (let i = 0; i < p.sources.length; i++) {
    const s = p.sources[i]!;
    if (s.latestOffset === null || s.latestOffset === undefined) return undefined;
    const end = offsetCount(s.endOffset);
    const latest = offsetCount(s.latestOffset);
    const from = (base[i] ?? null) === null ? nullOrigin(s.endOffset) : offsetCount(base[i]);
    if (from === undefined || end === undefined || latest === undefined) return undefined;
    done += end - from;
    total += latest - from;
  }
  if (p.sources.length === 0 || total < 0) return undefined;
  return { done: Math.min(Math.max(done, 0), total), total };
}

function nullOrigin(end: unknown): number {
  return typeof end === "object" && end !== null && "logOffset" in end ? -1 : 0;
}

function offsetCount(offset: unknown): number | undefined {
  if (offset === null) return 0;
  if (typeof offset === "number") return Number.isFinite(offset) ? offset : undefined;
  if (typeof offset !== "object") return undefined;
  const entries = Object.entries(offset as Record<string, unknown>);
  const named = entries.filter(([k]) => /offset/i.test(k));
  let sum = 0;
  for (const [, v] of named.length > 0 ? named : entries) {
    const n = offsetCount(v);
    if (n === undefined) return undefined;
    sum += n;
  }
  return sum;
}
