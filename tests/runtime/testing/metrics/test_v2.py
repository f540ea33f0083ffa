"""GetMetricDataV2 through real boto3 and the local endpoint, against hand-checked figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from botocore.exceptions import ClientError

from connect_runtime import MetricFilterV2, MetricV2
from connect_runtime.testing import ConnectEndpoint, ManualClock, load_seed

SEED = Path(__file__).parents[2] / "data" / "metrics_v2_seed.yaml"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
END = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
FOUR = ["CONTACTS_HANDLED", "AVG_HANDLE_TIME", "ABANDONMENT_RATE"]


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    return dict(yaml.safe_load(SEED.read_text(encoding="utf-8")))


@pytest.fixture
def served(seed: dict[str, Any]) -> Iterator[ConnectEndpoint]:
    state = load_seed({"instances": seed["instances"]}, clock=ManualClock(NOW))
    with ConnectEndpoint(state, rate_limits=None) as endpoint:
        yield endpoint


def _arn(endpoint: ConnectEndpoint) -> str:
    return endpoint.instance("v2-centre").instance.arn


def _rows(endpoint: ConnectEndpoint, metrics: list[Any], **options: Any) -> list[Any]:
    runtime = endpoint.runtime("v2-centre")
    options.setdefault("filters", {"QUEUE": ["q-sales", "q-support"]})
    return list(runtime.get_metric_data_v2(_arn(endpoint), START, END, metrics, now=NOW, **options))


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_by_queue_and_hour_matches_the_hand_checked_figures(
    served: ConnectEndpoint, seed: dict[str, Any]
) -> None:
    metrics = [*FOUR, MetricV2("SERVICE_LEVEL", threshold=60)]
    rows = _rows(served, metrics, groupings=["QUEUE"], interval_period="HOUR")
    got = {(r.dimensions["QUEUE"], r.interval_start, r.metric_name): r.value for r in rows}
    expected = seed["expected"]["by_queue_and_hour"]
    assert len(rows) == len(expected) * 4
    for entry in expected:
        for name in [*FOUR, "SERVICE_LEVEL"]:
            key = (entry["queue"], _when(entry["start"]), name)
            assert got[key] == pytest.approx(entry[name], abs=1e-3), key
    hours = {(r.interval_start, r.interval_end) for r in rows}
    assert hours == {(START, START.replace(hour=10)), (START.replace(hour=10), END)}
    assert {r.threshold_value for r in rows if r.metric_name == "SERVICE_LEVEL"} == {60.0}


def test_total_without_grouping(served: ConnectEndpoint, seed: dict[str, Any]) -> None:
    rows = _rows(served, [*FOUR, MetricV2("SERVICE_LEVEL", threshold=60)])
    assert {r.metric_name: r.value for r in rows} == pytest.approx(
        seed["expected"]["total"], abs=1e-3
    )
    assert {(r.interval_period, r.interval_start, r.interval_end) for r in rows} == {
        ("TOTAL", START, END)
    }


def test_less_than_and_less_than_or_equal_differ_at_the_edge(
    served: ConnectEndpoint, seed: dict[str, Any]
) -> None:
    metrics = [
        MetricV2("SERVICE_LEVEL", threshold=40),
        MetricV2("SERVICE_LEVEL", threshold=40, comparison="LTE"),
    ]
    rows = _rows(served, metrics, filters={"QUEUE": ["q-sales"]}, interval_period="HOUR")
    late = {r.threshold_comparison: r.value for r in rows if r.interval_start.hour == 10}
    assert late == seed["expected"]["edge_40_seconds"]


def test_by_agent(served: ConnectEndpoint, seed: dict[str, Any]) -> None:
    rows = _rows(served, ["CONTACTS_HANDLED", "AVG_HANDLE_TIME"], groupings=["AGENT"])
    got: dict[str, dict[str, float | None]] = {}
    for row in rows:
        got.setdefault(row.dimensions["AGENT"], {})[row.metric_name] = row.value
    assert got == seed["expected"]["by_agent"]


def test_metric_filters_and_negate(served: ConnectEndpoint) -> None:
    inbound = MetricFilterV2("INITIATION_METHOD", ("INBOUND",))
    rows = _rows(
        served,
        [
            MetricV2("CONTACTS_HANDLED", filters=(inbound,)),
            MetricV2(
                "CONTACTS_HANDLED",
                filters=(MetricFilterV2("INITIATION_METHOD", ("INBOUND",), negate=True),),
            ),
        ],
    )
    assert [r.value for r in rows] == [5.0, 0.0]  # every seeded contact is INBOUND


def test_pages_follow_next_token_through_boto3(served: ConnectEndpoint) -> None:
    rows = _rows(
        served,
        ["CONTACTS_HANDLED"],
        groupings=["QUEUE"],
        interval_period="FIFTEEN_MIN",
        max_results=3,
    )
    # 2 queues x 8 quarter hours, 3 results a page: 6 pages, every row once
    assert len(rows) == 16
    assert len({(r.dimensions["QUEUE"], r.interval_start) for r in rows}) == 16
    assert sum(r.value for r in rows) == 5


def test_the_endpoint_refuses_what_the_builder_refuses(served: ConnectEndpoint) -> None:
    client = served.client()
    with pytest.raises(ClientError) as caught:
        client.get_metric_data_v2(
            ResourceArn=_arn(served), StartTime=START, EndTime=END,
            Filters=[{"FilterKey": "CHANNEL", "FilterValues": ["VOICE"]}],
            Metrics=[{"Name": "CONTACTS_HANDLED"}],
        )  # fmt: skip
    assert caught.value.response["Error"]["Code"] == "InvalidParameterException"
    assert "authorizing key" in caught.value.response["Error"]["Message"]


def test_an_expired_token_restarts_the_part_through_boto3(seed: dict[str, Any]) -> None:
    clock = ManualClock(NOW)
    state = load_seed({"instances": seed["instances"]}, clock=clock)
    answers: list[dict[str, Any]] = []

    def age_after_first_page(parsed: dict[str, Any], **_: Any) -> None:
        answers.append(parsed)
        if len(answers) == 1:
            clock.advance(301)  # the token just issued is now older than 5 minutes

    with ConnectEndpoint(state, rate_limits=None) as endpoint:
        runtime = endpoint.runtime("v2-centre")
        runtime.client.meta.events.register(
            "after-call.connect.GetMetricDataV2", age_after_first_page
        )
        rows = list(
            runtime.get_metric_data_v2(
                _arn(endpoint), START, END, ["CONTACTS_HANDLED"],
                filters={"QUEUE": ["q-sales", "q-support"]}, groupings=["QUEUE"],
                interval_period="FIFTEEN_MIN", max_results=5, now=NOW,
            )
        )  # fmt: skip
        requests = endpoint.stats.requests["GetMetricDataV2"]
    assert len(rows) == 16
    assert len({(r.dimensions["QUEUE"], r.interval_start) for r in rows}) == 16
    errors = [a["Error"]["Message"] for a in answers if "Error" in a]
    assert len(errors) == 1
    assert "expired" in errors[0]
    assert requests == 1 + 1 + 4  # a page, the refused page, then all 4 pages again
