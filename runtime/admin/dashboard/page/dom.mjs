// @ts-check
// Building DOM nodes from data: text always goes in as text, never as HTML.

/**
 * @typedef {string | number | Node | null | undefined | false} Child
 */

/**
 * An element with attributes (on… keys are listeners) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {(Child | Child[])[]} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

/**
 * @param {Node} parent
 * @param {(Child | Child[])[]} children
 */
export function append(parent, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/**
 * Replaces the children of `parent`, keeping keyboard focus on the element with the same
 * data-focus-key (the page re-renders on every update).
 * @param {HTMLElement} parent
 * @param {(Child | Child[])[]} children
 */
export function replaceChildren(parent, ...children) {
  const active = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.focusKey : undefined;
  parent.replaceChildren();
  append(parent, children);
  if (active) {
    const again = /** @type {HTMLElement | null} */ (parent.querySelector(`[data-focus-key="${CSS.escape(active)}"]`));
    again?.focus();
  }
}
