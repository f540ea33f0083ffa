"""GetMetricDataV2 costs: parsing the catalogue, building requests, and a split sweep.

Prints the median and range of each figure over ``--runs`` runs (default 5).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from connect_runtime import MetricV2, get_metric_data_v2_request
from connect_runtime.metrics import catalogue as v2
from connect_runtime.testing import ConnectEndpoint, ConnectState, ManualClock

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ARN = "arn:aws:connect:us-east-1:123456789012:instance/bench"
METRICS = ["CONTACTS_HANDLED", "AVG_HANDLE_TIME", "ABANDONMENT_RATE"]


def parse_catalogue() -> float:
    """Seconds to parse the catalogue and key lists from the (already loaded) model."""
    for cached in (v2.metric_catalogue, v2.filter_keys, v2.grouping_keys, v2.interval_ranges):
        cached.cache_clear()
    v2.authorizing_filter_keys.cache_clear()
    started = time.perf_counter()
    v2.metric_catalogue()
    return time.perf_counter() - started


def build_requests(count: int = 2000) -> float:
    """Requests built per second (3 metrics, one with a threshold, 50 queues, 2 groupings)."""
    metrics: list[MetricV2 | str] = [*METRICS, MetricV2("SERVICE_LEVEL", threshold=60)]
    queues = [f"q-{i}" for i in range(50)]
    started = time.perf_counter()
    for _ in range(count):
        get_metric_data_v2_request(
            resource_arn=ARN, start_time=NOW - timedelta(days=1), end_time=NOW, now=NOW,
            metrics=metrics, filters={"QUEUE": queues}, groupings=["QUEUE", "CHANNEL"],
            interval_period="HOUR",
        )  # fmt: skip
    return count / (time.perf_counter() - started)


def sweep(queues: int, days: int) -> tuple[float, int, int]:
    """(seconds, requests, rows) for a DAY sweep of ``queues`` queues over ``days`` days."""
    state = ConnectState(clock=ManualClock(NOW))
    instance = state.add_instance("bench", account_id="123456789012", region="us-east-1")
    ids = [f"q-{i:04}" for i in range(queues)]
    for queue_id in ids:
        instance.add_queue(queue_id)
    with ConnectEndpoint(state, rate_limits=None) as endpoint:
        runtime = endpoint.runtime("bench", rate_limits=None)
        started = time.perf_counter()
        rows = sum(
            1
            for _ in runtime.get_metric_data_v2(
                instance.instance.arn, NOW - timedelta(days=days), NOW, METRICS,
                filters={"QUEUE": ids}, groupings=["QUEUE"], interval_period="DAY", now=NOW,
            )
        )  # fmt: skip
        return time.perf_counter() - started, endpoint.stats.requests["GetMetricDataV2"], rows


def _summary(values: list[float], fmt: Callable[[float], str]) -> str:
    return f"median {fmt(statistics.median(values))} (range {fmt(min(values))}..{fmt(max(values))})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queues", type=int, default=250)
    parser.add_argument("--days", type=int, default=80)
    args = parser.parse_args()
    parse = [parse_catalogue() for _ in range(args.runs)]
    print(f"catalogue of {len(v2.metric_catalogue())} metrics parsed: "
          + _summary(parse, lambda s: f"{s * 1000:.1f} ms"))  # fmt: skip
    built = [build_requests() for _ in range(args.runs)]
    print("requests built per second: " + _summary(built, lambda r: f"{r:,.0f}"))
    runs = [sweep(args.queues, args.days) for _ in range(args.runs)]
    _, requests, rows = runs[0]
    print(
        f"DAY sweep of {args.queues} queues over {args.days} days -> {requests} requests,"
        f" {rows} rows: " + _summary([r[0] for r in runs], lambda s: f"{s:.2f} s")
    )


if __name__ == "__main__":
    main()
