#!/usr/bin/env bash
# Fuzzes every reader and input parser with Jazzer for RUNS inputs each (default 1 000 000),
# starting from the committed corpus; prints one line per target and writes findings
# (crash-*, and timeout-* for an input that takes over 60 s) into the target's folder under
# fuzz-results/. The build's tests replay the corpus.
#
#   scripts/fuzz.sh [RUNS [TARGET...]]   # all targets, or only those named
#
# Speed on this project's 2-core VM: about 3 000 inputs/s for the text and small binary formats
# (a million in 6 minutes), about 2 000/s for SHD and NIR HDF5 (jhdf is instrumented too; a million
# in 8 minutes). FUZZ_INSTRUMENT=eligo instruments only eligo's own classes: coverage then guides
# the fuzzer through eligo's code but not through jhdf's or Jackson's.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1000000}"
shift || true
only=("$@")
./mvnw -q -B -DskipTests -Dmaven.javadoc.skip=true -pl eligo-cli -am install
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)
java=${java:-java}
out=fuzz-results
mkdir -p "$out"
findings=0
fuzz() { # module, package path, class, targets...
  local module=$1 pkg=$2 cls=$3; shift 3
  ./mvnw -q -B -pl "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$out/$module.cp" >/dev/null
  local cp="$module/target/test-classes:$module/target/classes:$(cat "$out/$module.cp")"
  for t in "$@"; do
    if ((${#only[@]})) && [[ ! " ${only[*]} " == *" $t "* ]]; then continue; fi
    local corpus="$out/$module-$t"
    mkdir -p "$corpus"
    cp "$module/src/test/resources/$pkg/${cls}Inputs/$t/"* "$corpus/" 2>/dev/null || true
    local log="$out/$module-$t.log"
    local include=()
    [[ "${FUZZ_INSTRUMENT:-all}" == eligo ]] && include=(--instrumentation_includes='eligo.**')
    if "$java" -cp "$cp" -Deligo.fuzz.target="$t" com.code_intelligence.jazzer.Jazzer ${include[@]+"${include[@]}"} \
        --target_class="${pkg//\//.}.FuzzMain" -runs="$runs" -timeout=60 -artifact_prefix="$corpus/" "$corpus" >"$log" 2>&1; then
      echo "$module $t: $(grep -E '#[0-9]+\s+DONE' "$log" | tail -1 | awk '{print $1}') inputs, no finding"
    else
      echo "$module $t: FINDING, see $log and $corpus/crash-*"
      findings=$((findings + 1))
    fi
  done
}
fuzz eligo-data eligo/data/fuzz ReadersFuzzTest idx aedat reckonDat shdHdf5 nirHdf5 wav
fuzz eligo-cli eligo/cli InputsFuzzTest yamlConfig jsonConfig adaptConfig sweepFile chipImage nirInputCsv
if ((findings)); then
  echo "fuzz.sh: $findings target(s) with findings" >&2
  exit 1
fi
