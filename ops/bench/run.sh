#!/usr/bin/env bash
# Shared by the benchmark scripts: builds the bench module and runs one benchmark's main class.
# usage: ops/bench/run.sh <main class> [arguments]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/ops/bin/jdk.sh"
source "$ROOT/ops/bin/prerequisites.sh"
cd "$ROOT"
mvn -B -q -ntp -DskipTests install -pl ops/bench -am
mvn -B -q -ntp -pl ops/bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath > /dev/null
CP="ops/bench/target/classes:$(cat ops/bench/target/bench.classpath)"
MAIN="$1"
shift
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" "dev.tasman.ops.bench.$MAIN" "$@"
