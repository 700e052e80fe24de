#!/usr/bin/env bash
# Benchmark (not a test): build-to-origin time for a 1,000-file / 20 MB site and a one-file redeploy,
# next to tar+sha256sum of the same files measured in the same run. Figures: docs/benchmarks.md
# usage: ops/bench/build-to-origin.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/ops/bin/jdk.sh"
cd "$ROOT"
mvn -B -q -ntp -DskipTests install -pl ops/bench -am
mvn -B -q -ntp -pl ops/bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath > /dev/null
CP="ops/bench/target/classes:$(cat ops/bench/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" dev.tasman.ops.bench.BuildToOrigin "$@"
