// @ts-check
// Stop and restart buttons, and what they say when the server refuses.
import { ApiError, postJson, queryPath } from "./api.mjs";
import { h } from "./dom.mjs";

/** @typedef {import("./api.mjs").Query} Query */

/**
 * @typedef {{
 *   askToken: (reason: string) => Promise<boolean>,
 *   notify: (text: string, kind?: "error" | "info") => void,
 *   refresh: () => void,
 *   restarted: (runId: string) => void,
 * }} ActionContext
 */

/** @param {Query} q */
export const labelOf = (q) => q.name ?? q.id;

/**
 * The buttons that fit the query's state: Stop for a running one, Restart for the latest run of a
 * query that has ended and can restart (an earlier run's query has run again since).
 * @param {Query} q
 * @param {ActionContext} ctx
 * @param {string} where a prefix that keeps focus keys apart (list, page)
 * @param {boolean} latest whether q is its query's latest run
 */
export function actionButtons(q, ctx, where, latest) {
  const key = `${where}:${q.runId ?? q.id}`;
  const buttons = [];
  if (q.isActive) {
    buttons.push(h("button", {
      type: "button", class: "action stop", "data-focus-key": `${key}:stop`, "aria-label": `Stop query ${labelOf(q)}`,
      disabled: q.status === "stopping",
      onclick: (/** @type {Event} */ e) => run(/** @type {HTMLButtonElement} */ (e.currentTarget), ctx, "stop", q),
    }, q.status === "stopping" ? "Stopping…" : "Stop"));
  } else if (q.restartable && latest) {
    buttons.push(h("button", {
      type: "button", class: "action restart", "data-focus-key": `${key}:restart`, "aria-label": `Restart query ${labelOf(q)}`,
      onclick: (/** @type {Event} */ e) => run(/** @type {HTMLButtonElement} */ (e.currentTarget), ctx, "restart", q),
    }, "Restart"));
  }
  return buttons;
}

/**
 * @param {HTMLButtonElement} button
 * @param {ActionContext} ctx
 * @param {"stop" | "restart"} action
 * @param {Query} q
 */
async function run(button, ctx, action, q) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  // A restart addresses the query (its latest run); a stop the run shown.
  const target = action === "restart" ? q.id : q.runId ?? q.id;
  try {
    for (;;) {
      try {
        const r = await postJson(`${queryPath(target)}/${action}`, { waitMs: 10000 });
        ctx.notify(action === "stop" ? `Query ${labelOf(q)} is ${r.status}.` : `Query ${labelOf(q)} restarted: run ${r.runId} is ${r.status}.`, "info");
        if (action === "restart") ctx.restarted(r.runId);
        break;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401 && (await ctx.askToken(e.message))) continue;
        throw e;
      }
    }
  } catch (e) {
    const text = e instanceof ApiError ? `${e.message}${e.hint ? ` ${e.hint}` : ""}` : String(e);
    ctx.notify(`Could not ${action} ${labelOf(q)}: ${text}`, "error");
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    ctx.refresh();
  }
}
