#!/usr/bin/env python3
"""Peer of `eligo bench stdp`: Brian2's STDP example (Song, Miller & Abbott 2000) widened to
1000 Poisson inputs (15 Hz) all-to-all onto 1000 conductance-based LIF neurons with pair STDP,
1 s simulated at dt 0.1 ms, cython code generation. Code generation and compilation are
excluded: a 1 ms run first compiles everything, then the 1 s run is timed.

Run with Debian's python3-brian: /usr/bin/python3 eligo-bench/stdp_brian2.py [--json FILE]
"""
import argparse
import json
import time

from brian2 import (NeuronGroup, PoissonGroup, Synapses, SpikeMonitor, Network, defaultclock,
                    prefs, ms, mV, Hz, second, seed)

from bench_machine import machine


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--inputs", type=int, default=1000)
    p.add_argument("--neurons", type=int, default=1000)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--json")
    a = p.parse_args()
    prefs.codegen.target = "cython"
    defaultclock.dt = 0.1 * ms
    taum = 10 * ms
    taupre = 20 * ms
    taupost = taupre
    Ee = 0 * mV
    vt = -54 * mV
    vr = -60 * mV
    El = -74 * mV
    taue = 5 * ms
    F = 15 * Hz
    gmax = .01
    dApre = .01
    dApost = -dApre * taupre / taupost * 1.05
    dApost *= gmax
    dApre *= gmax
    eqs = """
    dv/dt = (ge * (Ee-v) + El - v) / taum : volt
    dge/dt = -ge / taue : 1
    """
    best = float("inf")
    rate = weight = None
    for r in range(a.repeats):
        seed(1 + r)
        inp = PoissonGroup(a.inputs, rates=F)
        neurons = NeuronGroup(a.neurons, eqs, threshold="v>vt", reset="v = vr", method="euler")
        neurons.v = vr
        S = Synapses(inp, neurons,
                     """w : 1
                        dApre/dt = -Apre / taupre : 1 (event-driven)
                        dApost/dt = -Apost / taupost : 1 (event-driven)""",
                     on_pre="""ge += w
                               Apre += dApre
                               w = clip(w + Apost, 0, gmax)""",
                     on_post="""Apost += dApost
                                w = clip(w + Apre, 0, gmax)""")
        S.connect()
        S.w = "rand() * gmax"
        mon = SpikeMonitor(neurons)
        net = Network(inp, neurons, S, mon)
        net.run(1 * ms)  # code generation and compilation
        before = mon.num_spikes
        t0 = time.perf_counter()
        net.run(1 * second)
        best = min(best, time.perf_counter() - t0)
        rate = (mon.num_spikes - before) / a.neurons
        weight = float(S.w[:].mean())
    out = {"case": "stdp", "peer": "brian2-cython", "inputs": a.inputs, "neurons": a.neurons,
           "simulated_seconds": 1.0, "dt_ms": 0.1, "seconds": best, "output_rate_hz": rate,
           "mean_weight": weight}
    print(f"brian2 stdp {a.inputs} -> {a.neurons}, 1 s simulated: {best:.3f} s wall (best of "
          f"{a.repeats}), output {rate:.1f} Hz, mean weight {weight:.4f}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(dict(out, machine=machine()), f, indent=2)


if __name__ == "__main__":
    main()
