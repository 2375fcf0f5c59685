// @ts-check
// The dashboard: routes (#/ the list, #/query/KEY one query), the server's event stream, the
// token prompt, the theme switch and the messages area.
import { ApiError, getJson, storeToken, storedToken } from "./api.mjs";
import { h, replaceChildren } from "./dom.mjs";
import { queryList } from "./query_list.mjs";
import { QueryPage } from "./query_page.mjs";
import { Store } from "./store.mjs";

/** @typedef {import("./actions.mjs").ActionContext} ActionContext */

const store = new Store();
const main = /** @type {HTMLElement} */ (document.getElementById("main"));
const live = /** @type {HTMLElement} */ (document.getElementById("messages"));
const connection = /** @type {HTMLElement} */ (document.getElementById("connection"));
let tokenRequired = false;
/** @type {QueryPage | undefined} */
let page;

/** @type {ActionContext} */
const ctx = {
  askToken,
  notify,
  refresh: () => { getJson("/api/v1/queries").then((r) => store.setQueries(r.queries), () => {}); },
  // On a query's page, follow it to its new run.
  restarted: (runId) => { if (page) location.hash = `#/query/${encodeURIComponent(runId)}`; },
};

// ---- messages ----

/**
 * @param {string} text
 * @param {"error" | "info"} [kind]
 */
function notify(text, kind = "info") {
  const item = h("li", { class: `message ${kind}` }, h("span", {}, text),
    h("button", { type: "button", class: "dismiss", "aria-label": "Dismiss message", onclick: () => item.remove() }, "×"));
  live.append(item);
  while (live.children.length > 5) live.firstElementChild?.remove();
  if (kind === "info") setTimeout(() => item.remove(), 8000);
}

// ---- token ----

const dialog = /** @type {HTMLDialogElement} */ (document.getElementById("token-dialog"));
const tokenForm = /** @type {HTMLFormElement} */ (document.getElementById("token-form"));
const tokenInput = /** @type {HTMLInputElement} */ (document.getElementById("token-input"));
const tokenReason = /** @type {HTMLElement} */ (document.getElementById("token-reason"));
const tokenCancel = /** @type {HTMLButtonElement} */ (document.getElementById("token-cancel"));

/**
 * Asks for the admin token; resolves true once one is entered, false if the reader cancels.
 * @param {string} reason
 * @returns {Promise<boolean>}
 */
function askToken(reason) {
  tokenReason.textContent = reason;
  tokenInput.value = "";
  if (!dialog.open) dialog.showModal();
  tokenInput.focus();
  return new Promise((resolve) => {
    const done = (/** @type {boolean} */ ok) => {
      tokenForm.removeEventListener("submit", onSubmit);
      dialog.removeEventListener("cancel", onCancel);
      tokenCancel.removeEventListener("click", onCancel);
      dialog.close();
      resolve(ok);
    };
    const onSubmit = (/** @type {SubmitEvent} */ e) => {
      e.preventDefault();
      const token = tokenInput.value.trim();
      if (!token) return;
      storeToken(token);
      done(true);
    };
    // Escape, or the "Not now" button.
    const onCancel = () => done(false);
    tokenForm.addEventListener("submit", onSubmit);
    dialog.addEventListener("cancel", onCancel);
    tokenCancel.addEventListener("click", onCancel);
  });
}

// ---- theme ----

const themeButton = /** @type {HTMLButtonElement} */ (document.getElementById("theme"));
const themes = ["auto", "light", "dark"];

/** @param {string} theme */
function applyTheme(theme) {
  if (theme === "auto") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  themeButton.textContent = `Theme: ${theme}`;
  themeButton.setAttribute("aria-label", `Colour theme: ${theme}. Change it.`);
  page?.restyle();
}
themeButton.addEventListener("click", () => {
  const current = localStorage.getItem("sluice.theme") ?? "auto";
  const next = themes[(themes.indexOf(current) + 1) % themes.length] ?? "auto";
  localStorage.setItem("sluice.theme", next);
  applyTheme(next);
});
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => page?.restyle());
applyTheme(localStorage.getItem("sluice.theme") ?? "auto");

// ---- routes ----

function route() {
  // Other fragments (the skip link's #main) are in-page jumps, not routes.
  if (location.hash !== "" && !location.hash.startsWith("#/")) return;
  const m = /^#\/query\/(.+)$/.exec(location.hash);
  page?.destroy();
  page = undefined;
  if (m) {
    page = new QueryPage(main, decodeURIComponent(m[1] ?? ""), store, ctx);
  } else {
    document.title = "Streaming queries · Sluice";
    replaceChildren(main, queryList(store.queries, ctx));
  }
  main.focus({ preventScroll: true });
}

function render() {
  if (page) page.update();
  else replaceChildren(main, queryList(store.queries, ctx));
}

store.subscribe(render);
window.addEventListener("hashchange", route);

// ---- the event stream ----

function listen() {
  const events = new EventSource("/api/v1/events");
  events.addEventListener("open", () => setConnection("live", "Live"));
  events.addEventListener("error", () => setConnection("lost", "Reconnecting…"));
  events.addEventListener("queries", (e) => store.setQueries(JSON.parse(/** @type {MessageEvent} */ (e).data).queries));
  events.addEventListener("progress", (e) => {
    const d = JSON.parse(/** @type {MessageEvent} */ (e).data);
    store.addProgress(d.runId ?? d.id, d.progress);
  });
}

/**
 * @param {string} state
 * @param {string} text
 */
function setConnection(state, text) {
  connection.dataset.state = state;
  connection.textContent = text;
}

async function start() {
  route();
  try {
    const index = await getJson("/api/v1");
    tokenRequired = index.tokenRequired === true;
    document.getElementById("version")?.replaceChildren(`sluice ${index.version}`);
  } catch (e) {
    notify(`The admin API did not answer: ${e instanceof ApiError ? e.message : String(e)}`, "error");
  }
  listen();
  if (tokenRequired && !storedToken()) {
    await askToken("This server has a token (SLUICE_ADMIN_TOKEN): stopping and restarting queries need it. It is kept for this tab only.");
  }
}

void start();
