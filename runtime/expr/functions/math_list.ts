// Math functions beyond the core list; functions/mod.ts merges the lists.
import type { ScalarFunction } from "../function_def.ts";
import { shiftFunctions } from "./shift.ts";
import { fn as bitCount } from "./bit_count.ts";
import { fn as bitGet } from "./bit_get.ts";
import { fn as acos } from "./acos.ts";
import { fn as acosh } from "./acosh.ts";
import { fn as asin } from "./asin.ts";
import { fn as asinh } from "./asinh.ts";
import { fn as atan } from "./atan.ts";
import { fn as atan2 } from "./atan2.ts";
import { fn as atanh } from "./atanh.ts";
import { fn as bin } from "./bin.ts";
import { fn as cbrt } from "./cbrt.ts";
import { fn as conv } from "./conv.ts";
import { fn as cos } from "./cos.ts";
import { fn as cosh } from "./cosh.ts";
import { fn as cot } from "./cot.ts";
import { fn as csc } from "./csc.ts";
import { fn as degrees } from "./degrees.ts";
import { fn as e } from "./e.ts";
import { fn as expm1 } from "./expm1.ts";
import { fn as factorial } from "./factorial.ts";
import { fn as hypot } from "./hypot.ts";
import { fn as log1p } from "./log1p.ts";
import { fn as nanvl } from "./nanvl.ts";
import { fn as pi } from "./pi.ts";
import { fn as radians } from "./radians.ts";
import { fn as rint } from "./rint.ts";
import { fn as sec } from "./sec.ts";
import { fn as signum } from "./signum.ts";
import { fn as sin } from "./sin.ts";
import { fn as sinh } from "./sinh.ts";
import { fn as tan } from "./tan.ts";
import { fn as tanh } from "./tanh.ts";
import { fn as widthBucket } from "./width_bucket.ts";

export const mathFunctions: ScalarFunction[] = [
  acos, acosh, asin, asinh, atan, atan2, atanh, bin, cbrt, conv, cos, cosh, cot, csc, degrees, e, expm1, factorial, hypot,
  log1p, nanvl, pi, radians, rint, sec, signum, sin, sinh, tan, tanh, widthBucket, ...shiftFunctions, bitCount, bitGet,
];
