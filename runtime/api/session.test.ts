// Sessions own their state: two sessions of one application keep their conf, temp views, plugins,
// queries and memory tables apart and share what Spark's sessions share (global temp views, the
// launch settings, one run per checkpoint). Two queries of one session do not affect each other.
import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MemoryStream } from "../testing/memory_stream.ts";
import { DryRun } from "./dry_run.ts";
import { SparkSession } from "./session.ts";
import { SharedState } from "./shared_state.ts";

// Inside the repository, so that a plugin's "sluice/plugin-sdk" resolves through package.json.
const scratch = join(import.meta.dir, "../../.tmp");
mkdirSync(scratch, { recursive: true });
const dir = mkdtempSync(join(scratch, "session-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const made: SparkSession[] = [];
function session(s: SparkSession): SparkSession {
  made.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((s) => s.stop()));
});

const errorCode = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe("two sessions of one application", () => {
  test("keep their own conf; a new session starts from the launch settings, not its parent's changes", () => {
    const app = new SharedState({ conf: [["spark.sql.shuffle.partitions", "7"], ["x.launch", "yes"]] });
    const a = session(new SparkSession(app));
    a.conf.set("spark.sql.session.timeZone", "Asia/Tokyo");
    a.conf.set("spark.sql.shuffle.partitions", 3);
    const b = session(a.newSession());
    expect(b.sharedState).toBe(app);
    expect(a.conf.get("spark.sql.shuffle.partitions")).toBe("3");
    expect(b.conf.get("spark.sql.shuffle.partitions")).toBe("7");
    expect(b.conf.get("x.launch")).toBe("yes");
    expect(b.timeZone).not.toBe("Asia/Tokyo");
    b.conf.set("spark.sql.ansi.enabled", false);
    expect(a.conf.getBoolean("spark.sql.ansi.enabled")).toBe(true);
  });

  test("keep their own temp views and share global temp views", () => {
    const app = new SharedState();
    const a = session(new SparkSession(app));
    const b = session(a.newSession());
    a.range(3).createOrReplaceTempView("nums");
    a.range(2).createOrReplaceGlobalTempView("shared_nums");
    expect(a.table("nums").count()).toBe(3);
    expect(errorCode(() => b.table("nums"))).toBe("TABLE_OR_VIEW_NOT_FOUND");
    expect(b.sql("SELECT count(*) AS n FROM global_temp.shared_nums").collect()).toEqual([{ n: 2 }]);
    // Another application has its own global temp views.
    const other = session(new SparkSession(new SharedState()));
    expect(errorCode(() => other.table("global_temp.shared_nums"))).toBe("TABLE_OR_VIEW_NOT_FOUND");
  });

  test("share the catalog's tables with the sessions newSession() makes, as Spark's sessions do", () => {
    const a = session(new SparkSession(new SharedState()));
    a.conf.set("spark.sql.warehouse.dir", join(dir, "warehouse"));
    const b = session(a.newSession());
    a.sql("CREATE TABLE shared_t (x INT) USING json");
    a.sql("INSERT INTO shared_t VALUES (1)");
    expect(b.sql("SELECT x FROM shared_t").collect()).toEqual([{ x: 1 }]);
    expect(errorCode(() => session(new SparkSession(a.sharedState)).table("shared_t"))).toBe("TABLE_OR_VIEW_NOT_FOUND");
  });

  test("keep the plugins loaded into them; both have the built-ins and the launch's plugins", async () => {
    const file = join(dir, "echo.ts");
    writeFileSync(file, `import { defineSource, LONG, StructField, StructType } from "sluice/plugin-sdk";
const schema = new StructType([new StructField("n", LONG, false)]);
export default defineSource({
  name: "session-test-echo", summary: "Counts.", options: { type: "object", properties: {} }, schema: () => schema,
  create: () => ({ schema, description: "Echo", latestOffset: (s) => Number(s ?? 0) + 1, getBatch: (s, e) => [[Number(e)]] }),
});
`);
    const a = session(new SparkSession(new SharedState()));
    const b = session(a.newSession());
    expect(await a.plugins.load(file)).toEqual(["session-test-echo"]);
    expect(a.readStream.format("session-test-echo").load().columns).toEqual(["n"]);
    expect(errorCode(() => b.readStream.format("session-test-echo").load())).toBe("DATA_SOURCE_NOT_FOUND");
    expect(b.plugins.registry.find("source", "rate")?.origin).toBe("builtin");

    // Plugins the application was launched with (sluice run --plugin) are in every session.
    const launched = a.plugins.registry.list().filter((p) => p.definition.name === "session-test-echo");
    const app = new SharedState({ plugins: launched });
    const c = session(new SparkSession(app));
    const d = session(c.newSession());
    expect(c.plugins.registry.find("source", "session-test-echo")?.origin).toBe(file);
    expect(d.plugins.registry.find("source", "session-test-echo")?.origin).toBe(file);
  });

  test("keep their own queries and memory tables", async () => {
    const a = session(new SparkSession(new SharedState()));
    const b = session(a.newSession());
    const inA = new MemoryStream(a, "v INT");
    const inB = new MemoryStream(b, "v INT");
    const qa = inA.toDF().writeStream.format("memory").queryName("out").start();
    // The same query name in another session is fine: names are unique per session, as in Spark.
    const qb = inB.toDF().selectExpr("v * 10 AS v").writeStream.format("memory").queryName("out").start();
    inA.addData([[1], [2]]);
    inB.addData([[3]]);
    await qa.processAllAvailable();
    await qb.processAllAvailable();
    expect(a.table("out").collect()).toEqual([{ v: 1 }, { v: 2 }]);
    expect(b.table("out").collect()).toEqual([{ v: 30 }]);
    expect(a.streams.active).toEqual([qa]);
    expect(b.streams.active).toEqual([qb]);
    expect(a.streams.get(qb.id)).toBeNull();
    // The application sees both (the CLI waits on them, the admin API lists them).
    expect(a.sharedState.queries.active()).toEqual([qa, qb]);
    await a.stop();
    expect(qa.isActive).toBe(false);
    expect(qb.isActive).toBe(true);
    expect(b.streams.active).toEqual([qb]);
  });

  test("one checkpoint runs once in the application, whichever session starts it (Spark's CONCURRENT_QUERY)", async () => {
    const a = session(new SparkSession(new SharedState()));
    const b = session(a.newSession());
    const checkpoint = join(dir, "cp-concurrent");
    const start = (s: SparkSession) =>
      s.readStream.format("rate-micro-batch").option("rowsPerBatch", 1).load()
        .writeStream.format("memory").queryName(`q${made.indexOf(s)}`).option("checkpointLocation", checkpoint).start();
    const q = start(a);
    expect(errorCode(() => start(b))).toBe("CONCURRENT_QUERY");
    await q.stop();
    // Once stopped, another session may resume from the checkpoint (same query id).
    const again = start(b);
    expect(again.id).toBe(q.id);
    await again.stop();
  });

  test("the dry-run mode is the session's: one application plans, another runs", async () => {
    const run = new DryRun();
    const dry = session(new SparkSession(new SharedState({ dryRun: run })));
    const live = session(new SparkSession(new SharedState()));
    const query = (s: SparkSession) => s.readStream.format("rate").load().writeStream.format("memory").queryName("r").start();
    const planned = query(dry);
    const running = query(live);
    expect(run.planned.map((p) => p.name)).toEqual(["r"]);
    expect(dry.streams.active).toEqual([]);
    expect(dry.newSession().dryRun).toBe(run);
    expect(live.streams.active).toEqual([running]);
    expect(live.dryRun).toBeUndefined();
    await planned.stop();
  });
});

describe("the builder and the active application", () => {
  test("getOrCreate gives the default session of the active application, a new one after another is launched", () => {
    const previous = SharedState.activate(undefined);
    try {
      const first = SparkSession.builder.config("x.a", "1").getOrCreate();
      expect(SparkSession.builder.getOrCreate()).toBe(first);
      expect(first.conf.get("x.a")).toBe("1");
      const app = SharedState.launch({ conf: [["x.b", "2"]] });
      const second = SparkSession.builder.getOrCreate();
      expect(second).not.toBe(first);
      expect(second.sharedState).toBe(app);
      expect(second.conf.get("x.b")).toBe("2");
      expect(second.conf.get("x.a")).toBeUndefined();
      const created = session(SparkSession.builder.config("x.c", "3").create());
      expect(created).not.toBe(second);
      expect(created.sharedState).toBe(app);
      expect(created.conf.get("x.c")).toBe("3");
    } finally {
      SharedState.activate(previous);
    }
  });

  test("liveSessions lists the sessions the process made (what tests/preload.ts stops)", () => {
    const s = session(new SparkSession(new SharedState()));
    expect(SparkSession.liveSessions()).toContain(s);
  });
});

describe("two queries of one session", () => {
  test("run, fail and stop independently", async () => {
    const spark = session(new SparkSession(new SharedState()));
    spark.conf.set("spark.sql.session.timeZone", "UTC");
    const ok = new MemoryStream(spark, "v INT");
    const bad = new MemoryStream(spark, "v INT");
    const qOk = ok.toDF().groupBy("v").count().writeStream.outputMode("complete").format("memory").queryName("counts").start();
    const qBad = bad.toDF().selectExpr("10 / v AS x").writeStream.format("memory").queryName("ratios").start();
    ok.addData([[1], [1], [2]]);
    bad.addData([[5]]);
    await qOk.processAllAvailable();
    await qBad.processAllAvailable();
    expect(spark.table("ratios").collect()).toEqual([{ x: 2 }]);

    bad.addData([[0]]);
    expect(await qBad.awaitTermination().then(() => "ended", (e: { code?: string }) => e.code)).toBe("DIVIDE_BY_ZERO");
    expect(qOk.isActive).toBe(true);
    ok.addData([[2]]);
    await qOk.processAllAvailable();
    expect(spark.table("counts").orderBy("v").collect()).toEqual([{ v: 1, count: 2 }, { v: 2, count: 2 }]);
    expect(qOk.recentProgress.map((p) => p.batchId)).toEqual([0, 1]);
    expect(qBad.recentProgress.map((p) => p.batchId)).toEqual([0]);
    expect(spark.streams.active).toEqual([qOk]);
    expect(spark.streams.tracker.started()).toEqual([qOk, qBad]);
  });
});
