"""Metrics sweep over 5,000 queues at the documented quota: ConnectRuntime vs a plain boto3 loop.

Prints each run's time, its share of the quota-bound time, and the throttling it met.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.exceptions import ClientError

from connect_runtime import DEFAULT_RATE_LIMITS, CurrentMetric
from connect_runtime.testing import ConnectEndpoint, ConnectState

OPERATION = "GetCurrentMetricData"
METRICS = ["CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE", "AGENTS_ONLINE", "AGENTS_AVAILABLE"]
CHUNK = 100


def build_state(queues: int) -> ConnectState:
    """``queues`` queues, a routing profile per 50 of them with two agents, some waiting chats."""
    state = ConnectState()
    instance = state.add_instance("bench")
    ids = [f"q-{index:05}" for index in range(queues)]
    for queue_id in ids:
        instance.add_queue(queue_id)
    for start in range(0, queues, 50):
        profile = f"rp-{start // 50:04}"
        instance.add_routing_profile(profile, queues=ids[start : start + 50])
        instance.add_agent(f"{profile}-a", routing_profile=profile)
        instance.add_agent(f"{profile}-b", routing_profile=profile, status="Offline")
    for index, queue_id in enumerate(ids):
        for _ in range(index % 3):
            instance.add_contact(channel="CHAT", queue=queue_id, enqueued_at=index % 600)
    return state


@dataclass
class Run:
    name: str
    seconds: float
    requests: int
    rows: int
    throttled_by_endpoint: int
    throttling_errors_to_caller: int


def sweep_with_runtime(endpoint: ConnectEndpoint, queue_ids: list[str]) -> tuple[int, int]:
    """ConnectRuntime with its defaults: its own retries and the documented client quotas."""
    runtime = endpoint.runtime()
    rows = 0
    errors = 0
    metrics = [CurrentMetric(name) for name in METRICS]
    while True:
        try:
            rows = sum(
                1 for _ in runtime.current_metrics(metrics, queues=queue_ids, groupings=["QUEUE"])
            )
            return rows, errors
        except ClientError as error:  # would be a throttling error reaching the caller
            if error.response["Error"]["Code"] != "ThrottlingException":
                raise
            errors += 1


def sweep_with_plain_boto3(endpoint: ConnectEndpoint, queue_ids: list[str]) -> tuple[int, int]:
    """What a first attempt looks like: boto3 defaults, chunks of 100, NextToken followed.

    A throttling error that reaches the loop is counted and the same page asked for again,
    so the sweep still completes.
    """
    client: Any = boto3.client(
        "connect",
        endpoint_url=endpoint.url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    metrics = [{"Name": name, "Unit": CurrentMetric(name).unit} for name in METRICS]
    rows = 0
    errors = 0
    for start in range(0, len(queue_ids), CHUNK):
        request: dict[str, Any] = {
            "InstanceId": "bench",
            "Filters": {"Queues": queue_ids[start : start + CHUNK]},
            "Groupings": ["QUEUE"],
            "CurrentMetrics": metrics,
        }
        while True:
            try:
                answer = client.get_current_metric_data(**request)
            except ClientError as error:
                if error.response["Error"]["Code"] != "ThrottlingException":
                    raise
                errors += 1
                continue
            rows += len(answer["MetricResults"]) * len(METRICS)
            if not answer.get("NextToken"):
                break
            request["NextToken"] = answer["NextToken"]
    return rows, errors


def measure(name: str, queues: int, latency: float, sweep: Any) -> Run:
    state = build_state(queues)
    queue_ids = list(state["bench"].queues)
    with ConnectEndpoint(state, latency=latency) as endpoint:
        started = time.perf_counter()
        rows, errors = sweep(endpoint, queue_ids)
        seconds = time.perf_counter() - started
        return Run(
            name,
            seconds,
            endpoint.stats.requests[OPERATION],
            rows,
            endpoint.stats.throttled[OPERATION],
            errors,
        )


def _spread(values: list[float], fmt: str) -> str:
    return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


def summarise(results: dict[str, list[Run]], bound: float) -> None:
    """Median (range) per kind of run, and the time ratio of the runs made side by side."""
    runs = len(next(iter(results.values())))
    print(f"median (range) over {runs} run(s):")
    for name, kind in results.items():
        shares = [100.0 * bound / run.seconds for run in kind]
        print(
            f"  {name:<18} seconds {_spread([run.seconds for run in kind], '.2f')};"
            f" quota-bound share {_spread(shares, '.1f')}%; requests"
            f" {_spread([float(run.requests) for run in kind], '.0f')}; 429s sent"
            f" {_spread([float(run.throttled_by_endpoint) for run in kind], '.0f')};"
            " throttling errors to caller"
            f" {_spread([float(run.throttling_errors_to_caller) for run in kind], '.0f')}"
        )
    if len(results) == 2:
        mine, plain = results.values()
        ratios = [a.seconds / b.seconds for a, b in zip(mine, plain, strict=True)]
        print(f"  ConnectRuntime / plain loop time, run by run: {_spread(ratios, '.3f')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queues", type=int, default=5000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per answer")
    parser.add_argument("--skip-plain", action="store_true", help="only the ConnectRuntime run")
    parser.add_argument("--runs", type=int, default=1, help="runs of each, side by side")
    args = parser.parse_args()
    limit = DEFAULT_RATE_LIMITS[OPERATION]
    pages = -(-args.queues // CHUNK)
    bound = limit.min_seconds(pages)
    print(
        f"{args.queues} queues -> {pages} requests of {CHUNK} queues; latency"
        f" {args.latency * 1000:.0f} ms; quota {limit.rate:g}/s burst {limit.burst}"
    )
    print(f"quota-bound lower time: ({pages} - {limit.burst}) / {limit.rate:g} = {bound:.2f} s")
    kinds = [("ConnectRuntime", sweep_with_runtime)]
    if not args.skip_plain:
        kinds.append(("plain boto3 loop", sweep_with_plain_boto3))
    print(
        f"{'#':>3} {'run':<18} {'seconds':>8} {'% quota-bound':>14} {'requests':>9} {'rows':>7}"
        f" {'429s sent':>10} {'throttling errors to caller':>28}",
        flush=True,
    )
    results: dict[str, list[Run]] = {name: [] for name, _ in kinds}
    for number in range(1, args.runs + 1):
        for name, sweep in kinds:
            run = measure(name, args.queues, args.latency, sweep)
            results[name].append(run)
            share = 100.0 * bound / run.seconds if run.seconds else 0.0
            print(
                f"{number:>3} {run.name:<18} {run.seconds:>8.2f} {share:>13.1f}%"
                f" {run.requests:>9} {run.rows:>7} {run.throttled_by_endpoint:>10}"
                f" {run.throttling_errors_to_caller:>28}",
                flush=True,
            )
    summarise(results, bound)


if __name__ == "__main__":
    main()
