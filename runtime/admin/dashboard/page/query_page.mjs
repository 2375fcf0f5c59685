// @ts-check
// One query: what it is, live charts of its batches (Spark's Structured Streaming statistics
// page), the recent progress records, the plan, and the exception with its stack.
import { actionButtons, labelOf } from "./actions.mjs";
import { getJson, queryPath } from "./api.mjs";
import { Chart } from "./chart.mjs";
import { h, replaceChildren } from "./dom.mjs";
import { count, dateTime, duration, rate, time, trigger, watermark } from "./format.mjs";
import { statusBadge } from "./query_list.mjs";
import { chartSpecs } from "./series.mjs";

/** @typedef {import("./api.mjs").Query} Query */
/** @typedef {import("./store.mjs").Store} Store */
/** @typedef {import("./actions.mjs").ActionContext} ActionContext */

/** How many progress records the table lists, newest first. */
const recordsListed = 20;

export class QueryPage {
  /** @type {Map<string, Chart>} */
  #charts = new Map();
  /** @type {string | undefined} the run shown */
  #runId;
  /** @type {{ plan?: string | null, stack?: string | null, error?: string }} */
  #fetched = {};
  /** What the reader opened or closed, kept across re-renders. */
  /** @type {Set<string>} */
  #openRecords = new Set();
  #stackOpen = true;

  /**
   * @param {HTMLElement} root
   * @param {string} key the id, run id or name in the address
   * @param {Store} store
   * @param {ActionContext} ctx
   */
  constructor(root, key, store, ctx) {
    this.root = root;
    this.key = key;
    this.store = store;
    this.ctx = ctx;
    this.header = h("div", { class: "query-header" });
    this.facts = h("div", { class: "facts" });
    this.exception = h("div", { class: "exception-slot" });
    this.chartGrid = h("div", { class: "charts" });
    this.progressTable = h("div", { class: "progress-slot" });
    this.planSlot = h("div", { class: "plan-slot" });
    replaceChildren(root,
      h("p", { class: "crumbs" }, h("a", { href: "#/", "data-focus-key": "page:back" }, "← All queries")),
      this.header, this.exception, this.facts,
      h("section", { "aria-labelledby": "charts-title" }, h("h2", { id: "charts-title" }, "Statistics"), this.chartGrid),
      h("section", { "aria-labelledby": "progress-title" }, h("h2", { id: "progress-title" }, "Recent progress"), this.progressTable),
      h("section", { "aria-labelledby": "plan-title" }, h("h2", { id: "plan-title" }, "Plan"), this.planSlot));
    this.update();
  }

  destroy() {
    for (const c of this.#charts.values()) c.destroy();
    this.#charts.clear();
  }

  restyle() {
    for (const c of this.#charts.values()) c.restyle();
  }

  /** Shows the store's latest state for this query. */
  update() {
    const q = this.store.find(this.key);
    if (!q) {
      replaceChildren(this.header, h("h1", {}, "Query not found"),
        h("p", {}, `No active or recently ended query has the id, run id or name '${this.key}'.`));
      return;
    }
    const runId = q.runId ?? q.id;
    if (runId !== this.#runId) this.#showRun(q, runId);
    const records = this.store.progress.get(runId) ?? [];
    this.#renderHeader(q);
    this.#renderFacts(q);
    this.#renderException(q);
    this.#renderCharts(records);
    this.#renderProgress(records);
  }

  /** A new run to show (first visit, or a restart): start its charts, fetch its history and plan. */
  /** @param {Query} q @param {string} runId */
  #showRun(q, runId) {
    this.#runId = runId;
    this.#fetched = {};
    this.#openRecords.clear();
    this.destroy();
    this.chartGrid.replaceChildren();
    getJson(`${queryPath(runId)}/progress`).then((r) => this.store.addProgress(runId, r.progress), () => {});
    getJson(`${queryPath(runId)}/plan`).then((r) => { this.#fetched.plan = r.plan; this.#renderPlan(); },
      (e) => { this.#fetched.error = String(e.message ?? e); this.#renderPlan(); });
    this.#renderPlan();
    document.title = `${labelOf(q)} · Sluice`;
  }

  /** @param {Query} q */
  #renderHeader(q) {
    replaceChildren(this.header,
      h("h1", {}, labelOf(q), " ", statusBadge(q.status)),
      h("div", { class: "actions" }, actionButtons(q, this.ctx, "page", this.store.isLatestRun(q))),
      this.store.isLatestRun(q) ? null : h("p", { class: "later-run" }, "This query has run again since: ",
        h("a", { href: `#/query/${encodeURIComponent(q.id)}` }, "its latest run"), "."));
  }

  /** @param {Query} q */
  #renderFacts(q) {
    const p = q.lastProgress;
    /** @type {[string, string | Node][]} */
    const rows = [
      ["Id", q.id], ["Run id", q.runId ?? "–"], ["Started", dateTime(q.startedAt)], ["Trigger", trigger(q.trigger)],
      ["Output mode", q.outputMode ?? "–"],
      ["Sources", q.sources.map((s) => s.description ?? s.format ?? "?").join(", ") || "–"],
      ["Sink", q.sink.description ?? q.sink.format ?? "–"],
      ["Checkpoint", q.checkpointLocation ?? "none (cannot be restarted)"],
      ["Status message", q.queryStatus?.message ?? "–"],
      ["Batches", count(q.totals.batches)], ["Input rows", count(q.totals.inputRows)], ["Output rows", count(q.totals.outputRows)],
      ["Late rows dropped", count(q.totals.rowsDroppedByWatermark)],
      ["Last batch", p ? `#${p.batchId} at ${time(p.timestamp)}, ${duration(p.batchDuration)}` : "–"],
      ["Rates", p ? `${rate(p.inputRowsPerSecond)} in, ${rate(p.processedRowsPerSecond)} processed` : "–"],
      ["Watermark", watermark(p?.watermark)],
    ];
    replaceChildren(this.facts, h("dl", {}, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])));
  }

  /** @param {Query} q */
  #renderException(q) {
    const e = q.exception;
    if (!e) return replaceChildren(this.exception);
    if (this.#fetched.stack === undefined) {
      this.#fetched.stack = null;
      getJson(queryPath(q.runId ?? q.id)).then((d) => { this.#fetched.stack = d.exception?.stack ?? null; this.update(); }, () => {});
    }
    replaceChildren(this.exception, h("section", { class: "exception", role: "alert", "aria-labelledby": "exception-title" },
      h("h2", { id: "exception-title" }, "Exception"),
      h("p", { class: "exception-message" }, h("strong", {}, `[${e.code}] `), e.message, e.sqlState ? ` SQLSTATE: ${e.sqlState}` : ""),
      e.hint ? h("p", { class: "hint" }, "Hint: ", e.hint) : null,
      this.#fetched.stack ? h("details", {
        open: this.#stackOpen,
        ontoggle: (/** @type {Event} */ ev) => { this.#stackOpen = /** @type {HTMLDetailsElement} */ (ev.currentTarget).open; },
      }, h("summary", { "data-focus-key": "page:stack" }, "Stack trace"), h("pre", { class: "stack", tabindex: 0 }, this.#fetched.stack)) : null));
  }

  /** @param {Record<string, any>[]} records */
  #renderCharts(records) {
    for (const spec of chartSpecs) {
      if (spec.showIf && !spec.showIf(records)) continue;
      let chart = this.#charts.get(spec.key);
      if (!chart) {
        const plot = h("div", { class: "plot", role: "img", "data-chart": spec.key });
        this.chartGrid.append(h("figure", { class: "chart" }, h("figcaption", {}, `${spec.title} (${spec.unit})`), plot));
        chart = new Chart(plot, spec);
        this.#charts.set(spec.key, chart);
      }
      chart.update(records);
    }
    if (records.length === 0 && !this.chartGrid.querySelector(".no-batches")) {
      this.chartGrid.prepend(h("p", { class: "empty no-batches" }, "No batch has completed yet."));
    } else if (records.length > 0) {
      this.chartGrid.querySelector(".no-batches")?.remove();
    }
  }

  /** @param {Record<string, any>[]} records */
  #renderProgress(records) {
    if (records.length === 0) return replaceChildren(this.progressTable, h("p", { class: "empty" }, "No progress yet."));
    const recent = records.slice(-recordsListed).reverse();
    replaceChildren(this.progressTable, h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Recent progress" },
      h("table", { class: "progress", id: "progress-table" },
        h("thead", {}, h("tr", {}, ["Batch", "Time", "Input rows", "Input rate", "Process rate", "Duration", "Watermark", "Record"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, recent.map((p) => h("tr", { "data-batch-id": p.batchId },
          h("td", { class: "num" }, String(p.batchId)),
          h("td", {}, time(p.timestamp)),
          h("td", { class: "num" }, count(p.numInputRows)),
          h("td", { class: "num" }, rate(p.inputRowsPerSecond)),
          h("td", { class: "num" }, rate(p.processedRowsPerSecond)),
          h("td", { class: "num" }, duration(p.batchDuration)),
          h("td", {}, watermark(p.eventTime?.watermark)),
          h("td", {}, this.#record(p))))))));
  }

  /** A progress record's JSON, folded; stays open across updates once opened. @param {Record<string, any>} p */
  #record(p) {
    const key = `${p.batchId}@${p.timestamp}`;
    return h("details", {
      open: this.#openRecords.has(key),
      ontoggle: (/** @type {Event} */ ev) => {
        if (/** @type {HTMLDetailsElement} */ (ev.currentTarget).open) this.#openRecords.add(key);
        else this.#openRecords.delete(key);
      },
    }, h("summary", { "data-focus-key": `progress:${key}` }, "JSON"), h("pre", { class: "json" }, JSON.stringify(p, null, 2)));
  }

  #renderPlan() {
    const f = this.#fetched;
    replaceChildren(this.planSlot, f.error
      ? h("p", { class: "empty" }, `The plan could not be fetched: ${f.error}`)
      : f.plan === undefined ? h("p", { class: "empty" }, "Loading…")
      : f.plan === null ? h("p", { class: "empty" }, "This query cannot explain itself.")
      : h("pre", { class: "plan", tabindex: 0 }, f.plan));
  }
}
