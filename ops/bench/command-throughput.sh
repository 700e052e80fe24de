#!/usr/bin/env bash
# Benchmark (not a test): commands/s and events/s through the REST API and the command gateway on
# embedded PostgreSQL, next to plain JDBC inserts measured in the same run. Figures: docs/benchmarks.md
# usage: ops/bench/command-throughput.sh [commands per scenario]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/ops/bin/jdk.sh"
cd "$ROOT"
mvn -B -q -ntp -DskipTests install -pl ops/bench -am
mvn -B -q -ntp -pl ops/bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath > /dev/null
CP="ops/bench/target/classes:$(cat ops/bench/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" dev.tasman.ops.bench.CommandThroughput "$@"
