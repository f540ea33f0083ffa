"""Metrics sweep over 5,000 queues at the documented quota: ConnectRuntime vs a plain boto3 loop.

Prints each run's time, its share of the quota-bound time, and the throttling it met.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path
from typing import Any

if not __package__:  # run as a file: make the benchmarks package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _common
from connect_runtime import CurrentMetric
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


def sweep_with_runtime(endpoint: ConnectEndpoint, queue_ids: list[str]) -> tuple[int, int]:
    """ConnectRuntime with its defaults: its own retries and the documented client quotas.

    A throttling error that reaches the caller is counted and the sweep repeated.
    """
    runtime = endpoint.runtime()
    metrics = [CurrentMetric(name) for name in METRICS]
    return _common.retry_throttled(
        lambda: sum(
            1 for _ in runtime.current_metrics(metrics, queues=queue_ids, groupings=["QUEUE"])
        )
    )


def sweep_with_plain_boto3(endpoint: ConnectEndpoint, queue_ids: list[str]) -> tuple[int, int]:
    """What a first attempt looks like: boto3 defaults, chunks of 100, NextToken followed.

    A throttling error that reaches the loop is counted and the same page asked for again,
    so the sweep still completes.
    """
    client: Any = endpoint.client()  # boto3's defaults
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
            answer, throttled = _common.retry_throttled(
                functools.partial(client.get_current_metric_data, **request)
            )
            errors += throttled
            rows += len(answer["MetricResults"]) * len(METRICS)
            if not answer.get("NextToken"):
                break
            request["NextToken"] = answer["NextToken"]
    return rows, errors


def measure(queues: int, latency: float, name: str, plain: bool) -> _common.QuotaRun:
    state = build_state(queues)
    queue_ids = list(state["bench"].queues)
    sweep = sweep_with_plain_boto3 if plain else sweep_with_runtime
    with ConnectEndpoint(state, latency=latency) as endpoint:
        started = time.perf_counter()
        rows, errors = sweep(endpoint, queue_ids)
        return _common.QuotaRun.measured(name, endpoint, OPERATION, started, errors, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queues", type=int, default=5000)
    _common.add_run_arguments(parser, skip_plain=True)
    args = parser.parse_args()
    pages = -(-args.queues // CHUNK)
    setup = f"{args.queues} queues -> {pages} requests of {CHUNK} queues"
    bound = _common.quota_bound(OPERATION, pages, setup, args.latency)
    sweep = functools.partial(measure, args.queues, args.latency)
    _common.runtime_vs_plain(sweep, args, bound, produced="rows")


if __name__ == "__main__":
    main()
