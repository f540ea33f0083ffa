"""Three instances of one account swept at once: one shared rate limiter vs one per runtime.

The quota (GetCurrentMetricData 5/s burst 8) applies per account and Region, on the endpoint
as in the service. Each run sweeps 2,000 queues per instance (grouped by QUEUE, 20 requests
each, 60 in all) from three threads, first with the three runtimes sharing one limiter, then
with a limiter each, on a fresh endpoint each time. Prints each run's share of the
quota-bound time, the 429s the endpoint sent and the throttling errors that reached the
caller, then the median and range over ``--runs``.
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
import time
from pathlib import Path

if not __package__:  # run as a file: make the benchmarks package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _common
from connect_runtime import DEFAULT_RATE_LIMITS, CurrentMetric
from connect_runtime.ratelimit import RateLimiter
from connect_runtime.testing import ConnectEndpoint, ConnectState

OPERATION = "GetCurrentMetricData"
ACCOUNT = "123456789012"
INSTANCES = ("bench-a", "bench-b", "bench-c")
METRICS = [CurrentMetric(name) for name in ("CONTACTS_IN_QUEUE", "AGENTS_ONLINE")]
MODES = ("shared", "independent")
SPARE = 1  # ConnectRuntime's defaults: burst_spare=1, rate_margin=0


def build_state(queues: int) -> ConnectState:
    """Three instances in one account and Region, ``queues`` queues each."""
    state = ConnectState()
    for instance_id in INSTANCES:
        instance = state.add_instance(instance_id, account_id=ACCOUNT, region="us-east-1")
        for index in range(queues):
            instance.add_queue(f"q-{index:05}")
    return state


def _sweep(
    endpoint: ConnectEndpoint, instance_id: str, limiter: RateLimiter, errors: list[int]
) -> None:
    """One instance's sweep; a throttling error that reaches the caller is counted in
    ``errors`` and the sweep repeated, so that it still completes."""
    runtime = endpoint.runtime(instance_id, limiter=limiter)
    queues = list(endpoint.state[instance_id].queues)
    _, throttled = _common.retry_throttled(
        lambda: sum(1 for _ in runtime.current_metrics(METRICS, queues=queues, groupings=["QUEUE"]))
    )
    errors.append(throttled)


def measure(mode: str, queues: int, latency: float) -> _common.QuotaRun:
    state = build_state(queues)
    shared = RateLimiter(DEFAULT_RATE_LIMITS, spare=SPARE)
    limiters = [
        shared if mode == "shared" else RateLimiter(DEFAULT_RATE_LIMITS, spare=SPARE)
        for _ in INSTANCES
    ]
    errors: list[int] = []
    with ConnectEndpoint(state, latency=latency) as endpoint:
        threads = [
            threading.Thread(target=_sweep, args=(endpoint, instance_id, limiter, errors))
            for instance_id, limiter in zip(INSTANCES, limiters, strict=True)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return _common.QuotaRun.measured(mode, endpoint, OPERATION, started, sum(errors))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queues", type=int, default=2000, help="queues per instance")
    _common.add_run_arguments(parser, runs=5)
    args = parser.parse_args()
    limit = DEFAULT_RATE_LIMITS[OPERATION]
    requests = len(INSTANCES) * -(-args.queues // 100)
    bound = limit.min_seconds(requests)
    print(
        f"{len(INSTANCES)} instances of one account x {args.queues} queues -> {requests}"
        f" requests; latency {args.latency * 1000:.0f} ms; quota {limit.rate:g}/s burst"
        f" {limit.burst} per account and Region; quota-bound time {bound:.2f} s",
        flush=True,
    )
    runs = {mode: functools.partial(measure, mode, args.queues, args.latency) for mode in MODES}
    _common.summarise(_common.run_side_by_side(runs, args.runs, bound), bound)


if __name__ == "__main__":
    main()
