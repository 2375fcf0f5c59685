"""Bad-input matrix goldens (issue 17): every case of tests/faults/bad_input/cases.json is a small
JSON-lines file (written here to tests/faults/bad_input/inputs/<id>.json from the case's `lines`,
`bytes` — with \\xHH for raw bytes, e.g. invalid UTF-8 —, `text` or `utf16le`), read by PySpark
with the case's schema and options in each parse mode:

  permissive        mode PERMISSIVE with a _corrupt_record STRING column (or the case's own)
  permissive_plain  mode PERMISSIVE without a corrupt-record column
  dropmalformed     mode DROPMALFORMED
  failfast          mode FAILFAST

or, for `"infer": true` cases, without a schema (the inferred schema and rows). Writes
tests/faults/bad_input/golden.json. Never edit it by hand: rerun this.

    TZ=UTC python3 scripts/goldens/bad_input.py
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))

from common import REPO, collect_encoded, dump_lines, make_session, read_json, spark_error  # noqa: E402
from py4j.protocol import Py4JJavaError  # noqa: E402
from pyspark.errors.exceptions.captured import CapturedException  # noqa: E402

HERE = os.path.join(REPO, "tests", "faults", "bad_input")
VARIANTS = ["permissive", "permissive_plain", "dropmalformed", "failfast"]


def raw_bytes(line):
    """A case line with \\xHH escapes as raw bytes, everything else as UTF-8."""
    out = bytearray()
    for part in re.split(r"(\\x[0-9a-fA-F]{2})", line):
        if re.fullmatch(r"\\x[0-9a-fA-F]{2}", part):
            out.append(int(part[2:], 16))
        else:
            out += part.encode("utf-8")
    return bytes(out)


def input_bytes(case):
    if "lines" in case:
        return "".join(line + "\n" for line in case["lines"]).encode("utf-8")
    if "bytes" in case:
        return b"".join(raw_bytes(line) + b"\n" for line in case["bytes"])
    if "text" in case:
        return case["text"].encode("utf-8")
    if "utf16le" in case:
        return case["utf16le"].encode("utf-16-le")
    raise SystemExit(f"case {case['id']} has no input")


def read(spark, path, case, variant):
    options = dict(case.get("options", {}))
    reader = spark.read
    if case.get("infer"):
        return collect_encoded(reader.options(**options).json(path))
    schema = case["schema"]
    corrupt = options.get("columnNameOfCorruptRecord", "_corrupt_record")
    if variant == "permissive" and corrupt not in schema:
        schema += f", {corrupt} STRING"
    if variant == "permissive_plain" and "columnNameOfCorruptRecord" in options:
        raise ValueError("unused")
    options["mode"] = {"permissive": "PERMISSIVE", "permissive_plain": "PERMISSIVE",
                       "dropmalformed": "DROPMALFORMED", "failfast": "FAILFAST"}[variant]
    return collect_encoded(reader.schema(schema).options(**options).json(path))


def main():
    cases = read_json(os.path.join(HERE, "cases.json"))
    ids = [c["id"] for c in cases]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"duplicate case ids: {dupes}")
    os.makedirs(os.path.join(HERE, "inputs"), exist_ok=True)
    spark = make_session("sluice-goldens-bad-input", log_level="OFF")
    out = []
    try:
        for case in cases:
            path = os.path.join(HERE, "inputs", f"{case['id']}.json")
            with open(path, "wb") as f:
                f.write(input_bytes(case))
            variants = ["infer"] if case.get("infer") else VARIANTS
            if "columnNameOfCorruptRecord" in case.get("options", {}):
                variants = [v for v in variants if v != "permissive_plain"]
            for variant in variants:
                try:
                    schema, rows = read(spark, path, case, variant)
                    out.append({"id": case["id"], "variant": variant, "schema": schema, "rows": rows})
                except (CapturedException, Py4JJavaError) as e:
                    out.append({"id": case["id"], "variant": variant, "error": spark_error(e)})
    finally:
        spark.stop()
    with open(os.path.join(HERE, "golden.json"), "w", encoding="utf-8") as f:
        f.write(dump_lines(out))
    errors = sum(1 for o in out if "error" in o)
    print(f"bad input: {len(cases)} cases, {len(out)} reads ({len(out) - errors} results, {errors} errors)")


if __name__ == "__main__":
    main()
