"""Offline plan cost, measured: the stack program under mocks, the rules called directly, and
the whole plan with the pack over gRPC, per environment.

    python benchmarks/offline_plan.py [--repeat N]

Prints figures; asserts nothing (the machines are shared and noisy: compare within one run).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent / "policy"))  # the rules package

from connect_streaming_plan.plan import run_plan
from connect_streaming_policy.catalogue import RESOURCE_RULES
from connect_streaming_policy.vocabulary import Context
from tests.repo import POLICY_PACK_DIR, known_stacks, load_stack_config, project, run_stack_program


def _median(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'stack':8} {'resources':>9} {'program ms':>11} {'rules ms':>9} {'plan ms':>8}")
    for stack in known_stacks():
        config = load_stack_config(stack)
        program, rules, plans = [], [], []
        resources = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            run = run_stack_program(stack, config)
            program.append(time.perf_counter() - start)
            resources = len(run.resources)
            start = time.perf_counter()
            for resource in run.resources:
                for rule in RESOURCE_RULES:
                    rule.violations(resource.type, resource.inputs, Context(environment=stack))
            rules.append(time.perf_counter() - start)
            start = time.perf_counter()
            plan = run_plan(stack, project=project(), pack_dir=POLICY_PACK_DIR)
            plans.append(time.perf_counter() - start)
            assert plan.exit_code == 0, f"{stack} is not clean"
        print(
            f"{stack:8} {resources:>9} {_median(program):>11.1f} {_median(rules):>9.2f}"
            f" {_median(plans):>8.0f}"
        )
    print(f"(median of {args.repeat}; plan = program + starting the pack + gRPC analysis)")


if __name__ == "__main__":
    main()
