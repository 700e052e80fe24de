#!/usr/bin/env bash
# Benchmark (not a test): static 2 KB and 100 KB files from one edge against nginx serving the same files,
# wrk on loopback, req/s and p50/p99 side by side, measured in the same run. Figures: docs/benchmarks.md
# usage: ops/bench/edge-static.sh [rounds (3)] [seconds per run (15)]
set -euo pipefail
source "$(dirname "$0")/../bin/prerequisites.sh"
tasman_require_bench_tools
exec "$(dirname "$0")/run-with-processes.sh" EdgeStatic "$@"
