// dayname(date) / monthname(date): the three-letter English name ('Mon', 'Jan').
import { castArgs } from "../coercion.ts";
import { isoDayOfWeek, monthOfDays } from "../datetime/civil_date.ts";
import type { ScalarFunction } from "../function_def.ts";
import { DATE, STRING } from "../../types/data_type.ts";

const DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function nameFunction(name: "dayname" | "monthname"): ScalarFunction {
  return {
    kind: "scalar",
    name,
    minArgs: 1,
    maxArgs: 1,
    bind(args, ctx) {
      const typed = castArgs(args, [DATE], ctx);
      const impl = name === "dayname" ? (d: number) => DAY[isoDayOfWeek(d) - 1]! : (d: number) => MONTH[monthOfDays(d) - 1]!;
      return { type: STRING, nullable: typed[0]!.nullable, args: typed, impl };
    },
  };
}
