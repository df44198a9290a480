"""The "machine" object the peer scripts add to their JSON, as eligo's bench JSON has it
(eligo.cli.run.Machine): cpu_model, logical_cpus, python_version and os."""
import os
import platform


def machine():
    """Where this ran: the first CPU's model name in /proc/cpuinfo with its family and model
    numbers (a VM may name only "AMD EPYC"), else the architecture."""
    cpu = platform.machine()
    first = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break  # the first CPU's block ends here
                if ":" in line:
                    k, v = line.split(":", 1)
                    first.setdefault(k.strip(), v.strip())
    except OSError:
        pass
    if "model name" in first:
        cpu = first["model name"]
        if "cpu family" in first and "model" in first:
            cpu += " (family %s, model %s)" % (first["cpu family"], first["model"])
    return {"cpu_model": cpu, "logical_cpus": os.cpu_count(), "python_version": platform.python_version(),
            "os": platform.system() + " " + platform.release()}
