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
import statistics
import threading
import time
from dataclasses import dataclass

from botocore.exceptions import ClientError

from connect_runtime import DEFAULT_RATE_LIMITS, CurrentMetric
from connect_runtime.ratelimit import RateLimiter
from connect_runtime.testing import ConnectEndpoint, ConnectState

OPERATION = "GetCurrentMetricData"
ACCOUNT = "123456789012"
INSTANCES = ("bench-a", "bench-b", "bench-c")
METRICS = [CurrentMetric(name) for name in ("CONTACTS_IN_QUEUE", "AGENTS_ONLINE")]
SPARE = 1  # ConnectRuntime's defaults: burst_spare=1, rate_margin=0


def build_state(queues: int) -> ConnectState:
    """Three instances in one account and Region, ``queues`` queues each."""
    state = ConnectState()
    for instance_id in INSTANCES:
        instance = state.add_instance(instance_id, account_id=ACCOUNT, region="us-east-1")
        for index in range(queues):
            instance.add_queue(f"q-{index:05}")
    return state


@dataclass
class Run:
    mode: str
    seconds: float
    requests: int
    throttled_by_endpoint: int
    throttling_errors_to_caller: int


def _sweep(
    endpoint: ConnectEndpoint, instance_id: str, limiter: RateLimiter, errors: list[int]
) -> None:
    runtime = endpoint.runtime(instance_id, limiter=limiter)
    queues = list(endpoint.state[instance_id].queues)
    while True:
        try:
            for _ in runtime.current_metrics(METRICS, queues=queues, groupings=["QUEUE"]):
                pass
            return
        except ClientError as error:  # a throttling error that reached the caller
            if error.response["Error"]["Code"] != "ThrottlingException":
                raise
            errors.append(1)  # counted; the sweep is repeated so that it still completes


def measure(mode: str, queues: int, latency: float) -> Run:
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
        seconds = time.perf_counter() - started
        return Run(
            mode,
            seconds,
            endpoint.stats.requests[OPERATION],
            endpoint.stats.throttled[OPERATION],
            len(errors),
        )


def _spread(values: list[float], fmt: str) -> str:
    return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queues", type=int, default=2000, help="queues per instance")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per answer")
    parser.add_argument("--runs", type=int, default=5)
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
    header = f"{'run':>4} {'mode':<12} {'seconds':>8} {'% quota-bound':>14} {'requests':>9}"
    print(header + f" {'429s sent':>10} {'throttling errors to caller':>28}", flush=True)
    results: dict[str, list[Run]] = {"shared": [], "independent": []}
    for number in range(1, args.runs + 1):
        for mode in results:
            run = measure(mode, args.queues, args.latency)
            results[mode].append(run)
            print(
                f"{number:>4} {mode:<12} {run.seconds:>8.2f} {100 * bound / run.seconds:>13.1f}%"
                f" {run.requests:>9} {run.throttled_by_endpoint:>10}"
                f" {run.throttling_errors_to_caller:>28}",
                flush=True,
            )
    print(f"median (range) over {args.runs} runs:")
    for mode, runs in results.items():
        shares = [100 * bound / run.seconds for run in runs]
        print(
            f"  {mode:<12} seconds {_spread([r.seconds for r in runs], '.2f')};"
            f" quota-bound share {_spread(shares, '.1f')}%;"
            f" 429s sent {_spread([float(r.throttled_by_endpoint) for r in runs], '.0f')};"
            f" throttling errors to caller"
            f" {_spread([float(r.throttling_errors_to_caller) for r in runs], '.0f')}"
        )


if __name__ == "__main__":
    main()
