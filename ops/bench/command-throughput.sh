#!/usr/bin/env bash
# Benchmark (not a test): commands/s and events/s through the REST API and the command gateway on
# embedded PostgreSQL, next to plain JDBC inserts measured in the same run. Figures: docs/benchmarks.md
# usage: ops/bench/command-throughput.sh [commands per scenario]
exec "$(dirname "$0")/run.sh" CommandThroughput "$@"
