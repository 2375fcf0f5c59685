// An executor worker thread: builds the plans the main thread sends (as recipes), keeps for each
// query the fragment it runs (a scan and the fused pipeline above it, up to a partial aggregate)
// and the query's source reader, and runs one input split at a time, answering with the
// fragment's output rows, the split's input row count and its event-time figures.
import { parentPort } from "node:worker_threads";
import { SluiceError } from "../../errors.ts";
import { buildExecutable, type Executable } from "../executable.ts";
import { streamBatchContext } from "../batch_context.ts";
import { CHUNK_MAX_ROWS } from "../chunks.ts";
import { planQuery, type QueryPlan } from "../../planner/mod.ts";
import { physicalTree } from "../../planner/explain.ts";
import { workerFragment } from "../../planner/worker_fragment.ts";
import { sourcesOf } from "../../plan/plan.ts";
import { PluginRegistry } from "../../plugin/registry.ts";
import { registerBuiltins } from "../../plugin/builtins.ts";
import { validateOptions } from "../../plugin/validate_options.ts";
import type { Row, SourceReader } from "../../plugin/contract.ts";
import { systemClock } from "../../platform/system_clock.ts";
import { replay } from "./plan_recipe.ts";
import type { ExecReply, ExecRequest, LogLine, PrepareRequest, RunRequest, WireError } from "./messages.ts";

interface Prepared {
  /** What the query's reader logged since the last reply. */
  logs: LogLine[];
  exec: Executable;
  reader: SourceReader;
  sourceId: number;
}

const queries = new Map<string, Prepared>();
let registry: PluginRegistry | undefined;
const logTo = (logs: LogLine[]) => ({
  info: (message: string) => void logs.push({ level: "info", message }),
  warn: (message: string) => void logs.push({ level: "warn", message }),
});

function wireError(e: unknown): WireError {
  if (e instanceof SluiceError) {
    return { name: e.name, message: e.message, code: e.code, bareMessage: e.bareMessage, hint: e.hint, kind: e.kind, sqlState: e.sqlState, stack: e.stack };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, stack: err.stack };
}

async function prepare(req: PrepareRequest, logs: LogLine[]): Promise<void> {
  const log = logTo(logs);
  const conf = (k: string) => req.conf[k];
  const ctx = {
    timeZone: req.conf["spark.sql.session.timeZone"] ?? "UTC",
    ansi: req.conf["spark.sql.ansi.enabled"] !== "false",
    caseSensitive: req.conf["spark.sql.caseSensitive"] === "true",
    conf,
  };
  if (registry === undefined) {
    registry = new PluginRegistry();
    registerBuiltins(registry);
  }
  const reg = registry;
  const analyzed = replay(req.recipe, ctx);
  const plans: QueryPlan = planQuery(analyzed, {
    outputMode: req.outputMode,
    shufflePartitions: req.shufflePartitions,
    pushdownOf: (format) => (reg.find("source", format)?.definition as { pushdown?: { columns?: boolean; filters?: boolean } } | undefined)?.pushdown,
  });
  const fragment = workerFragment(plans.physical);
  const text = fragment === undefined ? "(none)" : physicalTree(fragment);
  if (text !== req.fragmentText) {
    throw new Error(`the worker planned another fragment:\n${text}\ninstead of:\n${req.fragmentText}`);
  }
  const node = sourcesOf(plans.optimized).find((n) => n.streaming)!;
  const def = reg.source(node.source.format);
  const options = validateOptions(def, node.source.options, { engineOptions: ["path"] });
  const reader = await def.create(options, {
    userSchema: node.source.userSchema,
    requiredColumns: node.pushdown?.requiredColumns?.map((i) => node.output[i]!.name),
    filters: node.pushdown?.filters,
    streaming: true,
    clock: systemClock,
    log,
    conf,
  }) as SourceReader;
  if (typeof reader.readSplit !== "function") throw new Error(`the ${node.source.format} source cannot read splits`);
  queries.set(req.query, { logs, exec: buildExecutable(fragment!), reader, sourceId: node.sourceId });
}

async function run(req: RunRequest): Promise<ExecReply> {
  const q = queries.get(req.query);
  if (q === undefined) throw new Error(`query ${req.query} is not prepared on this worker`);
  const started = performance.now();
  const ctx = streamBatchContext(req.batch);
  for (const s of q.exec.eventTimeStats) s.reset();
  let inputRows = 0;
  const rows: Row[] = [];
  await q.exec.run(ctx, {
    static: new Map(),
    stream: () => Promise.resolve(q.reader.readSplit!(req.split, { maxRows: CHUNK_MAX_ROWS })),
    counted: (_id, n) => void (inputRows += n),
  }, (chunk) => {
    for (const r of chunk) rows.push(r);
  });
  const stats = q.exec.eventTimeStats.map((s) => ({ max: s.max, min: s.min, sum: s.sum, count: s.count }));
  return { id: req.id, ok: true, rows, inputRows, stats, busyMs: performance.now() - started, logs: q.logs.splice(0) };
}

async function handle(req: ExecRequest, logs: LogLine[]): Promise<ExecReply> {
  switch (req.type) {
    case "prepare":
      await prepare(req, logs);
      return { id: req.id, ok: true, logs: logs.splice(0) };
    case "run":
      return await run(req);
    case "forget": {
      const q = queries.get(req.query);
      queries.delete(req.query);
      await q?.reader.stop?.();
      return { id: req.id, ok: true, logs: [] };
    }
  }
}

parentPort!.on("message", (req: ExecRequest) => {
  // A failed run still passes on what its reader logged (a skipped file, a malformed record …).
  const logs = req.type === "prepare" ? [] : queries.get(req.query)?.logs ?? [];
  handle(req, logs).then(
    (reply) => parentPort!.postMessage(reply),
    (e) => parentPort!.postMessage({ id: req.id, ok: false, error: wireError(e), logs: logs.splice(0) } satisfies ExecReply),
  );
});
