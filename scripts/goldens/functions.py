"""Spark 4.1.1's documentation of its built-in functions, for DESCRIBE FUNCTION and SHOW FUNCTIONS.

Writes runtime/sql/function_docs.json: for every name SHOW FUNCTIONS lists (operators included),
the class, usage and extended usage DESCRIBE FUNCTION EXTENDED prints. Sluice answers
DESCRIBE FUNCTION with these texts for the functions its own registry has, and SHOW FUNCTIONS with
the names of its registry (runtime/sql/function_catalog.ts).

    python3 scripts/goldens/functions.py
"""

import json
import os

from common import REPO, make_session

OUT = os.path.join(REPO, "runtime", "sql", "function_docs.json")


def main():
    spark = make_session("sluice-function-docs")
    try:
        names = [r[0] for r in spark.sql("SHOW FUNCTIONS").collect()]
        docs = {}
        for name in names:
            rows = [r[0] for r in spark.sql(f"DESCRIBE FUNCTION EXTENDED `{name}`").collect()]
            doc = {}
            for row in rows:
                if row.startswith("Class: "):
                    doc["class"] = row[len("Class: "):]
                elif row.startswith("Usage: "):
                    doc["usage"] = row[len("Usage: "):]
                elif row.startswith("Extended Usage:"):
                    doc["extended"] = row[len("Extended Usage:"):]
            docs[name] = doc
    finally:
        spark.stop()
    with open(OUT, "w") as f:
        json.dump({"spark": "4.1.1", "functions": docs}, f, indent=0, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(docs)} functions to {os.path.relpath(OUT, REPO)}")


if __name__ == "__main__":
    main()
