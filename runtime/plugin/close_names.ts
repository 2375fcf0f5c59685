// "Did you mean" candidates: the registered names near a misspelt one, best first. suggest() ranks
// every candidate; this keeps only those close enough for the suggestion to help.
import { editDistance, suggest } from "../errors.ts";

export function closeNames(name: string, candidates: readonly string[], max = 3): string[] {
  return suggest(name, candidates, candidates.length).filter((c) => isClose(name, c)).slice(0, max);
}

function isClose(a: string, b: string): boolean {
  const x = a.toLowerCase(), y = b.toLowerCase();
  if (x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x))) return true;
  const d = editDistance(x, y);
  // Near for the names' length, and not a rewrite of the whole of the shorter one ("m" vs "n").
  return d <= Math.max(2, Math.floor(Math.max(x.length, y.length) / 3)) && d < Math.min(x.length, y.length);
}
