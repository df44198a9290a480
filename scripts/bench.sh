#!/usr/bin/env bash
# The speed benchmark of the README, every case in its own process so that each peak RSS is its
# own: eligo's SHD-shape training steps (BPTT, e-prop, e-prop online) at T = 100 and 1 000 beside
# the PyTorch peer, e-prop online at T = 10 000 (memory), the chip model, and STDP beside Brian2.
# Writes one JSON per case and table.md into the folder given (default bench-results).
# The PyTorch e-prop cases take most of the time (about 50 s per step at T = 1 000, and 4 minutes
# for the 40-batch accuracy run).
#
#   scripts/bench.sh [OUT]            # 15–18 minutes on 2 cores (sessions 11 and 12)
#
# Peers: Debian's python3-torch (with libopenblas0-pthread) and python3-brian; a missing peer is
# reported and skipped. Nothing else should run on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench-results}"
mkdir -p "$out"
eligo=bin/eligo
py=/usr/bin/python3

run() { # name, command...
  local name="$1"; shift
  echo "== $name" >&2
  "$@" --json "$out/$name.json" 2> >(grep -v "incubator modules" >&2)
}

for t in 100 1000; do
  run "eligo-bptt-T$t" $eligo bench shd-shape --rule bptt --steps $t --batch 32 --threads 2 --iterations 5 --warmup 20
  run "eligo-eprop-T$t" $eligo bench shd-shape --rule eprop --steps $t --batch 32 --threads 2 --iterations 5 --warmup 20
  run "eligo-eprop-online-T$t" $eligo bench shd-shape --rule eprop-online --steps $t --batch 32 --threads 2 --iterations 1
  if $py -c "import torch" 2>/dev/null; then
    for rule in bptt eprop; do
      iters=3; warm=2
      if [[ $rule == eprop && $t == 1000 ]]; then iters=1; warm=1; fi   # about 50 s per step
      OMP_WAIT_POLICY=PASSIVE run "torch-$rule-T$t" $py eligo-bench/shd_shape_torch.py --rule $rule --steps $t --batch 32 --threads 2 --iterations $iters --warmup $warm
    done
  else
    echo "python3-torch not found: PyTorch peer skipped" >&2
  fi
done
# the short training run beside the peer (learnable input, 40 batches in order)
for rule in bptt eprop; do
  run "eligo-accuracy-$rule" $eligo bench shd-shape --rule $rule --accuracy-batches 40
  if $py -c "import torch" 2>/dev/null; then
    OMP_WAIT_POLICY=PASSIVE run "torch-accuracy-$rule" $py eligo-bench/shd_shape_torch.py --rule $rule --accuracy-batches 40
  fi
done
run "eligo-eprop-online-T10000" $eligo bench shd-shape --rule eprop-online --steps 10000 --batch 32 --threads 2 --iterations 1
run "eligo-chip-navigation" $eligo bench chip --config navigation --samples 200
run "eligo-chip-full" $eligo bench chip --config full --samples 200
run "eligo-stdp" $eligo bench stdp --repeats 3
if $py -c "import brian2" 2>/dev/null; then
  run "brian2-stdp" $py eligo-bench/stdp_brian2.py --repeats 3
else
  echo "python3-brian not found: Brian2 peer skipped" >&2
fi
$py eligo-bench/bench_table.py "$out" | tee "$out/table.md"
