// df.write for a sink whose batch write is "send the rows", as Spark's Kafka batch write: Append
// and ErrorIfExists (the default) both write, Overwrite and Ignore are refused with Spark's
// message. The rows are written as one batch of a writer the sink's own create() makes (no
// checkpoint, a query id of its own), so the batch goes through the same code as a stream's.
import { randomUUID } from "node:crypto";
import { userError } from "../errors.ts";
import { defineSink, type Row, type SaveMode, type SaveWriter, type SinkDefinition } from "./contract.ts";

const SAVE_MODE_NAME: Record<SaveMode, string> = { append: "Append", overwrite: "Overwrite", ignore: "Ignore", errorifexists: "ErrorIfExists" };

/** `def` with a save() that writes the rows as one append batch; `label` names the system in errors ("Kafka"). */
export function withAppendSave<O>(def: SinkDefinition<O>, label: string): SinkDefinition<O> {
  const { kind: _kind, ...rest } = def;
  return defineSink<O>({
    ...rest,
    async save(options, ctx): Promise<SaveWriter> {
      if (ctx.mode !== "append" && ctx.mode !== "errorifexists") {
        throw userError("_LEGACY_ERROR_TEMP_3081",
          `Save mode ${SAVE_MODE_NAME[ctx.mode]} not allowed for ${label}. Allowed save modes are Append and ErrorIfExists (default).`);
      }
      const writer = await def.create(options, {
        schema: ctx.schema, queryId: randomUUID(), clock: ctx.clock, log: ctx.log, conf: ctx.conf, stdout: () => {}, session: ctx.session,
      });
      const rows: Row[] = [];
      return {
        write(chunk) {
          for (const r of chunk) rows.push(r);
        },
        async commit() {
          try {
            await writer.addBatch(0, rows, "append");
          } finally {
            await writer.stop?.();
          }
        },
        async abort() {
          await writer.stop?.();
        },
      };
    },
  });
}
