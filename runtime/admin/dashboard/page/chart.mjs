// @ts-check
// One uPlot chart of a run's progress records. Colours come from the page's CSS variables so the
// charts follow the light or dark theme; the container says how many batches it plots
// (data-points) for people and tests that cannot read a canvas.
import uPlot from "./uPlot.esm.js";
import { bytes } from "./format.mjs";
import { seriesOf } from "./series.mjs";

/** @typedef {import("./series.mjs").ChartSpec} ChartSpec */
/** @typedef {import("./series.mjs").Progress} Progress */

const heightPx = 190;
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** @param {string} name */
const cssVar = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** @param {number | null} v */
const plain = (v) => (v === null || v === undefined ? "–" : compact.format(v));

export class Chart {
  /** @type {uPlot | undefined} */
  #plot;
  /** @type {(number | null)[][]} */
  #raw = [];
  #observer;

  /**
   * @param {HTMLElement} container
   * @param {ChartSpec} spec
   */
  constructor(container, spec) {
    this.container = container;
    this.spec = spec;
    this.#observer = new ResizeObserver(() => {
      if (this.#plot) this.#plot.setSize({ width: this.#width(), height: heightPx });
    });
    this.#observer.observe(container);
  }

  #width() {
    return Math.max(240, this.container.clientWidth);
  }

  /** @param {Progress[]} records oldest first */
  update(records) {
    const { data, raw } = seriesOf(this.spec, records);
    this.#raw = raw;
    this.container.dataset.points = String(records.length);
    const last = records[records.length - 1];
    this.container.dataset.lastBatch = last ? String(last.batchId) : "";
    this.container.setAttribute("aria-label", this.#summary(records));
    const aligned = /** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (data));
    if (this.#plot) this.#plot.setData(aligned);
    else if (records.length > 0) this.#plot = new uPlot(this.#options(), aligned, this.container);
    this.#fitSinglePoint();
  }

  /** uPlot spans a lone time point over 1000 days; a minute around it reads better. */
  #fitSinglePoint() {
    const xs = this.#plot?.data[0];
    if (this.#plot && xs && xs.length === 1 && typeof xs[0] === "number") this.#plot.setScale("x", { min: xs[0] - 30, max: xs[0] + 30 });
  }

  /** Rebuilds the chart with the current theme's colours. */
  restyle() {
    if (!this.#plot) return;
    const data = this.#plot.data;
    this.#plot.destroy();
    this.#plot = new uPlot(this.#options(), data, this.container);
    this.#fitSinglePoint();
  }

  destroy() {
    this.#observer.disconnect();
    this.#plot?.destroy();
    this.#plot = undefined;
  }

  /** The latest values in words (the chart's accessible name). @param {Progress[]} records */
  #summary(records) {
    const i = records.length - 1;
    if (i < 0) return `${this.spec.title}: no batches yet`;
    const parts = this.spec.lines.map((line, k) => `${line.label} ${plain(this.#raw[k]?.[i] ?? null)}`);
    return `${this.spec.title} (${this.spec.unit}), batch ${records[i]?.batchId}: ${parts.join(", ")}`;
  }

  /** @returns {uPlot.Options} */
  #options() {
    const fg = cssVar("--fg-muted") || "#666";
    const grid = cssVar("--grid") || "#ddd";
    const colours = [1, 2, 3, 4, 5, 6, 7].map((n) => cssVar(`--series-${n}`) || "#888");
    const stacked = this.spec.stacked === true;
    const hasRight = this.spec.lines.some((l) => l.axis === "right");
    /** @type {uPlot.Series[]} */
    const series = [{ label: "time" }];
    this.spec.lines.forEach((line, i) => {
      const colour = colours[i % colours.length];
      series.push({
        label: line.label,
        stroke: colour,
        width: 1.5,
        scale: line.axis === "right" ? "right" : "y",
        fill: stacked ? colour + "55" : undefined,
        spanGaps: true,
        // Stacked charts plot running sums; the legend shows each part's own value.
        value: (_u, _v, si, idx) => {
          const v = idx === null ? null : this.#raw[si - 1]?.[idx] ?? null;
          return line.axis === "right" ? bytes(v) : plain(v);
        },
      });
    });
    const axis = (/** @type {Partial<uPlot.Axis>} */ extra) => ({ stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, ...extra });
    /** @type {uPlot.Axis[]} */
    const axes = [
      axis({}),
      axis({ scale: "y", size: 56, values: (_u, vals) => vals.map((v) => compact.format(v)) }),
    ];
    if (hasRight) axes.push(axis({ scale: "right", side: 1, size: 64, grid: { show: false }, values: (_u, vals) => vals.map((v) => bytes(v)) }));
    return {
      width: this.#width(),
      height: heightPx,
      series,
      axes,
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
      // Stacked areas: each part fills down to the one under it.
      bands: stacked ? this.spec.lines.slice(1).map((_, i) => ({ series: [i + 2, i + 1] })) : [],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    };
  }
}
