// @ts-check
// The numbers each chart plots, taken from Spark's progress records (the fields Spark's
// Structured Streaming tab plots, plus watermark lag, late rows and source lag).

/** @typedef {Record<string, any>} Progress */

/** The durationMs parts a batch's time is split into, in the order they happen. */
export const durationParts = ["latestOffset", "getBatch", "queryPlanning", "addBatch", "walCommit", "commitOffsets"];

/** @param {Progress} p */
const stateOps = (p) => /** @type {Record<string, number>[]} */ (Array.isArray(p.stateOperators) ? p.stateOperators : []);

/**
 * @param {Progress} p
 * @param {string} field
 */
function stateSum(p, field) {
  const ops = stateOps(p);
  return ops.length === 0 ? null : ops.reduce((n, op) => n + (typeof op[field] === "number" ? op[field] : 0), 0);
}

/** @param {unknown} v */
const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Seconds since the epoch of the batch (the charts' x axis). @param {Progress} p */
export const batchTime = (p) => Date.parse(p.timestamp) / 1000;

/** @param {Progress} p */
export function watermarkLagSeconds(p) {
  const w = p.eventTime?.watermark;
  // Until a watermark is set Spark reports the epoch; its statistics page leaves those batches out.
  if (typeof w !== "string" || !(Date.parse(w) > 0)) return null;
  const lag = Date.parse(p.timestamp) - Date.parse(w);
  return Number.isFinite(lag) ? lag / 1000 : null;
}

/** @param {Progress} p */
export function sourceLag(p) {
  const lags = (Array.isArray(p.sources) ? p.sources : [])
    .map((/** @type {any} */ s) => Number(s?.metrics?.maxOffsetsBehindLatest))
    .filter((n) => Number.isFinite(n));
  return lags.length === 0 ? null : Math.max(...lags);
}

/**
 * @typedef {{ label: string, value: (p: Progress) => number | null, axis?: "right" }} Line
 * @typedef {{ key: string, title: string, unit: string, lines: Line[], stacked?: boolean, showIf?: (ps: Progress[]) => boolean }} ChartSpec
 */

/** @type {ChartSpec[]} */
export const chartSpecs = [
  {
    key: "rates", title: "Input rate vs process rate", unit: "rows/s",
    lines: [
      { label: "Input rate", value: (p) => num(p.inputRowsPerSecond) },
      { label: "Process rate", value: (p) => num(p.processedRowsPerSecond) },
    ],
  },
  { key: "input", title: "Input rows", unit: "rows", lines: [{ label: "Input rows", value: (p) => num(p.numInputRows) }] },
  {
    key: "duration", title: "Batch duration", unit: "ms", stacked: true,
    lines: durationParts.map((part) => ({ label: part, value: (/** @type {Progress} */ p) => num(p.durationMs?.[part]) ?? 0 })),
  },
  {
    key: "state", title: "State rows", unit: "rows",
    lines: [
      { label: "Total", value: (p) => stateSum(p, "numRowsTotal") },
      { label: "Updated", value: (p) => stateSum(p, "numRowsUpdated") },
      { label: "Removed", value: (p) => stateSum(p, "numRowsRemoved") },
      { label: "Memory (bytes)", value: (p) => stateSum(p, "memoryUsedBytes"), axis: "right" },
    ],
    showIf: (ps) => ps.some((p) => stateOps(p).length > 0),
  },
  {
    key: "watermark", title: "Watermark lag", unit: "s", lines: [{ label: "Batch time − watermark", value: watermarkLagSeconds }],
    showIf: (ps) => ps.some((p) => watermarkLagSeconds(p) !== null),
  },
  {
    key: "late", title: "Late rows dropped", unit: "rows", lines: [{ label: "Dropped by watermark", value: (p) => stateSum(p, "numRowsDroppedByWatermark") }],
    showIf: (ps) => ps.some((p) => stateOps(p).length > 0),
  },
  {
    key: "lag", title: "Source lag", unit: "offsets", lines: [{ label: "Max offsets behind latest", value: sourceLag }],
    showIf: (ps) => ps.some((p) => sourceLag(p) !== null),
  },
];

/**
 * uPlot's data for a chart: x values, then one array per line (stacked charts: cumulative sums,
 * with the plain values returned apart for the legend).
 * @param {ChartSpec} spec
 * @param {Progress[]} records oldest first
 * @returns {{ data: (number | null)[][], raw: (number | null)[][] }}
 */
export function seriesOf(spec, records) {
  const x = records.map(batchTime);
  const raw = spec.lines.map((line) => records.map((p) => line.value(p)));
  if (!spec.stacked) return { data: [x, ...raw], raw };
  const stacked = raw.map((_, i) => records.map((_, j) => raw.slice(0, i + 1).reduce((n, r) => n + (r[j] ?? 0), 0)));
  return { data: [x, ...stacked], raw };
}
