// The dashboard's files, embedded: text imports put them into the compiled binary (bun build
// --compile inlines them), and Bun and Deno read them the same way when running from source, so
// the page never needs the network or a separate build step. uPlot comes from its npm package.
import { createHash } from "node:crypto";
import uPlotCss from "uplot/dist/uPlot.min.css" with { type: "text" };
import uPlotJs from "uplot/dist/uPlot.esm.js" with { type: "text" };
import actions from "./page/actions.mjs" with { type: "text" };
import api from "./page/api.mjs" with { type: "text" };
import chart from "./page/chart.mjs" with { type: "text" };
import css from "./page/dashboard.css" with { type: "text" };
import dom from "./page/dom.mjs" with { type: "text" };
import format from "./page/format.mjs" with { type: "text" };
import main from "./page/main.mjs" with { type: "text" };
import queryList from "./page/query_list.mjs" with { type: "text" };
import queryPage from "./page/query_page.mjs" with { type: "text" };
import series from "./page/series.mjs" with { type: "text" };
import store from "./page/store.mjs" with { type: "text" };

export interface Asset {
  body: string;
  type: string;
  /** A strong validator (hash of the body), for If-None-Match. */
  etag: string;
}

const javascript = "text/javascript; charset=utf-8";
const stylesheet = "text/css; charset=utf-8";

const files: Record<string, [string, string]> = {
  "actions.mjs": [actions, javascript],
  "api.mjs": [api, javascript],
  "chart.mjs": [chart, javascript],
  "dashboard.css": [css, stylesheet],
  "dom.mjs": [dom, javascript],
  "format.mjs": [format, javascript],
  "main.mjs": [main, javascript],
  "query_list.mjs": [queryList, javascript],
  "query_page.mjs": [queryPage, javascript],
  "series.mjs": [series, javascript],
  "store.mjs": [store, javascript],
  "uPlot.esm.js": [uPlotJs, javascript],
  "uPlot.min.css": [uPlotCss, stylesheet],
};

const etagOf = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;

/** The files under /assets/, by name. */
export const dashboardAssets: ReadonlyMap<string, Asset> = new Map(
  Object.entries(files).map(([name, [body, type]]) => [name, { body, type, etag: etagOf(body) }]),
);

/** The page may load its own files only; no inline script, no framing. */
export const dashboardCsp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The page at /: the shell the modules fill in. */
export function dashboardHtml(version: string): Asset {
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Streaming queries · Sluice</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/uPlot.min.css">
<link rel="stylesheet" href="/assets/dashboard.css">
<script type="module" src="/assets/main.mjs"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="#/">Sluice</a>
  <span id="version">sluice ${escapeHtml(version)}</span>
  <span class="spacer"></span>
  <span id="connection" data-state="connecting" role="status">Connecting…</span>
  <button type="button" id="theme">Theme: auto</button>
</header>
<main id="main" tabindex="-1"><p class="empty">Loading…</p></main>
<ul id="messages" aria-live="polite" aria-label="Messages"></ul>
<dialog id="token-dialog" aria-labelledby="token-title">
  <form id="token-form" method="dialog">
    <h2 id="token-title">Admin token</h2>
    <p id="token-reason"></p>
    <label for="token-input">Token (SLUICE_ADMIN_TOKEN)</label>
    <input id="token-input" type="password" autocomplete="off" required>
    <div class="buttons">
      <button type="button" id="token-cancel">Not now</button>
      <button type="submit">Use token</button>
    </div>
  </form>
</dialog>
<noscript><p>The dashboard needs JavaScript; the API is at <a href="/api/v1">/api/v1</a>.</p></noscript>
</body>
</html>
`;
  return { body, type: "text/html; charset=utf-8", etag: etagOf(body) };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
