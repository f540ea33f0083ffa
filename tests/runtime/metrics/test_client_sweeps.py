"""ConnectRuntime.get_metric_data_v2: splitting, paging, expired-token restarts, rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

from connect_runtime import ConnectRequestError, ConnectRuntime, MetricV2
from connect_runtime.metrics.split import split_v2_query

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ARN = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"


@pytest.fixture
def stubbed() -> Iterator[tuple[ConnectRuntime, Stubber]]:
    client = boto3.client(
        "connect", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    runtime = ConnectRuntime("inst", client=client, rate_limits=None, sleep=lambda s: None)
    with Stubber(client) as stub:
        yield runtime, stub
        stub.assert_no_pending_responses()


def _result(queue: str, value: float, start: datetime, end: datetime) -> dict[str, Any]:
    return {
        "Dimensions": {"QUEUE": queue},
        "MetricInterval": {"Interval": "DAY", "StartTime": start, "EndTime": end},
        "Collections": [{"Metric": {"Name": "CONTACTS_HANDLED"}, "Value": value}],
    }


def _expect(stub: Stubber, response: dict[str, Any], **params: Any) -> None:
    expected = {
        "ResourceArn": ARN, "StartTime": ANY, "EndTime": ANY, "Interval": ANY,
        "Filters": ANY, "Groupings": ["QUEUE"], "Metrics": [{"Name": "CONTACTS_HANDLED"}],
    }  # fmt: skip
    expected.update(params)
    stub.add_response("get_metric_data_v2", response, expected)


def test_filter_values_and_range_are_split_and_every_part_is_fetched(
    stubbed: tuple[ConnectRuntime, Stubber],
) -> None:
    runtime, stub = stubbed
    queues = [f"q{i:03}" for i in range(150)]
    start = NOW - timedelta(days=50)
    parts = split_v2_query(
        filters={"QUEUE": queues}, groupings=["QUEUE"], start_time=start, end_time=NOW,
        interval_period="DAY",
    )  # fmt: skip
    assert len(parts) == 4
    for part in parts:
        filters = [{"FilterKey": "QUEUE", "FilterValues": list(part.filters["QUEUE"])}]
        result = _result(part.filters["QUEUE"][0], 1.0, part.start, part.end)
        _expect(stub, {"MetricResults": [result]}, Filters=filters,
                StartTime=part.start, EndTime=part.end)  # fmt: skip
    rows = list(
        runtime.get_metric_data_v2(
            ARN, start, NOW, ["CONTACTS_HANDLED"], filters={"QUEUE": queues},
            groupings=["QUEUE"], interval_period="DAY", now=NOW,
        )
    )  # fmt: skip
    assert [(r.dimensions["QUEUE"], r.interval_start, r.interval_end) for r in rows] == [
        (p.filters["QUEUE"][0], p.start, p.end) for p in parts
    ]
    assert all(p.end - p.start < timedelta(days=35) for p in parts)
    assert parts[0].start == start
    assert parts[-1].end == NOW


def test_ungrouped_values_beyond_a_hundred_are_refused_before_sending(
    stubbed: tuple[ConnectRuntime, Stubber],
) -> None:
    runtime, _ = stubbed
    with pytest.raises(ConnectRequestError, match="keys that are also groupings") as caught:
        runtime.get_metric_data_v2(
            ARN, NOW - timedelta(days=1), NOW, ["CONTACTS_HANDLED"],
            filters={"QUEUE": [f"q{i}" for i in range(101)]}, now=NOW,
        )  # fmt: skip
    assert caught.value.field == "Filters"


def test_pages_are_followed_and_an_expired_token_restarts_the_part(
    stubbed: tuple[ConnectRuntime, Stubber],
) -> None:
    runtime, stub = stubbed
    start = NOW - timedelta(days=1)
    first = {"MetricResults": [_result("q1", 1.0, start, NOW)], "NextToken": "t1"}
    _expect(stub, first)
    stub.add_client_error(
        "get_metric_data_v2", "InvalidRequestException",
        "The NextToken has expired; repeat the request without NextToken", 400,
    )  # fmt: skip
    _expect(stub, first)
    _expect(stub, {"MetricResults": [_result("q2", 2.0, start, NOW)]}, NextToken="t1")
    rows = list(
        runtime.get_metric_data_v2(
            ARN, start, NOW, [MetricV2("CONTACTS_HANDLED")], filters={"QUEUE": ["q1", "q2"]},
            groupings=["QUEUE"], interval_period="DAY", now=NOW,
        )
    )  # fmt: skip
    assert [(r.dimensions["QUEUE"], r.value) for r in rows] == [("q1", 1.0), ("q2", 2.0)]
