// @ts-check
// The first page: every run, active ones first, as Spark's Structured Streaming tab lists them,
// with the figures of the latest batch.
import { actionButtons, labelOf } from "./actions.mjs";
import { h } from "./dom.mjs";
import { count, duration, rate, shortId, time, trigger, watermark } from "./format.mjs";

/** @typedef {import("./api.mjs").Query} Query */
/** @typedef {import("./actions.mjs").ActionContext} ActionContext */

/** @param {Query} q */
export const runHref = (q) => `#/query/${encodeURIComponent(q.runId ?? q.id)}`;

/** @param {string} status */
export const statusBadge = (status) => h("span", { class: `status status-${status}` }, status);

const columns = [
  "Query", "Status", "Trigger", "Input rate", "Process rate", "Last batch", "Watermark", "State rows", "Late rows dropped",
  "Kafka lag", "Error", "Actions",
];

/**
 * @param {Query[]} queries
 * @param {ActionContext} ctx
 */
export function queryList(queries, ctx) {
  const active = queries.filter((q) => q.isActive);
  const ended = queries.filter((q) => !q.isActive).reverse();
  const latest = new Set(queries.filter((q, i) => !queries.slice(i + 1).some((later) => later.id === q.id)));
  return [
    h("h1", {}, "Streaming queries"),
    section("active", `Active streaming queries (${active.length})`, active, ctx, latest, "No query is running."),
    section("completed", `Completed streaming queries (${ended.length})`, ended, ctx, latest, "No query has ended yet."),
  ];
}

/**
 * @param {string} id
 * @param {string} title
 * @param {Query[]} queries
 * @param {ActionContext} ctx
 * @param {Set<Query>} latest the latest run of each query
 * @param {string} empty
 */
function section(id, title, queries, ctx, latest, empty) {
  return h("section", { "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title` }, title),
    queries.length === 0
      ? h("p", { class: "empty" }, empty)
      : h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-labelledby": `${id}-title` },
        h("table", { class: "queries", id: `${id}-queries` },
          h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, queries.map((q) => row(q, ctx, latest.has(q)))))));
}

/**
 * @param {Query} q
 * @param {ActionContext} ctx
 * @param {boolean} latest
 */
function row(q, ctx, latest) {
  const p = q.lastProgress;
  const e = q.exception;
  return h("tr", { "data-run-id": q.runId ?? "", "data-query-id": q.id, "data-status": q.status },
    h("td", {},
      h("a", { href: runHref(q), "data-focus-key": `list:${q.runId}:open` }, labelOf(q)),
      h("div", { class: "ids" },
        h("span", { title: `id ${q.id}` }, `id ${shortId(q.id)}`), " · ",
        h("span", { title: `run id ${q.runId}` }, `run ${shortId(q.runId)}`))),
    h("td", {}, statusBadge(q.status)),
    h("td", {}, trigger(q.trigger)),
    h("td", { class: "num" }, rate(p?.inputRowsPerSecond)),
    h("td", { class: "num" }, rate(p?.processedRowsPerSecond)),
    h("td", { class: "num", title: p ? `batch ${p.batchId} at ${time(p.timestamp)}` : undefined }, p ? `#${p.batchId} · ${duration(p.batchDuration)}` : "–"),
    h("td", {}, watermark(p?.watermark)),
    h("td", { class: "num" }, p ? count(p.numRowsTotal) : "–"),
    h("td", { class: "num" }, count(q.totals.rowsDroppedByWatermark)),
    h("td", { class: "num" }, p && p.maxOffsetsBehindLatest !== null ? count(p.maxOffsetsBehindLatest) : "–"),
    h("td", { class: "error-cell" }, e ? h("span", { class: "error-text", title: `[${e.code}] ${e.message}` }, `[${e.code}] ${e.message}`) : ""),
    h("td", { class: "actions" }, actionButtons(q, ctx, "list", latest)));
}
