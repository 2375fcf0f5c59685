// Functions answering a fact of the session rather than of a row: current_user() (also user() and
// session_user()), current_catalog(), current_database() / current_schema(), version().
import { userInfo } from "node:os";
import type { ScalarFunction } from "../function_def.ts";
import { STRING } from "../../types/data_type.ts";

function contextValue(name: string, value: () => string, aliases?: string[]): ScalarFunction {
  return {
    kind: "scalar",
    name,
    aliases,
    minArgs: 0,
    maxArgs: 0,
    bind: () => {
      const v = value();
      return { type: STRING, nullable: false, args: [], nullSafe: true, impl: () => v };
    },
  };
}

/** The OS user running Sluice (Spark's CurrentUser outside Spark Connect is the process user). */
function osUser(): string {
  try {
    return process.env.USER ?? userInfo().username;
  } catch {
    return "unknown";
  }
}

export const currentUser = contextValue("current_user", osUser);
export const user = contextValue("user", osUser);
export const sessionUser = contextValue("session_user", osUser);
export const currentCatalog = contextValue("current_catalog", () => "spark_catalog");
export const currentDatabase = contextValue("current_database", () => "default", ["current_schema"]);
/** The Spark release whose semantics Sluice follows; Sluice has no Spark git revision to show. */
export const version = contextValue("version", () => "4.1.1 sluice");
