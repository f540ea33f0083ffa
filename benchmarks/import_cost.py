"""Import cost of connect_runtime relative to boto3, each in fresh interpreters.

Prints the median wall time of ``import boto3``, ``import connect_runtime`` (lazy),
``connect_runtime.tasks.references`` (pure) and ``connect_runtime.client`` (what ConnectRuntime
needs) over alternating runs, each as a ratio of boto3's (target for the client: at most
1.15). Also checks pulumi is never loaded.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import statistics
import subprocess
import sys

_PROBE = """
import json, sys, time
start = time.perf_counter()
import {module}
elapsed = time.perf_counter() - start
pulumi = any(m == "pulumi" or m.startswith("pulumi.") for m in sys.modules)
print(json.dumps({{"seconds": elapsed, "pulumi": pulumi}}))
"""


def measure(module: str) -> tuple[float, bool]:
    """Seconds to import ``module`` in a fresh interpreter, and whether pulumi got loaded."""
    # Like an installed wheel (pip writes .pyc at install), read bytecode rather than source.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    completed = subprocess.run(
        [sys.executable, "-X", "frozen_modules=on", "-c", _PROBE.format(module=module)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    result = json.loads(completed.stdout)
    return float(result["seconds"]), bool(result["pulumi"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="runs per module (default 15)")
    args = parser.parse_args()
    spec = importlib.util.find_spec("connect_runtime")
    if spec is None or spec.origin is None:
        parser.error("connect_runtime is not importable: install the project first")
    compileall.compile_dir(os.path.dirname(spec.origin), quiet=1)
    measure("boto3")  # warm the filesystem cache
    # The package root is lazy (PEP 562); connect_runtime.client is what ConnectRuntime needs.
    modules = (
        "boto3",
        "connect_runtime",
        "connect_runtime.tasks.references",
        "connect_runtime.client",
    )
    times: dict[str, list[float]] = {module: [] for module in modules}
    pulumi_loaded = False
    for _ in range(args.runs):
        for module in modules:
            seconds, loaded = measure(module)
            times[module].append(seconds)
            pulumi_loaded |= loaded
    base = statistics.median(times["boto3"])
    for module in modules:
        median = statistics.median(times[module])
        print(
            f"import {module:<27} median {median * 1000:7.1f} ms over {args.runs} runs"
            f" ({median / base:.3f} of boto3)"
        )
    ratio = statistics.median(times["connect_runtime.client"]) / base
    print(f"ConnectRuntime's import / boto3's: {ratio:.3f}  (target <= 1.15)")
    print(f"pulumi imported                    {pulumi_loaded}")
    return 0 if ratio <= 1.15 and not pulumi_loaded else 1


if __name__ == "__main__":
    sys.exit(main())
