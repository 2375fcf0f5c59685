// Sessionization with flatMapGroupsWithState: a user's clicks form a session until they stop for
// 5 minutes of event time. The session is kept in GroupState; each call sets an event-time timeout
// 5 minutes after the user's last click, and when the watermark passes it the session is emitted
// (append mode) and its state removed. A click more than 5 minutes after the previous one, arriving
// before the timeout fired, closes the old session and opens a new one in the same call.
// Clicks arrive in three files (one per micro-batch); trigger availableNow ends with a no-data
// batch that closes the sessions the watermark passed.
// Run: sluice run samples/10-sessionization/pipeline.ts   (or: bun samples/10-sessionization/pipeline.ts)
import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type FlatMapGroupsWithStateFunction, GroupStateTimeout, SparkSession } from "sluice";

const GAP_MS = 5 * 60_000;
const work = resolve(process.env.SLUICE_SAMPLE_DIR ?? ".tmp/samples/10-sessionization");
const input = join(work, "clicks");
rmSync(work, { recursive: true, force: true });
mkdirSync(input, { recursive: true });
const FILES = [
  [["alice", "10:00", "/home"], ["bob", "10:01", "/home"], ["alice", "10:02", "/shoes"], ["alice", "10:04", "/cart"]],
  [["bob", "10:03", "/shoes"], ["carol", "10:05", "/home"], ["alice", "10:12", "/home"]],
  [["carol", "10:06", "/sale"], ["alice", "10:13", "/checkout"], ["bob", "10:20", "/home"], ["dave", "10:30", "/home"]],
];
FILES.forEach((clicks, i) => {
  const file = join(input, `clicks-${i}.json`);
  writeFileSync(file, clicks.map(([user, t, page]) => JSON.stringify({ user, ts: `2024-03-01 ${t}:00`, page }) + "\n").join(""));
  const mtime = new Date(Date.now() - 60_000 + i * 1000); // the file source reads files in modification order
  utimesSync(file, mtime, mtime);
});

const spark = SparkSession.builder.appName("Sessionization").config("spark.sql.session.timeZone", "UTC").getOrCreate();
const clicks = spark.readStream.format("json").schema("user STRING, ts TIMESTAMP, page STRING").option("maxFilesPerTrigger", 1).load(input);

type Session = { start: number; end: number; clicks: number; pages: string[] };
const sessionize: FlatMapGroupsWithStateFunction = (key, rows, state) => {
  const out: unknown[][] = [];
  const emit = (s: Session) => out.push([key[0], new Date(s.start), new Date(s.end), s.clicks, s.pages]);
  if (state.hasTimedOut) {
    emit(state.get as unknown as Session);
    state.remove();
    return out;
  }
  let s = state.getOption as unknown as Session | null;
  for (const r of [...rows].sort((a, b) => (a.ts as Date).getTime() - (b.ts as Date).getTime())) {
    const t = (r.ts as Date).getTime();
    if (s !== null && t - s.end > GAP_MS) {
      emit(s); // the user came back after the gap: the old session is over
      s = null;
    }
    s = s === null ? { start: t, end: t, clicks: 1, pages: [r.page as string] } : { ...s, end: Math.max(s.end, t), clicks: s.clicks + 1, pages: [...s.pages, r.page as string] };
  }
  state.update(s!);
  state.setTimeoutTimestamp(s!.end + GAP_MS);
  return out;
};

const sessions = clicks.withWatermark("ts", "1 minute").groupBy("user").flatMapGroupsWithState(sessionize,
  "user STRING, session_start TIMESTAMP, session_end TIMESTAMP, clicks LONG, pages ARRAY<STRING>",
  "start LONG, end LONG, clicks LONG, pages ARRAY<STRING>", "append", GroupStateTimeout.EventTimeTimeout);

const query = sessions.writeStream.queryName("sessions").outputMode("append").format("console").option("truncate", false)
  .option("checkpointLocation", join(work, "checkpoint")).trigger({ availableNow: true }).start();
await query.awaitTermination();
