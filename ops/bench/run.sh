#!/usr/bin/env bash
# Shared by the benchmark scripts: builds the bench module and runs one benchmark's main class.
# Modules built besides the bench module and what it depends on (e.g. query-side, whose runnable jar a benchmark
# starts): $TASMAN_BENCH_ALSO, comma-separated. Built in one reactor and run from its target directories: nothing
# is installed into ~/.m2.
# usage: ops/bench/run.sh <main class> [arguments]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/ops/bin/jdk.sh"
source "$ROOT/ops/bin/prerequisites.sh"
cd "$ROOT"
mvn -B -q -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -pl "ops/bench${TASMAN_BENCH_ALSO:+,$TASMAN_BENCH_ALSO}" -am
CP="ops/bench/target/classes:$(cat ops/bench/target/bench.classpath)"
MAIN="$1"
shift
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" "dev.tasman.ops.bench.$MAIN" "$@"
