"""Regenerates every PySpark golden, one generator (and so one JVM) at a time:

    python3 scripts/goldens/regenerate.py            # all of them
    python3 scripts/goldens/regenerate.py show       # only the named ones
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATORS = ["expressions", "show", "rate_console", "streaming", "sql", "longs", "bad_input", "state_partitions", "format_options", "functions"]


def main():
    wanted = sys.argv[1:] or GENERATORS
    unknown = [w for w in wanted if w not in GENERATORS]
    if unknown:
        raise SystemExit(f"unknown generator(s) {unknown}; choose from {GENERATORS}")
    env = dict(os.environ, TZ="UTC")
    for name in wanted:
        print(f"== {name}", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, f"{name}.py")], env=env, check=True)


if __name__ == "__main__":
    main()
