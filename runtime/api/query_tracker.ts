// Every streaming query started in this process, across sessions: the CLI waits on these, and
// Ctrl-C stops them. Kept apart from the session so the CLI needs no engine internals.

/** The part of a StreamingQuery the process-wide tracker needs. */
export interface TrackedQuery {
  readonly id: string;
  readonly name: string | null;
  readonly isActive: boolean;
  /** The error that ended the query, if it failed. */
  exception(): Error | null;
  stop(): Promise<void>;
  /** Resolves when the query has ended (stopped, finished or failed). */
  readonly ended: Promise<void>;
}

const started: TrackedQuery[] = [];
const listeners = new Set<() => void>();

export function trackQuery(q: TrackedQuery): void {
  started.push(q);
  for (const l of listeners) l();
  q.ended.then(() => { for (const l of listeners) l(); }, () => { for (const l of listeners) l(); });
}

/** All queries started in this process, in start order. */
export function startedQueries(): readonly TrackedQuery[] {
  return started;
}

export function activeQueries(): TrackedQuery[] {
  return started.filter((q) => q.isActive);
}

/** Resolves once no started query is active any more (including queries started meanwhile). */
export async function whenAllQueriesEnded(): Promise<void> {
  for (;;) {
    const active = activeQueries();
    if (active.length === 0) return;
    await Promise.allSettled(active.map((q) => q.ended));
  }
}

/** Stops every active query gracefully. */
export async function stopAllQueries(): Promise<void> {
  await Promise.allSettled(activeQueries().map((q) => q.stop()));
}

/** Calls `fn` whenever a query starts or ends. Returns an unsubscribe function. */
export function onQueriesChanged(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
