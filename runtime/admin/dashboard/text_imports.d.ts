// What `import x from "…" with { type: "text" }` gives for the dashboard's files: their text.
// (The page's own modules are type-checked apart, by page/tsconfig.json.)
declare module "*.mjs" {
  const text: string;
  export default text;
}
declare module "*.css" {
  const text: string;
  export default text;
}
declare module "uplot/dist/uPlot.esm.js" {
  const text: string;
  export default text;
}
