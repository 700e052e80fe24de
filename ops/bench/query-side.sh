#!/usr/bin/env bash
# Benchmark (not a test): the query side over a generated history (1,000,000 events, 10,000 deployments by
# default) in a fresh embedded PostgreSQL: a plain JDBC scan of the events (the ceiling), the dashboard's replay
# rate and heap in the packaged query side (-Xmx384m, its own process), dashboard query p50/p99, and projection
# lag under a steady write load, all in one run, each figure next to its goal. Figures: docs/benchmarks.md
# usage: ops/bench/query-side.sh [events (1000000)] [query-side JVM option...]
set -euo pipefail
export TASMAN_BENCH_ALSO=query-side
exec "$(dirname "$0")/run-with-processes.sh" QuerySide "$@"
