#!/usr/bin/env python3
"""Reads the JSON files of scripts/bench.sh from a folder and prints the README's tables.

    bench_table.py DIR                          the tables, from DIR's JSON files
    bench_table.py --median DIR NAME N FIELD    NAME.json := the run of NAME-run1..N.json with the median FIELD
"""
import json
import os
import shutil
import sys


def load(folder, name):
    path = os.path.join(folder, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def run_values(folder, name, field, count=None):
    """(value of field, r) of the runs NAME-run1.json, NAME-run2.json, ... (the first count, or
    as many as there are), sorted by value."""
    values = []
    while count is None or len(values) < count:
        r = load(folder, "%s-run%d" % (name, len(values) + 1))
        if r is None:
            if count is not None:
                raise SystemExit("%s-run%d.json is missing in %s" % (name, len(values) + 1, folder))
            break
        values.append((r[field], len(values) + 1))
    return sorted(values)


def runs(folder, name, field, fmt):
    """' (median of a, b, c)' when bench.sh ran the case several times (NAME-run1.json, ...), else ''."""
    values = run_values(folder, name, field)
    if len(values) < 2:
        return ""
    return " (median of " + ", ".join(fmt % v for v, _ in values) + ")"


def pick_median(folder, name, count, field):
    """Copies the run with the median field of NAME-run1..count.json to NAME.json, the file the
    table reads (bench.sh keeps every run's JSON)."""
    values = run_values(folder, name, field, count)
    shutil.copy(os.path.join(folder, "%s-run%d.json" % (name, values[count // 2][1])),
                os.path.join(folder, name + ".json"))
    print("%s: median of %d runs, %s %s" % (name, count, field, ", ".join("%.4g" % v for v, _ in values)),
          file=sys.stderr)


def step_cell(r, spread=""):
    if r is None:
        return "not run"
    return "%.3f s/step%s, %.1f samples/s, %.0f MB" % (r["seconds_per_step"], spread, r["samples_per_second"],
                                                      r["peak_rss_bytes"] / 1e6)


def ratio(a, b):
    if a is None or b is None:
        return "—"
    return "%.1f×" % (b["seconds_per_step"] / a["seconds_per_step"])


def machine_line(folder):
    """The machine the eligo cases ran on, from the first of their JSONs that says."""
    for name in sorted(os.listdir(folder)):
        if name.startswith("eligo-") and name.endswith(".json"):
            m = load(folder, name[:-5]).get("machine")
            if m:
                return "Machine: %s, %d logical CPUs, Java %s, %s." % (m["cpu_model"], m["logical_cpus"],
                                                                       m["java_version"], m["os"])
    return None


def code_line(folder):
    """The commit bench.sh ran and when, from its bench-run.json (absent in older folders)."""
    r = load(folder, "bench-run")
    if not r:
        return None
    changes = " with local changes" if r["local_changes"] else ""
    return "Code: commit %s%s; run %s to %s." % (r["commit"], changes, r["started_utc"], r["finished_utc"])


def main():
    if sys.argv[1] == "--median":
        pick_median(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
        return
    folder = sys.argv[1]
    lines = [line for line in (machine_line(folder), code_line(folder)) if line]
    if lines:
        print("\n\n".join(lines))
        print()
    print("| T | rule | eligo | PyTorch | eligo speed-up |")
    print("|---|---|---|---|---|")
    for t in (100, 1000):
        for rule in ("bptt", "eprop", "eprop-online"):
            peer = "eprop" if rule == "eprop-online" else rule
            e_name, p_name = "eligo-%s-T%d" % (rule, t), "torch-%s-T%d" % (peer, t)
            e, p = load(folder, e_name), load(folder, p_name)
            e_cell = step_cell(e, runs(folder, e_name, "seconds_per_step", "%.3f"))
            if rule == "eprop-online":
                p_cell = "(see e-prop)"
            else:
                p_cell = step_cell(p, runs(folder, p_name, "seconds_per_step", "%.3f"))
            print("| %d | %s | %s | %s | %s |" % (t, rule, e_cell, p_cell, ratio(e, p)))
    print()
    a = load(folder, "eligo-eprop-online-T1000")
    b = load(folder, "eligo-eprop-online-T10000")
    if a and b:
        print("Memory, e-prop online: peak RSS %.0f MB at T = 1 000, %.0f MB at T = 10 000 (%.2f×); %.1f s and %.1f s per step."
              % (a["peak_rss_bytes"] / 1e6, b["peak_rss_bytes"] / 1e6, b["peak_rss_bytes"] / a["peak_rss_bytes"],
                 a["seconds_per_step"], b["seconds_per_step"]))
    for c in ("navigation", "full"):
        r = load(folder, "eligo-chip-" + c)
        if r:
            print("Chip model %s (%s), learning on: %.0f× real time%s." % (c, r["shape"], r["realtime_factor"],
                                                                          runs(folder, "eligo-chip-" + c, "realtime_factor", "%.0f×")))
    for rule in ("bptt", "eprop"):
        e = load(folder, "eligo-accuracy-" + rule)
        t = load(folder, "torch-accuracy-" + rule)
        if e:
            line = "Short training run, %s, 40 batches: eligo %.1f %%" % (rule, 100 * e["test_accuracy"])
            if t:
                line += ", PyTorch %.1f %%" % (100 * t["test_accuracy"])
            print(line + ".")
    e = load(folder, "eligo-stdp")
    b = load(folder, "brian2-stdp")
    if e:
        line = "STDP 1 000 → 1 000, 1 s: eligo %.3f s (output %.1f Hz)" % (e["seconds"], e["output_rate_hz"])
        if b:
            line += ", Brian2 %.3f s (output %.1f Hz): %.1f×" % (b["seconds"], b["output_rate_hz"], b["seconds"] / e["seconds"])
        print(line + ".")


if __name__ == "__main__":
    main()
