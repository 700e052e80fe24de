#!/usr/bin/env bash
# Benchmark (not a test): a 1,000-file / 20 MB deployment's propagation to three edges, the cutover spread
# between them and a rollback's time to all three, next to cp -r and curl of the same files measured in the
# same run. Figures: docs/benchmarks.md
# usage: ops/bench/propagation.sh [rounds (3)] [pause between polls in µs (0: as fast as the edges answer)] [edge setting...]
set -euo pipefail
source "$(dirname "$0")/../bin/prerequisites.sh"
tasman_require_package curl curl
exec "$(dirname "$0")/run-with-processes.sh" Propagation "$@"
