"""The options Spark 4.1.1 accepts for each file format, as its option registries list them
(DataSourceOptions.getAllOptions of JSONOptions, CSVOptions, TextOptions, ParquetOptions and
FileIndexOptions), plus FileSourceOptions' ignoreCorruptFiles/ignoreMissingFiles and the file
stream source's options (FileStreamOptions, which has no registry: the names of the Structured
Streaming guide's "File source" table). Writes plugins/files/spark_options.json, which
plugins/files/spark_options.test.ts checks every file source and sink against: each Spark option
is implemented, accepted with no effect (noEffectOptions, with why) or refused with the reason
(unsupportedOptions). Never edit it by hand: rerun this.

    python3 scripts/goldens/format_options.py
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from common import REPO, make_session  # noqa: E402

REGISTRIES = {
    "json": "org.apache.spark.sql.catalyst.json.JSONOptions",
    "csv": "org.apache.spark.sql.catalyst.csv.CSVOptions",
    "text": "org.apache.spark.sql.execution.datasources.text.TextOptions",
    "parquet": "org.apache.spark.sql.execution.datasources.parquet.ParquetOptions",
    "fileIndex": "org.apache.spark.sql.execution.datasources.FileIndexOptions",
}
FILE_SOURCE_CONSTANTS = ["IGNORE_CORRUPT_FILES", "IGNORE_MISSING_FILES"]
# FileStreamOptions.scala reads these by name; the guide's File source table lists the same.
FILE_STREAM = [
    "maxFilesPerTrigger", "maxBytesPerTrigger", "latestFirst", "fileNameOnly", "maxFileAge",
    "maxCachedFiles", "discardCachedInputRatio", "cleanSource", "sourceArchiveDir",
]


def module(jvm, name):
    return jvm.java.lang.Class.forName(name + "$").getField("MODULE$").get(None)


def main():
    spark = make_session("format-options")
    jvm = spark._jvm
    out = {}
    for key, name in REGISTRIES.items():
        names = module(jvm, name).getAllOptions().mkString("\u0001").split("\u0001")
        out[key] = sorted(names, key=str.lower)
    fso = module(jvm, "org.apache.spark.sql.catalyst.FileSourceOptions")
    out["fileSource"] = sorted((getattr(fso, c)() for c in FILE_SOURCE_CONSTANTS), key=str.lower)
    out["fileStream"] = FILE_STREAM
    spark.stop()
    path = os.path.join(REPO, "plugins", "files", "spark_options.json")
    with open(path, "w") as f:
        json.dump({"spark": spark.version, **out}, f, indent=2)
        f.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
