"""The offline plan's wall time with our pack alone and with @pulumi/awsguard beside it, per
stack, as CI runs it (``python -m connect_streaming_plan`` as a subprocess).

    python benchmarks/plan_packs.py [--repeat N]

Runs alternate (ours, both, ours, both, ...) so that load on the shared machine falls on both
alike. Prints the median and the range; asserts only that every plan is clean.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.plan.node_packs import installed_pack
from tests.repo import REPO_ROOT, known_stacks


def _seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "connect_streaming_plan", *argv, "--format", "json"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=False,
        timeout=600,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"plan {' '.join(argv)} exited {result.returncode}: {result.stderr!r}")
    return elapsed


def _figure(samples: list[float]) -> str:
    return f"{statistics.median(samples):5.2f} ({min(samples):.2f}-{max(samples):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    awsguard = installed_pack()
    print(f"{'stack':8} {'ours alone s':>20} {'ours + awsguard s':>20}")
    for stack in known_stacks():
        ours = ["--stack", stack, "--policy-pack", "policy"]
        both = [*ours, "--policy-pack", str(awsguard)]
        alone, paired = [], []
        for _ in range(args.repeat):
            alone.append(_seconds(ours))
            paired.append(_seconds(both))
        print(f"{stack:8} {_figure(alone):>20} {_figure(paired):>20}")
    print(f"(median (min-max) of {args.repeat} alternating runs, whole command, seconds)")


if __name__ == "__main__":
    main()
