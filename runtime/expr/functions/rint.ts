// rint(x): x rounded to the nearest integer as a double, ties to even (Math.rint).
import { unaryMath } from "./unary_math.ts";

export function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  // Math.round rounds ties up; Math.rint rounds them to the even neighbour.
  const tie = r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  return tie === 0 && (x < 0 || Object.is(x, -0)) ? -0 : tie;
}

export const fn = unaryMath("rint", rint);
export default fn;
