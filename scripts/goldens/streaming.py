"""Stateful streaming conformance goldens: runs every case under tests/conformance/streaming/cases
through PySpark Structured Streaming and writes each case's golden.json. Never edit a golden.json
by hand: rerun this.

    TZ=UTC python3 scripts/goldens/streaming.py            # every case
    TZ=UTC python3 scripts/goldens/streaming.py CASE ...   # only these

A case directory holds:
  case.json   {"description", "schema" (DDL of every input), "outputMode",
               "conf" (session confs, optional), "inputs" (subdirectories, one per input, in the
               order query() takes them; optional, default: the case directory itself),
               "unorderedArrays" (result columns whose arrays are compared sorted, optional),
               "orderedRows" (true: rows are compared in order, for sorted results)}
  query.py    def query(df, F, *more_inputs) -> DataFrame
  query.ts    the same query with Sluice's API
  batch-000.json, batch-001.json, ...   one NDJSON file per micro-batch (per input directory)

Each input is read by Spark's json file source with the case's schema and maxFilesPerTrigger=1
(the files are copied to a temporary directory with increasing modification times, which is the
order the file source takes them in); the query runs with Trigger.AvailableNow into foreachBatch,
which records every batch it is handed, keyed by batch id, empty and no-data batches included.
That straight run is golden.json's "schema" and "batches". A query Spark refuses is recorded as
"error" instead, with the stage it failed at: "build" (building the DataFrame), "start"
(writeStream.start()) or "run" (the running query failed).

Every other case also runs twice more, as the Sluice runner runs it (tests/conformance/streaming/
runner.ts): "restarted" (one more file per input before each run, Trigger.Once, the query stopped
and started again from its checkpoint after every batch, a last AvailableNow run) and "crashed"
(every batch id raises in foreachBatch on its first delivery, after its rows were computed; the
query is started again from its checkpoint until a run completes; the last delivery per batch id
counts). Where Spark's own output of such a run differs from its straight run, golden.json
records it under "restarted" or "crashed".
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))


def ensure_pandas_environment():
    """The flatMapGroupsWithState cases run PySpark's applyInPandasWithState, which needs pandas and
    a pyarrow PySpark 4.1.1 works with: pyarrow 22+ crashes it, 21 works. Install those when missing."""
    try:
        import pandas  # noqa: F401
        import pyarrow
        if int(pyarrow.__version__.split(".")[0]) <= 21:
            return
    except ImportError:
        pass
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "pyarrow==21.0.0", "pandas"])
    os.execv(sys.executable, [sys.executable] + sys.argv)


ensure_pandas_environment()

from common import REPO, collect_encoded, make_session, read_json, spark_error  # noqa: E402
from py4j.protocol import Py4JJavaError  # noqa: E402
from pyspark.errors.exceptions.base import PySparkException  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

CASES = os.path.join(REPO, "tests", "conformance", "streaming", "cases")
BATCH_FILE = "batch-{:03d}.json"


def batch_files(directory):
    """The batch files of one input, in batch order; they must be numbered without gaps."""
    names = sorted(n for n in os.listdir(directory) if n.startswith("batch-") and n.endswith(".json"))
    for i, n in enumerate(names):
        if n != BATCH_FILE.format(i):
            raise SystemExit(f"{directory}: expected {BATCH_FILE.format(i)}, found {n}")
    return names


class Staging:
    """A temporary directory per case: one staging directory per input and a checkpoint."""

    def __init__(self, case_dir, spec, name):
        self.root = tempfile.mkdtemp(prefix=f"sluice-streaming-{name}-")
        self.sources = [os.path.join(case_dir, sub) for sub in spec.get("inputs", ["."])]
        self.files = [batch_files(d) for d in self.sources]
        self.file_count = max(len(f) for f in self.files)
        self.dirs = [os.path.join(self.root, f"input-{i}") for i in range(len(self.sources))]
        for d in self.dirs:
            os.makedirs(d)
        self.checkpoint = os.path.join(self.root, "checkpoint")
        self.base = time.time() - 3600

    def add(self, n):
        """Copies batch file n of every input that has one, with modification time base + n s."""
        for src, names, dst in zip(self.sources, self.files, self.dirs):
            if n < len(names):
                target = os.path.join(dst, names[n])
                shutil.copyfile(os.path.join(src, names[n]), target)
                os.utime(target, (self.base + n, self.base + n))

    def add_all(self):
        for n in range(self.file_count):
            self.add(n)

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)


def load_query(case_dir):
    spec = importlib.util.spec_from_file_location(f"case_{os.path.basename(case_dir)}", os.path.join(case_dir, "query.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.query


class Failed(Exception):
    """The query could not be built or started, or it failed while running."""

    def __init__(self, error):
        super().__init__(error["message"])
        self.error = error


def start_query(root, spec, query, staging, trigger, deliver):
    """One start of the query until it ends; returns the result schema, raises Failed."""
    spark = root.newSession()
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    spark.conf.set("spark.sql.shuffle.partitions", "1")
    for k, v in spec.get("conf", {}).items():
        spark.conf.set(k, v)
    stage = "build"
    try:
        inputs = [
            spark.readStream.format("json").schema(spec["schema"]).option("maxFilesPerTrigger", 1).load(d)
            for d in staging.dirs
        ]
        result = query(inputs[0], F, *inputs[1:])
        schema = [{"name": f.name, "type": f.dataType.simpleString()} for f in result.schema.fields]
        stage = "start"
        q = (
            result.writeStream.outputMode(spec["outputMode"])
            .option("checkpointLocation", staging.checkpoint)
            .trigger(**trigger)
            .foreachBatch(lambda df, batch_id: deliver(batch_id, collect_encoded(df)[1]))
            .start()
        )
        stage = "run"
        q.awaitTermination()
        return schema
    except (PySparkException, Py4JJavaError) as e:
        err = spark_error(e)
        err["stage"] = stage
        raise Failed(err)


def run_straight(root, spec, query, staging):
    """Every file present, one AvailableNow run: (schema, {batch id: rows})."""
    batches = {}

    def deliver(batch_id, rows):
        if batch_id in batches:
            raise RuntimeError(f"batch {batch_id} delivered twice")
        batches[batch_id] = rows

    staging.add_all()
    schema = start_query(root, spec, query, staging, {"availableNow": True}, deliver)
    return schema, batches


def run_restarted(root, spec, query, staging):
    """One more file per input before each run, Trigger.Once; a last AvailableNow run."""
    batches = {}

    def deliver(batch_id, rows):
        batches[batch_id] = rows

    for n in range(staging.file_count):
        staging.add(n)
        start_query(root, spec, query, staging, {"once": True}, deliver)
    start_query(root, spec, query, staging, {"availableNow": True}, deliver)
    return batches


def run_crashed(root, spec, query, staging):
    """Every batch id fails in foreachBatch on its first delivery (after the batch's rows were
    computed); the query is started again from its checkpoint until a run completes."""
    batches = {}
    attempted = set()
    crashed = []

    def deliver(batch_id, rows):
        if batch_id not in attempted:
            attempted.add(batch_id)
            crashed.append(batch_id)
            raise RuntimeError(f"simulated crash in batch {batch_id}")
        batches[batch_id] = rows

    staging.add_all()
    for _ in range(staging.file_count + 5):
        crashed.clear()
        try:
            start_query(root, spec, query, staging, {"availableNow": True}, deliver)
            return batches
        except Failed:
            if not crashed:
                raise
    raise SystemExit("still crashing after every batch was attempted")


def as_list(batches):
    ids = sorted(batches)
    if ids != list(range(len(ids))):
        raise SystemExit(f"batch ids {ids} are not 0..n-1")
    return [{"batchId": i, "rows": batches[i]} for i in ids]


def same(a, b, ordered):
    """Equal batch lists; rows compared in order only when the case says so."""
    def norm(batches):
        return [(x["batchId"], x["rows"] if ordered else sorted(json.dumps(r) for r in x["rows"])) for x in batches]
    return norm(a) == norm(b)


def run_case(root, name):
    case_dir = os.path.join(CASES, name)
    spec = read_json(os.path.join(case_dir, "case.json"))
    query = load_query(case_dir)
    staging = Staging(case_dir, spec, name)
    try:
        schema, batches = run_straight(root, spec, query, staging)
    except Failed as e:
        return {"case": name, "error": e.error}
    finally:
        staging.remove()
    golden = {"case": name, "schema": schema, "batches": as_list(batches)}
    # Spark itself is not restart-invariant everywhere: record its own output where it differs.
    for key, run in (("restarted", run_restarted), ("crashed", run_crashed)):
        staging = Staging(case_dir, spec, name)
        try:
            other = as_list(run(root, spec, query, staging))
        finally:
            staging.remove()
        if not same(other, golden["batches"], spec.get("orderedRows", False)):
            golden[key] = other
    return golden


def dump_golden(golden):
    """golden.json with one batch per line, so a changed batch shows as a one-line diff."""
    if "error" in golden:
        return json.dumps(golden, ensure_ascii=False, indent=2) + "\n"
    parts = [
        f"{json.dumps(k)}: {json.dumps(golden[k], ensure_ascii=False, separators=(', ', ': '))}" for k in ("case", "schema")
    ]
    for key in ("batches", "restarted", "crashed"):
        if key in golden:
            lines = [json.dumps(b, ensure_ascii=False, separators=(", ", ": ")) for b in golden[key]]
            parts.append(f"{json.dumps(key)}: [\n" + ",\n".join(lines) + "\n]")
    return "{" + ",\n".join(parts) + "}\n"


def main():
    names = sys.argv[1:] or sorted(n for n in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, n)))
    unknown = [n for n in names if not os.path.isdir(os.path.join(CASES, n))]
    if unknown:
        raise SystemExit(f"unknown case(s) {unknown}")
    spark = make_session("sluice-goldens-streaming", log_level="OFF")
    errors = 0
    try:
        for name in names:
            started = time.time()
            golden = run_case(spark, name)
            errors += "error" in golden
            with open(os.path.join(CASES, name, "golden.json"), "w", encoding="utf-8") as f:
                f.write(dump_golden(golden))
            summary = golden["error"]["class"] if "error" in golden else f"{len(golden['batches'])} batches"
            for key in ("restarted", "crashed"):
                if key in golden:
                    summary += f"; Spark's {key} run differs"
            print(f"  {name}: {summary} ({time.time() - started:.1f}s)", flush=True)
    finally:
        spark.stop()
    print(f"streaming: {len(names)} cases ({len(names) - errors} outputs, {errors} errors)")


if __name__ == "__main__":
    main()
