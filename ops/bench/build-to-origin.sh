#!/usr/bin/env bash
# Benchmark (not a test): build-to-origin time for a 1,000-file / 20 MB site and a one-file redeploy,
# next to tar + sha256sum of the same files measured in the same run. Figures: docs/benchmarks.md
# usage: ops/bench/build-to-origin.sh
exec "$(dirname "$0")/run.sh" BuildToOrigin "$@"
