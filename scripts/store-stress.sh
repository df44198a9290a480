#!/usr/bin/env bash
# Four processes write runs into one SQLite run store for SECONDS (default 60), as four sweep
# workers would; then every run must be there exactly once and PRAGMA integrity_check be ok.
#
#   scripts/store-stress.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
./mvnw -q -B -DskipTests -Dmaven.javadoc.skip=true -pl eligo-cli -am install
./mvnw -q -B -pl eligo-cli test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/eligo-cli/target/test.cp" >/dev/null
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)
java=${java:-java}
cp="eligo-cli/target/test-classes:eligo-cli/target/classes:$(cat eligo-cli/target/test.cp)"
dir=$(mktemp -d)
db="$dir/runs.db"
pids=()
for w in 1 2 3 4; do
  "$java" -cp "$cp" eligo.cli.run.RunStoreStress "$db" "w$w" "$seconds" > "$dir/w$w.count" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
expected=$(cat "$dir"/w*.count | paste -sd+ | bc)
"$java" -cp "$cp" eligo.cli.run.RunStoreCheck "$db" "$expected"
rm -rf "$dir"
