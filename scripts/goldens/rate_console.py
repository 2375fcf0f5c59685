"""Console sink golden: runs tests/e2e/golden/rate_console.pipeline.py as a child process (the JVM
prints the console sink's output on that process's stdout), keeps only the blocks of batches 0, 1
and 2, and writes them to tests/e2e/golden/rate_console.txt. Never edit that file by hand.

    TZ=UTC python3 scripts/goldens/rate_console.py
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))

from common import REPO  # noqa: E402

GOLDEN_DIR = os.path.join(REPO, "tests", "e2e", "golden")
PIPELINE = os.path.join(GOLDEN_DIR, "rate_console.pipeline.py")
OUT = os.path.join(GOLDEN_DIR, "rate_console.txt")
RULE = "-------------------------------------------"
LAST_BATCH = 2


def batch_blocks(stdout):
    """{batchId: text} for each console sink block: banner, table, and the blank line after it."""
    lines = stdout.splitlines(keepends=True)
    starts = [
        i for i in range(len(lines) - 2)
        if lines[i].rstrip("\n") == RULE and lines[i + 1].startswith("Batch: ") and lines[i + 2].rstrip("\n") == RULE
    ]
    blocks = {}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        batch_id = int(lines[start + 1][len("Batch: "):])
        block = lines[start:end]
        # The block ends with the table's last border line and the blank line show() prints after it.
        last_border = max(i for i, line in enumerate(block) if line.startswith("+"))
        tail = block[last_border + 1:]
        keep = last_border + 1 + (1 if tail and tail[0].strip() == "" else 0)
        blocks[batch_id] = "".join(block[:keep])
    return blocks


def main():
    env = dict(os.environ, TZ="UTC", PYTHONUNBUFFERED="1")
    proc = subprocess.run(
        [sys.executable, PIPELINE], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, timeout=600,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"the pipeline failed with exit code {proc.returncode}")
    blocks = batch_blocks(proc.stdout)
    missing = [b for b in range(LAST_BATCH + 1) if b not in blocks]
    if missing:
        sys.stderr.write(proc.stdout)
        raise SystemExit(f"no console output for batches {missing}")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("".join(blocks[b] for b in range(LAST_BATCH + 1)))
    print(f"rate_console: batches 0-{LAST_BATCH} written to {os.path.relpath(OUT, REPO)}")


if __name__ == "__main__":
    main()
