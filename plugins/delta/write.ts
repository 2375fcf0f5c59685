// One write into a table, streaming batch or df.write alike: plan the metadata, write the rows'
// data files chunk by chunk, then commit the files (and the removal of the old ones when the
// write replaces the table) in one transaction.
import { resolve } from "node:path";
import type { Action, RemoveFile, SetTransaction } from "./actions.ts";
import { removeOf } from "./actions.ts";
import { DataFileWriter } from "./data_writer.ts";
import { appendOnly } from "./errors.ts";
import { isAppendOnly } from "./features.ts";
import { Transaction, type Operation, type TransactionContext } from "./transaction.ts";
import { planWrite, type WriteSettings } from "./write_plan.ts";
import type { Row, StructType } from "sluice/plugin-sdk";

export interface TableWriteRequest extends Omit<WriteSettings, "nowMs"> {
  table: string;
  data: StructType;
  maxRowsPerFile?: number;
  /** Recorded with the commit for exactly-once streaming writes. */
  txn?: { appId: string; version: number };
  operation(metrics: Record<string, string>): Operation;
}

export interface TableWrite {
  /** False when the txn version was committed before: rows are dropped and nothing is committed. */
  readonly active: boolean;
  write(rows: readonly Row[]): void;
  /** Commits; returns the version written (undefined when the write was skipped). */
  commit(): number | undefined;
  abort(): void;
}

/** Starts a write (metadata checks happen here, before any row is read). */
export function beginTableWrite(req: TableWriteRequest, ctx: TransactionContext): TableWrite {
  const table = resolve(req.table);
  const txn = new Transaction(table, ctx);
  const now = ctx.nowMs();
  const plan = planWrite(txn, req.data, { ...req, nowMs: now });
  if (req.txn && txn.txnVersion(req.txn.appId) >= req.txn.version) {
    ctx.log?.info(`Delta: skipping already complete epoch ${req.txn.version}, in query ${req.txn.appId}`);
    return { active: false, write() {}, commit: () => undefined, abort() {} };
  }
  const removes: RemoveFile[] = [];
  if (req.overwrite && txn.snapshot) {
    if (isAppendOnly(txn.snapshot.protocol, txn.snapshot.metadata) && txn.snapshot.files.size > 0) throw appendOnly();
    txn.readsWholeTable = true;
    for (const f of txn.snapshot.files.values()) removes.push(removeOf(f, now));
  }
  const md = txn.metadata!;
  const indexed = md.configuration?.["delta.dataSkippingNumIndexedCols"];
  const writer = new DataFileWriter({
    table, schema: plan.schema, partitionColumns: plan.partitionColumns, timeZone: req.timeZone, maxRowsPerFile: req.maxRowsPerFile,
    indexedColumns: indexed === undefined ? undefined : Number(indexed),
  });
  const adapt = plan.adapt;
  let done = false;
  return {
    active: true,
    write(rows) {
      writer.write(adapt ? rows.map(adapt) : rows);
    },
    commit() {
      if (done) return undefined;
      done = true;
      try {
        const adds = writer.finish();
        const actions: Action[] = [];
        if (req.txn) actions.push({ txn: { appId: req.txn.appId, version: req.txn.version, lastUpdated: ctx.nowMs() } satisfies SetTransaction });
        for (const a of adds) actions.push({ add: a });
        for (const r of removes) actions.push({ remove: r });
        const metrics: Record<string, string> = {
          numFiles: String(adds.length), numOutputRows: String(writer.numOutputRows), numOutputBytes: String(writer.numOutputBytes),
          numAddedFiles: String(adds.length), numRemovedFiles: String(removes.length),
          numRemovedBytes: String(removes.reduce((s, r) => s + (r.size ?? 0), 0)),
        };
        return txn.commit(actions, req.operation(metrics));
      } catch (e) {
        writer.discard();
        throw e;
      }
    },
    abort() {
      if (done) return;
      done = true;
      writer.discard();
    },
  };
}
