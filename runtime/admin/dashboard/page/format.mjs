// @ts-check
// How numbers, durations and times are shown.

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** @param {unknown} n */
export function count(n) {
  return typeof n === "number" && Number.isFinite(n) ? integer.format(n) : "–";
}

/** @param {unknown} n rows per second */
export function rate(n) {
  return typeof n === "number" && Number.isFinite(n) ? `${decimal.format(n)}/s` : "–";
}

/** @param {unknown} ms */
export function duration(ms) {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${integer.format(ms)} ms`;
  if (ms < 60_000) return `${decimal.format(ms / 1000)} s`;
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** @param {unknown} n */
export function bytes(n) {
  if (typeof n !== "number" || !Number.isFinite(n)) return "–";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? integer.format(v) : decimal.format(v)} ${units[i]}`;
}

/** @param {unknown} iso an ISO-8601 time */
export function time(iso) {
  if (typeof iso !== "string") return "–";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString("en-GB", { hour12: false }) + "." + String(d.getMilliseconds()).padStart(3, "0");
}

/** @param {unknown} iso */
export function dateTime(iso) {
  if (typeof iso !== "string") return "–";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 10)} ${time(iso)}`;
}

/**
 * An event-time watermark: the time of day when it is today, else date and time; "–" before the
 * first one (Spark reports 1970-01-01T00:00:00.000Z until a watermark is set).
 * @param {unknown} iso
 */
export function watermark(iso) {
  if (typeof iso !== "string" || Date.parse(iso) <= 0) return "–";
  return new Date(iso).toDateString() === new Date().toDateString() ? time(iso) : dateTime(iso);
}

/** @param {Record<string, unknown> | null} t the trigger as the API gives it */
export function trigger(t) {
  if (!t) return "–";
  if (t.kind === "processingTime") return t.intervalMs === 0 ? "as fast as possible" : `every ${duration(t.intervalMs)}`;
  if (t.kind === "availableNow") return "AvailableNow";
  if (t.kind === "once") return "Once";
  return String(t.kind);
}

/** The first 8 characters of an id, for tables (the full id is in the title). */
export function shortId(/** @type {string | null} */ id) {
  return id ? id.slice(0, 8) : "–";
}
