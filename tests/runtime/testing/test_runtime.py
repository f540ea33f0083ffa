"""ConnectRuntime and the connect-runtime CLI against the local endpoint, through real boto3."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from connect_runtime import (
    ConnectRuntime,
    CurrentMetric,
    HistoricalMetric,
    RateLimit,
    Reference,
    cli,
)
from connect_runtime.testing import (
    ConnectEndpoint,
    Fault,
    FaultPlan,
    ManualClock,
    MotoServer,
    SqsSubscriber,
    example_state,
)

from .conftest import INSTANCE, NOW, queued_chats

FAST: Any = {"sleep": lambda seconds: time.sleep(min(seconds, 0.001))}


def test_streaming_end_to_end_to_sqs_subscribers(moto_server: MotoServer) -> None:
    topic = moto_server.create_topic(f"runtime-{uuid.uuid4().hex[:8]}")
    customer = SqsSubscriber.create(
        moto_server.url, topic, f"c-{uuid.uuid4().hex[:8]}", visibility=["CUSTOMER", "ALL"]
    )
    agent = SqsSubscriber.create(
        moto_server.url, topic, f"a-{uuid.uuid4().hex[:8]}", visibility=["AGENT", "ALL"]
    )
    with ConnectEndpoint(example_state(), sns_endpoint_url=moto_server.url) as endpoint:
        runtime = endpoint.runtime()
        instance = endpoint.instance()
        streaming_id = runtime.start_contact_streaming("chat-live", topic)
        assert runtime.start_contact_streaming("chat-live", topic, streaming_id) != streaming_id
        instance.post_message("chat-live", "hello", role="CUSTOMER")
        instance.post_message("chat-live", "note to self", role="AGENT", visibility="AGENT")
        instance.post_message("chat-live", "queue position 1", role="SYSTEM", visibility="CUSTOMER")
        runtime.stop_contact_streaming("chat-live", streaming_id)
        # The second stream (other token) still publishes, once per message.
        instance.post_message("chat-live", "still streaming", role="AGENT")
    assert [m["body"]["Content"] for m in customer.drain()] == [
        "hello",
        "hello",
        "queue position 1",
        "queue position 1",
        "still streaming",
    ]
    received = agent.drain()
    assert [m["body"]["Content"] for m in received] == [
        "hello",
        "hello",
        "note to self",
        "note to self",
        "still streaming",
    ]
    assert {m["attributes"]["ContactId"] for m in received} == {"chat-live"}


def test_one_client_token_per_logical_call_survives_dropped_commits(fast_backoff: None) -> None:
    plan = FaultPlan(
        script={
            "StartContactStreaming": [Fault.DROP_AFTER_COMMIT, Fault.INTERNAL_ERROR_AFTER_COMMIT],
            "StartTaskContact": [Fault.DROP_AFTER_COMMIT, Fault.DROP_AFTER_COMMIT, Fault.THROTTLE],
        }
    )
    with ConnectEndpoint(example_state(), rate_limits=None, faults=plan) as endpoint:
        runtime = endpoint.runtime(rate_limits=None, **FAST)
        streaming_id = runtime.start_contact_streaming(
            "chat-live", "arn:aws:sns:us-east-1:123456789012:t"
        )
        assert [s.id for s in endpoint.instance().active_streams("chat-live")] == [streaming_id]
        contact_id = runtime.start_task_contact(
            "task-flow",
            "Refund",
            description="Order 1234",
            attributes={"orderId": "1234"},
            references={
                "order": Reference.url("https://shop.example.com/o/1234"),
                "amount": Reference.number(42.5),
                "due": Reference.date(1_635_508_800),
                "who": Reference.email("jane@example.com"),
                "note": Reference.string("fragile"),
            },
            previous_contact_id="chat-live",
        )
        refunds = [t for t in endpoint.instance().tasks() if t.name == "Refund"]
        assert [t.id for t in refunds] == [contact_id]
        assert refunds[0].references["amount"] == {"Value": "42.5", "Type": "NUMBER"}
        assert endpoint.stats.requests["StartTaskContact"] == 4
        assert plan.total() == 5


def test_service_errors_surface_as_botocore_exceptions() -> None:
    with ConnectEndpoint(example_state(), rate_limits=None) as endpoint:
        runtime = endpoint.runtime(rate_limits=None)
        with pytest.raises(runtime.client.exceptions.ResourceNotFoundException):
            runtime.start_task_contact("no-such-flow", "x")
        with pytest.raises(runtime.client.exceptions.InvalidRequestException):
            runtime.start_contact_streaming("voice-waiting", "arn:aws:sns:us-east-1:123456789012:t")
        with pytest.raises(runtime.client.exceptions.ResourceNotFoundException):
            runtime.stop_contact_streaming("chat-live", "no-such-stream")


@pytest.fixture
def wide(clock: ManualClock) -> Iterator[ConnectEndpoint]:
    """250 queues; queue i holds i % 3 chats, the oldest waiting i seconds."""
    with queued_chats(clock, queues=250, chats_modulo=3) as endpoint:
        yield endpoint


QUEUES = [f"q-{index:03}" for index in range(250)]


def test_current_metrics_chunk_and_page_over_many_queues(wide: ConnectEndpoint) -> None:
    rows = list(
        wide.runtime(rate_limits=None).current_metrics(
            [CurrentMetric("CONTACTS_IN_QUEUE"), CurrentMetric("OLDEST_CONTACT_AGE")],
            queues=QUEUES,
            groupings=["QUEUE"],
            max_results=40,
        )
    )
    counts = {r.queue_id: r.value for r in rows if r.metric_name == "CONTACTS_IN_QUEUE"}
    oldest = {r.queue_id: r.value for r in rows if r.metric_name == "OLDEST_CONTACT_AGE"}
    assert counts == {q: i % 3 for i, q in enumerate(QUEUES)}
    assert oldest == {q: (i if i % 3 else 0) for i, q in enumerate(QUEUES)}
    assert {r.unit for r in rows if r.metric_name == "OLDEST_CONTACT_AGE"} == {"SECONDS"}
    # 100 + 100 + 50 queues, pages of 40: 3 + 3 + 2 requests.
    assert wide.stats.requests["GetCurrentMetricData"] == 8


def test_oldest_contact_age_comes_back_in_seconds_when_ungrouped(wide: ConnectEndpoint) -> None:
    [row] = wide.runtime(rate_limits=None).current_metrics(
        [CurrentMetric("OLDEST_CONTACT_AGE")], queues=QUEUES[:100]
    )
    assert (row.value, row.unit) == (98.0, "SECONDS")  # 98 s, sent as 98000 ms


def test_an_expired_token_restarts_the_chunk(wide: ConnectEndpoint, clock: ManualClock) -> None:
    runtime = wide.runtime(rate_limits=None)
    answers: list[dict[str, Any]] = []

    def age_after_first_page(parsed: dict[str, Any], **_: Any) -> None:
        answers.append(parsed)
        if len(answers) == 1:
            clock.advance(301)  # the token just issued is now too old

    runtime.client.meta.events.register(
        "after-call.connect.GetCurrentMetricData", age_after_first_page
    )
    rows = list(
        runtime.current_metrics(
            [CurrentMetric("CONTACTS_IN_QUEUE")],
            queues=QUEUES[:100],
            groupings=["QUEUE"],
            max_results=30,
        )
    )
    assert [r.queue_id for r in rows] == QUEUES[:100]
    assert [r.value for r in rows] == [i % 3 for i in range(100)]
    errors = [a["Error"]["Message"] for a in answers if "Error" in a]
    assert len(errors) == 1
    assert "expired" in errors[0]
    # 1 page, 1 refused page, then 4 pages from the start.
    assert wide.stats.requests["GetCurrentMetricData"] == 6


def test_historical_metrics_through_the_runtime(clock: ManualClock) -> None:
    state = example_state(clock=clock)
    with ConnectEndpoint(state, rate_limits=None) as endpoint:
        end = NOW.replace(minute=0, second=0)
        rows = list(
            endpoint.runtime(rate_limits=None).historical_metrics(
                end - timedelta(hours=1),
                end,
                [HistoricalMetric("CONTACTS_HANDLED"), HistoricalMetric.service_level(30)],
                queues=["support", "billing"],
                groupings=["QUEUE"],
                now=NOW,
            )
        )
    values = {(r.queue_id, r.metric_name): r.value for r in rows}
    # Seeded relative to 12:02:30; in 11:00-12:00 support answered chat-live (after 60 s)
    # and chat-handled (15 s) and lost chat-abandoned; billing answered voice-acw (30 s) and
    # voice-handled (60 s). SERVICE_LEVEL counts answers in under 30 s of all that left.
    assert values == {
        ("support", "CONTACTS_HANDLED"): 2,
        ("support", "SERVICE_LEVEL"): 33.333,
        ("billing", "CONTACTS_HANDLED"): 2,
        ("billing", "SERVICE_LEVEL"): 0,
    }
    level = next(r for r in rows if r.metric_name == "SERVICE_LEVEL")
    assert (level.threshold, level.statistic, level.unit) == (30.0, "AVG", "PERCENT")


def test_client_side_quotas_keep_throttling_from_the_caller() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    # The documented quotas on both sides, on one clock that moves only when the client waits.
    with ConnectEndpoint(example_state(), rate_clock=lambda: now[0]) as endpoint:
        runtime = endpoint.runtime(clock=lambda: now[0], sleep=sleep)
        ids = [runtime.start_task_contact("task-flow", f"paced-{i}") for i in range(8)]
    assert len(set(ids)) == 8
    # StartTaskContact 2/s burst 5, one token kept spare: 4 at once, then one every 0.5 s.
    assert slept == [0.5] * 4
    assert now[0] == RateLimit(rate=2, burst=4).min_seconds(8)
    assert endpoint.stats.statuses[("StartTaskContact", 200)] == 8
    assert endpoint.stats.throttled["StartTaskContact"] == 0


# --- the connect-runtime CLI --------------------------------------------------------------


@pytest.fixture
def cli_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[ConnectEndpoint]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with ConnectEndpoint(example_state(), rate_limits=None) as endpoint:
        yield endpoint


def _cli(endpoint: ConnectEndpoint, *argv: str) -> int:
    base = ["--instance-id", INSTANCE, "--region", "us-east-1", "--endpoint-url", endpoint.url]
    return cli.main([*base, "--no-rate-limit", *argv])


def test_cli_task_streaming_and_metrics(
    cli_endpoint: ConnectEndpoint, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["task", "start", "--contact-flow-id", "task-flow", "--name", "From the CLI"]
    argv += ["--reference", "order=URL:https://shop.example.com/o/1", "--attribute", "k=v"]
    assert _cli(cli_endpoint, *argv) == 0
    contact_id = capsys.readouterr().out.strip()
    task = cli_endpoint.instance().contacts[contact_id]
    assert (task.name, task.attributes) == ("From the CLI", {"k": "v"})

    topic = "arn:aws:sns:us-east-1:123456789012:cli"
    assert (
        _cli(cli_endpoint, "streaming", "start", "--contact-id", "chat-live", "--topic-arn", topic)
        == 0
    )
    streaming_id = capsys.readouterr().out.strip()
    assert cli_endpoint.instance().streams[streaming_id].active
    argv = ["streaming", "stop", "--contact-id", "chat-live", "--streaming-id", streaming_id]
    assert _cli(cli_endpoint, *argv) == 0
    assert not cli_endpoint.instance().streams[streaming_id].active

    argv = ["metrics", "current", "--metric", "CONTACTS_IN_QUEUE", "--queue", "support"]
    argv += ["--queue", "tasks", "--grouping", "QUEUE", "--format", "json"]
    capsys.readouterr()
    assert _cli(cli_endpoint, *argv) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {(row["queue_id"], row["value"]) for row in lines} == {("support", 2.0), ("tasks", 2.0)}


def test_cli_exit_codes(cli_endpoint: ConnectEndpoint, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["task", "start", "--contact-flow-id", "no-such-flow", "--name", "x"]
    assert _cli(cli_endpoint, *argv) == 1
    assert "ResourceNotFoundException" in capsys.readouterr().err
    argv = ["task", "start", "--contact-flow-id", "task-flow", "--name", "x"]
    assert _cli(cli_endpoint, *argv, "--attribute", "bad key!=v") == 2


def test_runtime_without_the_endpoint_helper(connect_endpoint: ConnectEndpoint) -> None:
    runtime = ConnectRuntime(INSTANCE, client=connect_endpoint.client(), rate_limits=None)
    assert runtime.start_task_contact("task-flow", "plain client")
    with pytest.raises(ClientError):
        runtime.start_task_contact("task-flow", "x", previous_contact_id="missing")
