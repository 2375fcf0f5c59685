"""Regenerates every PySpark golden, one generator (and so one JVM) at a time:

    python3 scripts/goldens/regenerate.py            # all of them
    python3 scripts/goldens/regenerate.py show       # only the named ones
"""

import os
import subprocess
import sys

# Generators that need no JVM (PySpark's Python signatures only).
PYTHON_ONLY = ["keyword_signatures"]
HERE = os.path.dirname(os.path.abspath(__file__))
GENERATORS = ["expressions", "show", "rate_console", "streaming", "sql", "longs", "bad_input", "state_partitions", "format_options", "functions", "operator_changes"]


def main():
    every = GENERATORS + PYTHON_ONLY
    wanted = sys.argv[1:] or every
    unknown = [w for w in wanted if w not in every]
    if unknown:
        raise SystemExit(f"unknown generator(s) {unknown}; choose from {every}")
    env = dict(os.environ, TZ="UTC")
    for name in wanted:
        print(f"== {name}", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, f"{name}.py")], env=env, check=True)


if __name__ == "__main__":
    main()
