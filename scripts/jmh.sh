#!/usr/bin/env bash
# JMH micro-benchmarks of eligo's kernels (module eligo-bench): builds benchmarks.jar and runs
# it with the JDK the launcher finds; arguments go to JMH, e.g.
#   scripts/jmh.sh                                  # everything (about 6 minutes)
#   scripts/jmh.sh SampleBenchmark -p steps=100     # one class, one parameter value
#   scripts/jmh.sh -rf json -rff jmh.json           # results as JSON
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAVA="$(bin/eligo --print-java)"   # the launcher's JDK search; it exits 2 with a message if none
JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./mvnw -q package -pl eligo-bench -am -DskipTests -Dmaven.javadoc.skip
exec "$JAVA" -jar eligo-bench/target/benchmarks.jar "$@"
