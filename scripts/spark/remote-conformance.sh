#!/usr/bin/env bash
# The whole remote-mode sweep against a real Spark 4.1.1 Connect server (started and stopped by the
# tests, scripts/spark/service.ts): every expression, SQL and streaming conformance case and the
# samples 04 and 08. `npm test` runs a sample of it (tests/remote/conformance.test.ts says which).
#   bash scripts/spark/remote-conformance.sh        (~5 minutes on two cores; starts a JVM)
set -euo pipefail
cd "$(dirname "$0")/../.."
SLUICE_REMOTE_CONFORMANCE=all exec node_modules/.bin/bun test tests/remote/conformance.test.ts tests/remote/samples.test.ts
