#!/usr/bin/env bash
# Builds dist/sluice and runs it the way a user would: --version, --help, then one pipeline whose
# stdout must equal its golden. Fails (never skips) when the pipeline or golden is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

pipeline=tests/e2e/rate_console.pipeline.ts
golden=tests/e2e/golden/rate_console.txt

npm run build
ls -l dist/sluice

echo "--- dist/sluice --version"
dist/sluice --version
echo "--- dist/sluice --help"
dist/sluice --help

for f in "$pipeline" "$golden"; do
  if [[ ! -f $f ]]; then
    echo "ci_binary_smoke: $f is missing; the binary smoke test needs it" >&2
    exit 1
  fi
done

echo "--- dist/sluice run $pipeline"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
# The pipeline must end by itself (e.g. a trigger that stops); the timeout only guards CI.
timeout 120 dist/sluice run "$pipeline" >"$actual"
if ! diff -u "$golden" "$actual"; then
  echo "ci_binary_smoke: the output of $pipeline differs from $golden" >&2
  exit 1
fi
echo "ci_binary_smoke: ok"
