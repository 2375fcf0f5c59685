// @ts-check
// What the page knows: the latest summaries of every run, and the progress records of runs it
// has looked at, fed by GET requests and the server's events.

/** @typedef {import("./api.mjs").Query} Query */
/** @typedef {Record<string, any>} Progress */

/** How many progress records the page keeps per run (the server keeps the latest 100 by default). */
export const maxRecordsKept = 1000;

export class Store {
  /** @type {Query[]} */
  queries = [];
  /** @type {Map<string, Progress[]>} by run id */
  progress = new Map();
  /** @type {Set<() => void>} */
  #listeners = new Set();

  /** @param {() => void} fn */
  subscribe(fn) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #changed() {
    for (const fn of this.#listeners) fn();
  }

  /** @param {Query[]} queries */
  setQueries(queries) {
    this.queries = queries;
    this.#changed();
  }

  /**
   * Adds records of one run, keeping batch order and dropping ones it has.
   * @param {string} runId
   * @param {Progress[]} records
   */
  addProgress(runId, records) {
    const have = this.progress.get(runId) ?? [];
    const seen = new Set(have.map(key));
    const merged = [...have, ...records.filter((r) => !seen.has(key(r)))];
    merged.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || a.batchId - b.batchId);
    this.progress.set(runId, merged.slice(-maxRecordsKept));
    this.#changed();
  }

  /**
   * Whether no later run of the same query is known.
   * @param {Query} q
   */
  isLatestRun(q) {
    const runs = this.queries.filter((r) => r.id === q.id);
    return runs[runs.length - 1] === q;
  }

  /**
   * The run a key names: a run id, else the latest run of a query id or name.
   * @param {string} key
   * @returns {Query | undefined}
   */
  find(key) {
    const byRun = this.queries.find((q) => q.runId === key);
    if (byRun) return byRun;
    const byId = this.queries.filter((q) => q.id === key);
    if (byId.length) return byId[byId.length - 1];
    const named = this.queries.filter((q) => q.name === key);
    return named.find((q) => q.isActive) ?? named[named.length - 1];
  }
}

/** @param {Progress} p */
const key = (p) => `${p.batchId}@${p.timestamp}`;
