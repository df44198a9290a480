#!/usr/bin/env bash
# JMH micro-benchmarks of eligo's kernels (module eligo-bench): builds benchmarks.jar and runs
# it with the JDK the launcher finds; arguments go to JMH, e.g.
#   scripts/jmh.sh                                  # everything (about 6 minutes)
#   scripts/jmh.sh SampleBenchmark -p steps=100     # one class, one parameter value
#   scripts/jmh.sh -rf json -rff jmh.json           # results as JSON
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -q package -pl eligo-bench -am -DskipTests -Dmaven.javadoc.skip
JAVA="$(bin/eligo --print-java 2>/dev/null || true)"
[[ -x "$JAVA" ]] || JAVA=java
exec "$JAVA" -jar eligo-bench/target/benchmarks.jar "$@"
