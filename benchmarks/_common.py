"""What the quota benchmarks share: the throttling-retry loop a caller writes, and the per-run
and median (range) report lines.

The scripts run as files (``python benchmarks/metrics_sweep.py``) or as modules
(``python -m benchmarks.metrics_sweep``); either way they import this as ``benchmarks._common``.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from botocore.exceptions import ClientError

from connect_runtime import DEFAULT_RATE_LIMITS
from connect_runtime.testing import ConnectEndpoint

T = TypeVar("T")


@dataclass
class QuotaRun:
    """One timed run against the endpoint's quota: what it asked, what it met."""

    name: str
    seconds: float
    requests: int
    throttled_by_endpoint: int
    throttling_errors_to_caller: int
    produced: int = 0
    """What the run is for (rows read, streams started); 0 where nothing is counted."""

    @classmethod
    def measured(
        cls,
        name: str,
        endpoint: ConnectEndpoint,
        operation: str,
        started: float,
        errors: int,
        produced: int = 0,
    ) -> QuotaRun:
        """The run that began at ``started`` (``time.perf_counter()``) and ends now."""
        seconds = time.perf_counter() - started
        requests, throttled = endpoint.stats.requests, endpoint.stats.throttled
        return cls(name, seconds, requests[operation], throttled[operation], errors, produced)


def retry_throttled(call: Callable[[], T]) -> tuple[T, int]:
    """``call()`` repeated while it raises ThrottlingException: its result and the count."""
    errors = 0
    while True:
        try:
            return call(), errors
        except ClientError as error:  # a throttling error that reached the caller
            if error.response["Error"]["Code"] != "ThrottlingException":
                raise
            errors += 1


def spread(values: Sequence[float], fmt: str) -> str:
    """``median (min-max)`` of ``values`` in the format ``fmt``."""
    return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


def add_run_arguments(
    parser: argparse.ArgumentParser, *, runs: int = 1, skip_plain: bool = False
) -> None:
    """--latency and --runs, as every quota benchmark takes them (and --skip-plain)."""
    if skip_plain:
        parser.add_argument("--skip-plain", action="store_true", help="only the ConnectRuntime run")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per answer")
    parser.add_argument("--runs", type=int, default=runs, help="runs of each, side by side")


def run_side_by_side(
    kinds: Mapping[str, Callable[[], QuotaRun]], runs: int, bound: float, produced: str = ""
) -> dict[str, list[QuotaRun]]:
    """Run each kind ``runs`` times, alternating, printing a line per run (``produced``: the
    column name of :attr:`QuotaRun.produced`, or "" to leave it out)."""
    extra = f" {produced:>8}" if produced else ""
    print(
        f"{'#':>3} {'run':<18} {'seconds':>8} {'% quota-bound':>14} {'requests':>9}{extra}"
        f" {'429s sent':>10} {'throttling errors to caller':>28}",
        flush=True,
    )
    results: dict[str, list[QuotaRun]] = {name: [] for name in kinds}
    for number in range(1, runs + 1):
        for name, measure in kinds.items():
            run = measure()
            results[name].append(run)
            share = 100.0 * bound / run.seconds if run.seconds else 0.0
            count = f" {run.produced:>8}" if produced else ""
            print(
                f"{number:>3} {run.name:<18} {run.seconds:>8.2f} {share:>13.1f}%"
                f" {run.requests:>9}{count} {run.throttled_by_endpoint:>10}"
                f" {run.throttling_errors_to_caller:>28}",
                flush=True,
            )
    return results


def summarise(results: Mapping[str, list[QuotaRun]], bound: float, ratio: str = "") -> None:
    """Median (range) per kind of run; with two kinds and a ``ratio`` label, their time ratio
    run by run."""
    runs = len(next(iter(results.values())))
    print(f"median (range) over {runs} run(s):")
    for name, kind in results.items():
        shares = [100.0 * bound / run.seconds for run in kind]
        print(
            f"  {name:<18} seconds {spread([run.seconds for run in kind], '.2f')};"
            f" quota-bound share {spread(shares, '.1f')}%; requests"
            f" {spread([float(run.requests) for run in kind], '.0f')}; 429s sent"
            f" {spread([float(run.throttled_by_endpoint) for run in kind], '.0f')};"
            " throttling errors to caller"
            f" {spread([float(run.throttling_errors_to_caller) for run in kind], '.0f')}"
        )
    if ratio and len(results) == 2:
        first, second = results.values()
        ratios = [a.seconds / b.seconds for a, b in zip(first, second, strict=True)]
        print(f"  {ratio}, run by run: {spread(ratios, '.3f')}")


def quota_bound(operation: str, requests: int, setup: str, latency: float) -> float:
    """Print the run's setup and the quota-bound lower time of ``requests`` calls; return it."""
    limit = DEFAULT_RATE_LIMITS[operation]
    bound = limit.min_seconds(requests)
    print(f"{setup}; latency {latency * 1000:.0f} ms; quota {limit.rate:g}/s burst {limit.burst}")
    print(
        f"quota-bound lower time: ({requests} - {limit.burst}) / {limit.rate:g} = {bound:.2f} s",
        flush=True,
    )
    return bound


def runtime_vs_plain(
    measure: Callable[[str, bool], QuotaRun], args: argparse.Namespace, bound: float, produced: str
) -> None:
    """Run ConnectRuntime and (unless ``--skip-plain``) the plain boto3 loop side by side,
    ``--runs`` times, and report both; ``measure(name, plain)`` makes one run."""
    kinds = {"ConnectRuntime": functools.partial(measure, "ConnectRuntime", False)}
    if not args.skip_plain:
        kinds["plain boto3 loop"] = functools.partial(measure, "plain boto3 loop", True)
    results = run_side_by_side(kinds, args.runs, bound, produced)
    summarise(results, bound, ratio="ConnectRuntime / plain loop time")
