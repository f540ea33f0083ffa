"""GetCurrentMetricData and GetMetricData: values from the seeded state, paging, time rules."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_runtime.metrics import CURRENT_METRIC_UNITS, HISTORICAL_METRIC_UNITS
from connect_runtime.testing import ConnectEndpoint, ConnectState, InstanceState, ManualClock
from tests.runtime.testing.conftest import INSTANCE, NOW, queued_chats, raw_request

CURRENT = sorted(CURRENT_METRIC_UNITS)


def code(caught: pytest.ExceptionInfo[ClientError]) -> str:
    return str(caught.value.response["Error"]["Code"])


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2021, 10, 29, hour, minute, second, tzinfo=UTC)


@pytest.fixture
def centre(clock: ManualClock) -> ConnectState:
    """Three queues, two routing profiles, six agents; times are absolute (clock at 12:02:30).

    Now: ann handles chat-live, ben handles h3 (voice), eve handles task-live and task-acw;
    queued: chat-q1 (30 s), chat-q2 (75.5 s), voice-q (12 s) on q-a, task-q (200 s) and x2
    (since 11:58, 270 s) on q-b.
    """
    state = ConnectState(clock=clock)
    i = state.add_instance(INSTANCE)
    for queue in ("q-a", "q-b", "q-c"):
        i.add_queue(queue)
    i.add_routing_profile(
        "rp-1", queues=["q-a", "q-b"], concurrency={"VOICE": 1, "CHAT": 2, "TASK": 0}
    )
    i.add_routing_profile(
        "rp-2", queues=["q-b", "q-c"], concurrency={"VOICE": 0, "CHAT": 0, "TASK": 3}
    )
    i.add_agent("ann", routing_profile="rp-1", online_since=at(10, 0))
    i.add_agent("ben", routing_profile="rp-1", online_since=at(10, 0))
    i.add_agent("cat", routing_profile="rp-1", status="Break")
    i.add_agent("dan", routing_profile="rp-1", status="Offline")
    i.add_agent("eve", routing_profile="rp-2", online_since=at(11, 30))
    i.add_agent("fay", routing_profile="rp-2", status="Error")
    # What is happening now.
    i.add_contact("chat-live", channel="CHAT", state="CONNECTED", queue="q-a", agent="ann")
    i.add_contact("task-live", channel="TASK", state="CONNECTED", queue="q-c", agent="eve")
    i.add_contact("task-acw", channel="TASK", state="ACW", queue="q-c", agent="eve")
    i.add_contact("chat-q1", channel="CHAT", queue="q-a", enqueued_at=30)
    i.add_contact("chat-q2", channel="CHAT", queue="q-a", enqueued_at=75.5)
    i.add_contact("voice-q", channel="VOICE", queue="q-a", enqueued_at=12)
    i.add_contact("callback", channel="VOICE", state="SCHEDULED", queue="q-a", scheduled_at=-60)
    i.add_contact("task-q", channel="TASK", queue="q-b", enqueued_at=200)
    _add_the_last_hour(i)
    return state


def _add_the_last_hour(i: InstanceState) -> None:
    """The contacts of the last hour (11:00-12:00), for historical metrics."""
    i.add_contact(
        "h1", channel="CHAT", queue="q-a", agent="ann", enqueued_at=at(11, 10),
        connected_at=at(11, 10, 20), ended_at=at(11, 20, 20), hold_seconds=60, acw_seconds=30,
        state="ENDED",
    )  # fmt: skip
    i.add_contact(
        "h2", channel="VOICE", queue="q-a", agent="ben", initiation_method="OUTBOUND",
        enqueued_at=at(11, 30), connected_at=at(11, 31, 40), ended_at=at(11, 41, 40),
        acw_seconds=120, disconnect_reason="AGENT_DISCONNECT", state="ENDED",
    )  # fmt: skip
    i.add_contact(
        "h3", channel="VOICE", state="CONNECTED", queue="q-b", agent="ben",
        initiation_method="CALLBACK", enqueued_at=at(11, 50), connected_at=at(11, 50, 5),
    )  # fmt: skip
    i.add_contact(
        "a1",
        channel="CHAT",
        queue="q-a",
        enqueued_at=at(11, 15),
        ended_at=at(11, 17),
        state="ENDED",
    )
    i.add_contact(
        "x1", channel="CHAT", queue="q-a", agent="ann", enqueued_at=at(10, 50),
        connected_at=at(10, 51), ended_at=at(10, 55), state="ENDED",
    )  # fmt: skip
    i.add_contact("x2", channel="CHAT", queue="q-b", enqueued_at=at(11, 58))
    i.add_contact(
        "t1", channel="TASK", queue="q-c", agent="eve", initiation_method="QUEUE_TRANSFER",
        enqueued_at=at(11, 40), connected_at=at(11, 45), ended_at=at(11, 55),
        transferred_out="AGENT", consulted=True, missed=2, state="ENDED",
    )  # fmt: skip


@pytest.fixture
def endpoint(centre: ConnectState) -> Iterator[ConnectEndpoint]:
    with ConnectEndpoint(centre, rate_limits=None) as served:
        yield served


def current(endpoint: ConnectEndpoint, **request: Any) -> dict[str, Any]:
    client = endpoint.client()
    request.setdefault(
        "CurrentMetrics", [{"Name": n, "Unit": CURRENT_METRIC_UNITS[n]} for n in CURRENT]
    )
    return dict(client.get_current_metric_data(InstanceId=INSTANCE, **request))


def table(answer: dict[str, Any], key: str) -> dict[str, dict[str, float | None]]:
    rows = {}
    for result in answer["MetricResults"]:
        dims = result["Dimensions"]
        label = dims[key]["Id"] if isinstance(dims.get(key), dict) else dims.get(key, "-")
        rows[label] = {c["Metric"]["Name"]: c.get("Value") for c in result["Collections"]}
    return rows


def test_real_time_metrics_by_queue(endpoint: ConnectEndpoint) -> None:
    answer = current(endpoint, Filters={"Queues": ["q-a", "q-b", "q-c"]}, Groupings=["QUEUE"])
    rows = table(answer, "Queue")
    columns = [
        "AGENTS_ONLINE", "AGENTS_AVAILABLE", "AGENTS_ON_CONTACT", "AGENTS_ON_CALL",
        "AGENTS_AFTER_CONTACT_WORK", "AGENTS_NON_PRODUCTIVE", "AGENTS_ERROR", "AGENTS_STAFFED",
        "SLOTS_ACTIVE", "SLOTS_AVAILABLE", "CONTACTS_IN_QUEUE", "CONTACTS_SCHEDULED",
        "OLDEST_CONTACT_AGE",
    ]  # fmt: skip
    expected = {
        "q-a": [3, 2, 2, 2, 0, 1, 0, 2, 2, 4, 3, 1, 75],
        "q-b": [5, 3, 3, 3, 1, 1, 1, 3, 4, 5, 2, 0, 270],
        "q-c": [2, 1, 1, 1, 1, 0, 1, 1, 2, 1, 0, 0, 0],
    }
    assert rows == {q: dict(zip(columns, v, strict=True)) for q, v in expected.items()}
    queue = answer["MetricResults"][0]["Dimensions"]["Queue"]
    assert queue["Arn"].endswith("/queue/q-a")
    units = {
        c["Metric"]["Name"]: c["Metric"]["Unit"] for c in answer["MetricResults"][0]["Collections"]
    }
    assert units == dict(CURRENT_METRIC_UNITS)
    assert answer["DataSnapshotTime"] == NOW


def test_oldest_contact_age_is_milliseconds_without_groupings(endpoint: ConnectEndpoint) -> None:
    metrics = [{"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"}]
    ungrouped = current(endpoint, Filters={"Queues": ["q-a"]}, CurrentMetrics=metrics)
    grouped = current(
        endpoint, Filters={"Queues": ["q-a"]}, CurrentMetrics=metrics, Groupings=["QUEUE"]
    )
    assert ungrouped["MetricResults"][0]["Dimensions"] == {}
    [collection] = ungrouped["MetricResults"][0]["Collections"]
    assert collection == {
        "Metric": {"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"},
        "Value": 75500,
    }
    assert grouped["MetricResults"][0]["Collections"][0]["Value"] == 75


AGENTS_ONLINE_AND_QUEUED = [
    {"Name": "AGENTS_ONLINE", "Unit": "COUNT"},
    {"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"},
]


@pytest.mark.parametrize(
    ("filters", "grouping", "dimension", "expected"),
    [
        (
            {"Queues": ["q-a", "q-b"], "Channels": ["CHAT", "TASK"]},
            "CHANNEL",
            "Channel",
            {
                "CHAT": {"AGENTS_ONLINE": 3, "CONTACTS_IN_QUEUE": 3},
                "TASK": {"AGENTS_ONLINE": 2, "CONTACTS_IN_QUEUE": 1},
            },
        ),
        (
            {"RoutingProfiles": ["rp-1", "rp-2"]},
            "ROUTING_PROFILE",
            "RoutingProfile",
            {
                "rp-1": {"AGENTS_ONLINE": 3, "CONTACTS_IN_QUEUE": 4},
                "rp-2": {"AGENTS_ONLINE": 2, "CONTACTS_IN_QUEUE": 1},
            },
        ),
    ],
    ids=["channel", "routing-profile"],
)
def test_channel_and_routing_profile_groupings(
    endpoint: ConnectEndpoint,
    filters: dict[str, list[str]],
    grouping: str,
    dimension: str,
    expected: dict[str, dict[str, int]],
) -> None:
    answer = current(
        endpoint, Filters=filters, Groupings=[grouping], CurrentMetrics=AGENTS_ONLINE_AND_QUEUED
    )
    assert table(answer, dimension) == expected


def test_queue_and_channel_grouping(endpoint: ConnectEndpoint) -> None:
    both = current(
        endpoint,
        Filters={"Queues": ["q-a", "q-b"], "Channels": ["CHAT", "VOICE"]},
        Groupings=["QUEUE", "CHANNEL"],
        CurrentMetrics=AGENTS_ONLINE_AND_QUEUED[1:],
    )
    pairs = {
        (r["Dimensions"]["Queue"]["Id"], r["Dimensions"]["Channel"]): r["Collections"][0]["Value"]
        for r in both["MetricResults"]
    }
    assert pairs == {
        ("q-a", "CHAT"): 2,
        ("q-a", "VOICE"): 1,
        ("q-b", "CHAT"): 1,
        ("q-b", "VOICE"): 0,
    }


def test_instance_grouping_and_arn_filters(endpoint: ConnectEndpoint, centre: ConnectState) -> None:
    # The installed model dropped InstanceReference and QueueType from the response shape,
    # so botocore discards them: read the wire answer as the 2021 API sends it.
    arn = centre[INSTANCE].queues["q-b"].arn
    body = {
        "Filters": {"Queues": [arn]},
        "Groupings": ["INSTANCE"],
        "CurrentMetrics": [{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
    }
    status, _, answer = raw_request(
        endpoint, "POST", f"/metrics/current/{INSTANCE}", json.dumps(body)
    )
    assert status == 200
    [row] = answer["MetricResults"]
    assert row["Dimensions"] == {
        "InstanceReference": {"Id": INSTANCE, "Arn": centre[INSTANCE].instance.arn}
    }
    assert row["Collections"][0]["Value"] == 2
    body["Groupings"] = ["QUEUE"]
    _, _, answer = raw_request(endpoint, "POST", f"/metrics/current/{INSTANCE}", json.dumps(body))
    assert answer["MetricResults"][0]["Dimensions"]["Queue"] == {
        "Id": "q-b",
        "Arn": arn,
        "QueueType": "STANDARD",
    }


def test_unknown_queue_in_a_filter(endpoint: ConnectEndpoint) -> None:
    with pytest.raises(ClientError) as caught:
        current(endpoint, Filters={"Queues": ["q-a", "q-zz"]})
    assert code(caught) == "ResourceNotFoundException"
    assert "Queue q-zz was not found" in caught.value.response["Error"]["Message"]


@pytest.fixture(scope="module")
def shared_endpoint() -> Iterator[ConnectEndpoint]:
    with ConnectEndpoint(ConnectState(clock=ManualClock(NOW)), rate_limits=None) as served:
        yield served


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    contacts=st.lists(
        st.tuples(
            st.sampled_from(["q-a", "q-b", "q-c"]),
            st.sampled_from(["VOICE", "CHAT", "TASK"]),
            st.sampled_from(["QUEUED", "CONNECTED", "SCHEDULED", "ENDED"]),
            st.integers(min_value=0, max_value=86_000),
        ),
        max_size=25,
    )
)
def test_queue_counts_match_an_independent_count(
    shared_endpoint: ConnectEndpoint, contacts: list[tuple[str, str, str, int]]
) -> None:
    instance = shared_endpoint.state.add_instance(f"i-{len(shared_endpoint.state.instances)}")
    for queue in ("q-a", "q-b", "q-c"):
        instance.add_queue(queue)
    for queue, channel, status, age in contacts:
        instance.add_contact(channel=channel, state=status, queue=queue, enqueued_at=age)
    answer = shared_endpoint.client().get_current_metric_data(
        InstanceId=instance.id,
        Filters={"Queues": ["q-a", "q-b", "q-c"], "Channels": ["VOICE", "CHAT", "TASK"]},
        Groupings=["QUEUE", "CHANNEL"],
        CurrentMetrics=[
            {"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"},
            {"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"},
        ],
    )
    assert len(answer["MetricResults"]) == 9
    for result in answer["MetricResults"]:
        queue, channel = result["Dimensions"]["Queue"]["Id"], result["Dimensions"]["Channel"]
        waiting = [a for q, c, s, a in contacts if (q, c, s) == (queue, channel, "QUEUED")]
        count, oldest = (c["Value"] for c in result["Collections"])
        assert count == len(waiting)
        assert oldest == max(waiting, default=0)


# --- historical -----------------------------------------------------------------------------


def historical(endpoint: ConnectEndpoint, names: list[str], **request: Any) -> dict[str, Any]:
    metrics: list[Any] = []
    for name in names:
        unit, statistic = HISTORICAL_METRIC_UNITS[name]
        metric: dict[str, Any] = {"Name": name, "Unit": unit, "Statistic": statistic}
        if name == "SERVICE_LEVEL":
            metric["Threshold"] = {"Comparison": "LT", "ThresholdValue": 60.0}
        metrics.append(metric)
    request.setdefault("StartTime", at(11, 0))
    request.setdefault("EndTime", at(12, 0))
    client = endpoint.client()
    return dict(client.get_metric_data(InstanceId=INSTANCE, HistoricalMetrics=metrics, **request))


def test_historical_metrics_by_queue(endpoint: ConnectEndpoint) -> None:
    names = sorted(set(HISTORICAL_METRIC_UNITS) - {"OCCUPANCY"})
    answer = historical(
        endpoint, names, Filters={"Queues": ["q-a", "q-b", "q-c"]}, Groupings=["QUEUE"]
    )
    rows = table(answer, "Queue")
    zero = {name: 0 for name in names if HISTORICAL_METRIC_UNITS[name][0] == "COUNT"}
    none = {name: None for name in names if HISTORICAL_METRIC_UNITS[name][0] != "COUNT"}
    assert rows["q-a"] == {
        **zero, **none, "CONTACTS_QUEUED": 3, "CONTACTS_HANDLED": 2,
        "CONTACTS_HANDLED_INCOMING": 1, "CONTACTS_HANDLED_OUTBOUND": 1, "CONTACTS_ABANDONED": 1,
        "CONTACTS_AGENT_HUNG_UP_FIRST": 1, "ABANDON_TIME": 120, "QUEUE_ANSWER_TIME": 60,
        "INTERACTION_TIME": 570, "HOLD_TIME": 30, "INTERACTION_AND_HOLD_TIME": 600,
        "AFTER_CONTACT_WORK_TIME": 75, "HANDLE_TIME": 675, "QUEUED_TIME": 120,
        "SERVICE_LEVEL": 33.333,
    }  # fmt: skip
    assert rows["q-b"] == {
        **zero, **none, "CONTACTS_QUEUED": 3, "CONTACTS_HANDLED": 1,
        "CONTACTS_HANDLED_INCOMING": 1, "CALLBACK_CONTACTS_HANDLED": 1,
        "QUEUE_ANSWER_TIME": 5, "QUEUED_TIME": 5, "SERVICE_LEVEL": 100,
    }  # fmt: skip
    assert rows["q-c"] == {
        **zero, **none, "CONTACTS_QUEUED": 1, "CONTACTS_HANDLED": 1,
        "CONTACTS_HANDLED_INCOMING": 1, "CONTACTS_CONSULTED": 1, "CONTACTS_MISSED": 2,
        "CONTACTS_TRANSFERRED_IN": 1, "CONTACTS_TRANSFERRED_IN_FROM_QUEUE": 1,
        "CONTACTS_TRANSFERRED_OUT": 1, "CONTACTS_TRANSFERRED_OUT_BY_AGENT": 1,
        "QUEUE_ANSWER_TIME": 300, "INTERACTION_TIME": 600, "HOLD_TIME": 0,
        "INTERACTION_AND_HOLD_TIME": 600, "AFTER_CONTACT_WORK_TIME": 0, "HANDLE_TIME": 600,
        "QUEUED_TIME": 300, "SERVICE_LEVEL": 0,
    }  # fmt: skip
    collections = answer["MetricResults"][0]["Collections"]
    level = next(c["Metric"] for c in collections if c["Metric"]["Name"] == "SERVICE_LEVEL")
    assert level == {
        "Name": "SERVICE_LEVEL",
        "Unit": "PERCENT",
        "Statistic": "AVG",
        "Threshold": {"Comparison": "LT", "ThresholdValue": 60.0},
    }


def test_occupancy_and_a_narrow_window(endpoint: ConnectEndpoint) -> None:
    answer = historical(
        endpoint,
        ["OCCUPANCY", "CONTACTS_HANDLED"],
        Filters={"RoutingProfiles": ["rp-2"]},
        Groupings=["ROUTING_PROFILE"],
    )
    # eve: online 11:30-12:00 (1800 s), handled t1 11:45-11:55 (600 s); fay has no online time.
    assert table(answer, "RoutingProfile") == {"rp-2": {"OCCUPANCY": 33.333, "CONTACTS_HANDLED": 1}}
    narrow = historical(
        endpoint,
        ["CONTACTS_QUEUED"],
        Filters={"Channels": ["CHAT"]},
        StartTime=at(11, 10),
        EndTime=at(11, 15),
    )
    assert narrow["MetricResults"][0]["Collections"][0]["Value"] == 1  # h1; a1 is at 11:15


@pytest.mark.parametrize(
    ("start", "end", "needle"),
    [
        (at(11, 1), at(12, 0), "5-minute boundary"),
        (at(11, 0), at(11, 0), "later than StartTime"),
        (at(11, 0) - timedelta(days=1), at(11, 0), "24 hours"),
        (at(9, 0) - timedelta(days=1), at(10, 0) - timedelta(days=1), "24 hours before now"),
    ],
    ids=["boundary", "empty", "range", "too-old"],
)
def test_historical_time_window_rules(
    endpoint: ConnectEndpoint, start: datetime, end: datetime, needle: str
) -> None:
    with pytest.raises(ClientError, match=needle) as caught:
        historical(
            endpoint,
            ["CONTACTS_QUEUED"],
            Filters={"Channels": ["CHAT"]},
            StartTime=start,
            EndTime=end,
        )
    assert code(caught) == "InvalidParameterException"


# --- paging -------------------------------------------------------------------------------


@pytest.fixture
def many_queues(clock: ManualClock) -> Iterator[ConnectEndpoint]:
    with queued_chats(clock, queues=25, chats_modulo=4) as served:
        yield served


def page_request(**extra: Any) -> dict[str, Any]:
    return {
        "Filters": {"Queues": [f"q-{i:02}" for i in range(25)]},
        "Groupings": ["QUEUE"],
        "CurrentMetrics": [{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
        "MaxResults": 10,
        **extra,
    }


def test_pages_follow_next_token_to_the_end(many_queues: ConnectEndpoint) -> None:
    pages = [current(many_queues, **page_request())]
    while "NextToken" in pages[-1]:
        pages.append(current(many_queues, **page_request(NextToken=pages[-1]["NextToken"])))
    assert [len(p["MetricResults"]) for p in pages] == [10, 10, 5]
    ids = [r["Dimensions"]["Queue"]["Id"] for p in pages for r in p["MetricResults"]]
    assert ids == [f"q-{i:02}" for i in range(25)]
    counts = [r["Collections"][0]["Value"] for p in pages for r in p["MetricResults"]]
    assert counts == [i % 4 for i in range(25)]
    assert {p["DataSnapshotTime"] for p in pages} == {NOW}
    assert {p["ApproximateTotalCount"] for p in pages} == {25}


def test_a_token_is_bound_to_its_parameters(many_queues: ConnectEndpoint) -> None:
    token = current(many_queues, **page_request())["NextToken"]
    with pytest.raises(ClientError) as caught:
        current(many_queues, **page_request(NextToken=token, MaxResults=5))
    message = caught.value.response["Error"]["Message"]
    assert code(caught) == "InvalidParameterException"
    assert "parameters mismatch" in message
    assert "expired" not in message
    with pytest.raises(ClientError, match="not valid") as caught:
        current(many_queues, **page_request(NextToken="forged" + token))
    assert code(caught) == "InvalidParameterException"


def test_a_token_expires_five_minutes_after_creation(
    many_queues: ConnectEndpoint, clock: ManualClock
) -> None:
    first = current(many_queues, **page_request())
    clock.advance(300)
    second = current(many_queues, **page_request(NextToken=first["NextToken"]))
    assert len(second["MetricResults"]) == 10  # at exactly 5 minutes it still works
    clock.advance(300.001)
    with pytest.raises(ClientError) as caught:
        current(many_queues, **page_request(NextToken=second["NextToken"]))
    response = caught.value.response
    assert code(caught) == "InvalidParameterException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "NextToken" in response["Error"]["Message"]
    assert "expired" in response["Error"]["Message"]


def test_historical_paging(many_queues: ConnectEndpoint) -> None:
    request = {
        "Filters": {"Queues": [f"q-{i:02}" for i in range(25)]},
        "Groupings": ["QUEUE"],
        "MaxResults": 20,
    }
    first = historical(many_queues, ["CONTACTS_QUEUED"], **request)
    second = historical(many_queues, ["CONTACTS_QUEUED"], NextToken=first["NextToken"], **request)
    assert (len(first["MetricResults"]), len(second["MetricResults"])) == (20, 5)
    assert "NextToken" not in second
