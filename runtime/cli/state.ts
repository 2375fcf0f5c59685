// `sluice state show CHECKPOINT`: a checkpoint's stateful operators (the state-metadata source's
// rows) and each operator's state (the statestore source's rows), as show() tables, so a user can
// see what a query keeps without writing a program.
import { showString } from "../api/show_string.ts";
import type { Row } from "../plugin/contract.ts";
import { METADATA_SCHEMA, stateMetadataRows, stateStoreRows, stateStoreSchema } from "../state/state_data_source.ts";
import type { StateArgs } from "./args.ts";

/** Rows a show() table prints at most per operator. */
export const STATE_SHOW_MAX_ROWS = 1000;
/** Cells are cut to this many characters, as show(truncate=…) does. */
export const STATE_SHOW_TRUNCATE = 60;

export function stateText(args: StateArgs): string {
  const meta = stateMetadataRows(args.checkpoint);
  let out = `Stateful operators of ${args.checkpoint}:\n` + showString(METADATA_SCHEMA, meta, meta.length, 0, "UTC");
  const wanted = (r: Row) => (args.operatorId === undefined || r[0] === args.operatorId) && r[2] === (args.storeName ?? r[2]);
  const targets = meta.filter(wanted);
  if (targets.length === 0) {
    const which = args.operatorId === undefined ? "" : ` operator ${args.operatorId}`;
    return out + `\nNo${which} state${args.storeName ? ` in store ${args.storeName}` : ""} in this checkpoint.\n`;
  }
  for (const t of targets) {
    const options = {
      path: args.checkpoint, operatorId: String(t[0]), storeName: String(t[2]), ...(args.batchId === undefined ? {} : { batchId: String(args.batchId) }),
    };
    const schema = stateStoreSchema(options);
    const rows = stateStoreRows(options);
    const batch = args.batchId ?? t[5];
    out += `\nOperator ${t[0]} (${t[1]}), store ${t[2]}, after batch ${batch}: ${rows.length} key${rows.length === 1 ? "" : "s"}\n`;
    out += showString(schema, rows, STATE_SHOW_MAX_ROWS, STATE_SHOW_TRUNCATE, "UTC");
  }
  return out;
}
