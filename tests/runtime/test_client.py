"""ConnectRuntime against botocore's Stubber and a scripted HTTP transport (no network)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError
from botocore.stub import ANY, Stubber

from connect_runtime import (
    ConnectRequestError,
    ConnectRuntime,
    CurrentMetric,
    HistoricalMetric,
    RateLimit,
    Reference,
    is_expired_next_token,
    is_retryable,
)
from connect_runtime.errors import (
    ConnectRuntimeError,
    DeadlineExceededError,
    InvalidArgumentError,
)
from connect_runtime.ratelimit import RateLimiter

INSTANCE = "11111111-2222-3333-4444-555555555555"
INSTANCE_ARN = f"arn:aws:connect:us-east-1:123456789012:instance/{INSTANCE}"
TOPIC = "arn:aws:sns:us-east-1:123456789012:chat-stream"


def _client(**config: Any) -> Any:
    return boto3.client(
        "connect",
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        **config,
    )


class FakeTime:
    """A clock and a sleep that only move when slept on."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def stubbed() -> Iterator[tuple[ConnectRuntime, Stubber, FakeTime]]:
    client = _client()
    fake = FakeTime()
    runtime = ConnectRuntime(INSTANCE, client=client, sleep=fake.sleep, clock=fake.clock)
    with Stubber(client) as stub:
        yield runtime, stub, fake
        stub.assert_no_pending_responses()


# --- tasks and streaming ---------------------------------------------------------------------


def test_start_task_contact_sends_the_exact_request(stubbed: Any) -> None:
    runtime, stub, _ = stubbed
    stub.add_response(
        "start_task_contact",
        {"ContactId": "task-1"},
        {
            "InstanceId": INSTANCE,
            "ContactFlowId": "flow-1",
            "Name": "Call back",
            "References": {"case": {"Value": "https://crm.example.com/1", "Type": "URL"}},
            "ClientToken": "tok-1",
        },
    )
    contact = runtime.start_task_contact(
        "flow-1",
        "Call back",
        references={"case": Reference.url("https://crm.example.com/1")},
        client_token="tok-1",
    )
    assert contact == "task-1"


def test_a_resubmitted_task_keeps_its_client_token(stubbed: Any) -> None:
    runtime, stub, fake = stubbed
    tokens: list[str] = []

    def capture(params: dict[str, Any], **_: Any) -> None:
        tokens.append(params["ClientToken"])

    runtime.client.meta.events.register("before-parameter-build.connect.StartTaskContact", capture)
    stub.add_client_error("start_task_contact", "ThrottlingException", "Rate exceeded", 429)
    stub.add_client_error("start_task_contact", "InternalServiceException", "oops", 500)
    stub.add_response("start_task_contact", {"ContactId": "task-1"})
    assert runtime.start_task_contact("flow-1", "n") == "task-1"
    assert len(tokens) == 3
    assert len(set(tokens)) == 1, "every resubmit must carry the first ClientToken"
    assert len([s for s in fake.slept if s > 0]) >= 1  # backed off between attempts


def test_start_contact_streaming_returns_streaming_id(stubbed: Any) -> None:
    runtime, stub, _ = stubbed
    stub.add_response(
        "start_contact_streaming",
        {"StreamingId": "stream-1"},
        {
            "InstanceId": INSTANCE,
            "ContactId": "chat-1",
            "ChatStreamingConfiguration": {"StreamingEndpointArn": TOPIC},
            "ClientToken": ANY,
        },
    )
    assert runtime.start_contact_streaming("chat-1", TOPIC) == "stream-1"


def test_stop_is_not_resubmitted(stubbed: Any) -> None:
    runtime, stub, _ = stubbed
    stub.add_client_error("stop_contact_streaming", "ThrottlingException", "slow down", 429)
    with pytest.raises(ClientError) as caught:
        runtime.stop_contact_streaming("chat-1", "stream-1")
    assert caught.value.response["Error"]["Code"] == "ThrottlingException"


def test_final_service_errors_surface_unchanged_and_once(stubbed: Any) -> None:
    runtime, stub, _ = stubbed
    stub.add_client_error("start_task_contact", "ResourceNotFoundException", "no such flow", 404)
    with pytest.raises(runtime.client.exceptions.ResourceNotFoundException, match="no such flow"):
        runtime.start_task_contact("flow-x", "n")


def test_resubmits_give_up_with_the_last_error(stubbed: Any) -> None:
    runtime, stub, _ = stubbed
    for _ in range(runtime.max_attempts):
        stub.add_client_error("start_task_contact", "ThrottlingException", "Rate exceeded", 429)
    with pytest.raises(ClientError, match="Rate exceeded"):
        runtime.start_task_contact("flow-1", "n")


def test_bad_input_fails_before_the_network(stubbed: Any) -> None:
    runtime, _, _ = stubbed
    with pytest.raises(ConnectRequestError, match="FIFO"):
        runtime.start_contact_streaming("chat-1", TOPIC + ".fifo")
    with pytest.raises(ConnectRequestError, match="Invalid ConnectRuntime request: instance_id"):
        ConnectRuntime("", client=runtime.client)


# --- a real botocore send path with a scripted transport -------------------------------------


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


def _script(client: Any, steps: list[Callable[[Any], AWSResponse]]) -> list[dict[str, Any]]:
    """Answer each HTTP send with the next step; return the request bodies seen."""
    seen: list[dict[str, Any]] = []

    def before_send(request: Any, **_: Any) -> AWSResponse:
        seen.append(json.loads(request.body))
        return steps[len(seen) - 1](request)

    client.meta.events.register("before-send.connect", before_send)
    return seen


def _headers(values: dict[str, str]) -> HTTPHeaders:
    headers = HTTPHeaders()
    for name, value in values.items():
        headers[name] = value
    return headers


def _dropped(request: Any) -> AWSResponse:
    raise ConnectionClosedError(endpoint_url=request.url)


def _ok(body: dict[str, Any]) -> Callable[[Any], AWSResponse]:
    return lambda request: AWSResponse(
        request.url, 200, HTTPHeaders(), _Raw(json.dumps(body).encode())
    )


def _error(status: int, code: str) -> Callable[[Any], AWSResponse]:
    payload = json.dumps({"message": code}).encode()
    return lambda request: AWSResponse(
        request.url, status, _headers({"x-amzn-ErrorType": code}), _Raw(payload)
    )


def test_dropped_connections_and_5xx_reuse_one_token_through_botocore_and_resubmits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "botocore.retries.standard.ExponentialBackoff.delay_amount", lambda self, ctx: 0
    )
    client = _client(config=Config(retries={"mode": "standard", "max_attempts": 2}))
    fake = FakeTime()
    runtime = ConnectRuntime(INSTANCE, client=client, sleep=fake.sleep, clock=fake.clock)
    # botocore tries twice per submit; the runtime resubmits after the first two fail
    seen = _script(
        client,
        [
            _dropped,
            _error(503, "ServiceUnavailableException"),
            _dropped,
            _ok({"ContactId": "task-9"}),
        ],
    )
    assert runtime.start_task_contact("flow-1", "n") == "task-9"
    assert len(seen) == 4
    assert len({body["ClientToken"] for body in seen}) == 1


# --- metrics ---------------------------------------------------------------------------------


def _current_page(queue_ids: list[str], value: float, token: str | None = None) -> dict[str, Any]:
    page: dict[str, Any] = {
        "MetricResults": [
            {
                "Dimensions": {
                    "Queue": {
                        "Id": q,
                        "Arn": f"{INSTANCE_ARN}/queue/{q}",
                    }
                },
                "Collections": [
                    {"Metric": {"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}, "Value": value}
                ],
            }
            for q in queue_ids
        ],
        "DataSnapshotTime": datetime(2021, 10, 29, 12, 0, tzinfo=UTC),
    }
    if token:
        page["NextToken"] = token
    return page


def _current_params(queues: list[str], token: str | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {
        "InstanceId": INSTANCE,
        "Filters": {"Queues": queues},
        "Groupings": ["QUEUE"],
        "CurrentMetrics": [{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
    }
    if token:
        params["NextToken"] = token
    return params


def test_more_than_100_queues_are_split_and_every_page_followed(stubbed: Any) -> None:
    runtime, stub, _ = stubbed
    queues = [f"q{i:03d}" for i in range(250)]
    chunks = [queues[:100], queues[100:200], queues[200:]]
    # first chunk spans two pages; the others one each
    stub.add_response(
        "get_current_metric_data",
        _current_page(chunks[0][:60], 1, "t1"),
        _current_params(chunks[0]),
    )
    stub.add_response(
        "get_current_metric_data",
        _current_page(chunks[0][60:], 1),
        _current_params(chunks[0], "t1"),
    )
    stub.add_response(
        "get_current_metric_data", _current_page(chunks[1], 2), _current_params(chunks[1])
    )
    stub.add_response(
        "get_current_metric_data", _current_page(chunks[2], 3), _current_params(chunks[2])
    )
    rows = list(
        runtime.current_metrics(
            [CurrentMetric("CONTACTS_IN_QUEUE")], queues=queues + queues[:5], groupings=["QUEUE"]
        )
    )
    assert [row.queue_id for row in rows] == queues  # duplicates removed, order kept, none lost
    assert [row.value for row in rows[:100]] == [1.0] * 100
    assert rows[-1].value == 3.0


def test_splitting_without_queue_grouping_is_refused_before_sending(stubbed: Any) -> None:
    runtime, _, _ = stubbed
    with pytest.raises(ConnectRequestError, match="grouped by QUEUE") as caught:
        runtime.current_metrics(
            [CurrentMetric("CONTACTS_IN_QUEUE")], queues=[f"q{i}" for i in range(101)]
        )
    assert caught.value.field == "Filters.Queues"


def test_an_expired_token_restarts_the_chunk_without_duplicates(stubbed: Any) -> None:
    runtime, stub, _ = stubbed
    queues = ["a", "b", "c"]
    stub.add_response(
        "get_current_metric_data", _current_page(["a"], 1, "t1"), _current_params(queues)
    )
    stub.add_response(
        "get_current_metric_data", _current_page(["b"], 1, "t2"), _current_params(queues, "t1")
    )
    stub.add_client_error(
        "get_current_metric_data",
        "InvalidParameterException",
        "The NextToken has expired; repeat the request without NextToken",
        400,
        expected_params=_current_params(queues, "t2"),
    )
    stub.add_response(
        "get_current_metric_data", _current_page(["a", "b"], 5, "t3"), _current_params(queues)
    )
    stub.add_response(
        "get_current_metric_data", _current_page(["c"], 5), _current_params(queues, "t3")
    )
    rows = list(
        runtime.current_metrics(
            [CurrentMetric("CONTACTS_IN_QUEUE")], queues=queues, groupings=["QUEUE"]
        )
    )
    assert [(r.queue_id, r.value) for r in rows] == [("a", 5.0), ("b", 5.0), ("c", 5.0)]


def test_other_token_errors_are_not_swallowed(stubbed: Any) -> None:
    runtime, stub, _ = stubbed
    stub.add_response(
        "get_current_metric_data", _current_page(["a"], 1, "t1"), _current_params(["a"])
    )
    stub.add_client_error(
        "get_current_metric_data",
        "InvalidParameterException",
        "NextToken does not match the request",
        400,
    )
    with pytest.raises(ClientError, match="does not match"):
        list(
            runtime.current_metrics(
                [CurrentMetric("CONTACTS_IN_QUEUE")], queues=["a"], groupings=["QUEUE"]
            )
        )


@pytest.mark.parametrize(
    ("groupings", "raw", "expected"), [(None, 24113.0, 24.113), (["QUEUE"], 24.0, 24.0)]
)
def test_oldest_contact_age_is_in_seconds(
    stubbed: Any, groupings: list[str] | None, raw: float, expected: float
) -> None:
    runtime, stub, _ = stubbed
    response = {
        "MetricResults": [
            {
                "Dimensions": {},
                "Collections": [
                    {"Metric": {"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"}, "Value": raw}
                ],
            }
        ]
    }
    stub.add_response("get_current_metric_data", response)
    kwargs: dict[str, Any] = {"queues": ["q1"]}
    if groupings:
        kwargs["groupings"] = groupings
    (row,) = runtime.current_metrics([CurrentMetric("OLDEST_CONTACT_AGE")], **kwargs)
    assert row.value == pytest.approx(expected)
    assert row.unit == "SECONDS"


def test_historical_metrics_rows_carry_statistic_and_threshold(stubbed: Any) -> None:
    runtime, stub, _ = stubbed
    now = datetime(2021, 10, 29, 12, 3, tzinfo=UTC)
    start, end = (
        datetime(2021, 10, 29, 11, 0, tzinfo=UTC),
        datetime(2021, 10, 29, 12, 0, tzinfo=UTC),
    )
    metric = {
        "Name": "SERVICE_LEVEL",
        "Unit": "PERCENT",
        "Statistic": "AVG",
        "Threshold": {"Comparison": "LT", "ThresholdValue": 20.0},
    }
    stub.add_response(
        "get_metric_data",
        {
            "MetricResults": [
                {
                    "Dimensions": {"Channel": "CHAT"},
                    "Collections": [{"Metric": metric, "Value": 87.5}],
                }
            ]
        },
        {
            "InstanceId": INSTANCE,
            "StartTime": start,
            "EndTime": end,
            "Filters": {"Channels": ["CHAT"]},
            "Groupings": ["CHANNEL"],
            "HistoricalMetrics": [metric],
        },
    )
    (row,) = runtime.historical_metrics(
        start,
        end,
        [HistoricalMetric.service_level(20)],
        channels=["CHAT"],
        groupings=["CHANNEL"],
        now=now,
    )
    assert (row.channel, row.metric_name, row.statistic, row.threshold, row.value) == (
        "CHAT",
        "SERVICE_LEVEL",
        "AVG",
        20.0,
        87.5,
    )


def test_historical_window_is_checked_before_sending(stubbed: Any) -> None:
    runtime, _, _ = stubbed
    now = datetime(2021, 10, 29, 12, 3, tzinfo=UTC)
    with pytest.raises(ConnectRequestError, match="24 hours before now"):
        runtime.historical_metrics(
            now - timedelta(days=2),
            now - timedelta(days=2) + timedelta(hours=1),
            [HistoricalMetric("CONTACTS_HANDLED")],
            channels=["CHAT"],
            now=now,
        )


# --- rate limits and retry classification ----------------------------------------------------


def test_calls_wait_for_the_documented_quota(stubbed: Any) -> None:
    runtime, stub, fake = stubbed
    for _ in range(11):
        stub.add_response("start_task_contact", {"ContactId": "t"})
    for _ in range(11):
        runtime.start_task_contact("flow", "n")
    # StartTaskContact: 2 per second with a burst of 5, one of them kept spare -> 4 calls at
    # once, then 7 waits of half a second
    assert fake.now == pytest.approx(RateLimit(2, 4).min_seconds(11))
    assert fake.now == pytest.approx(7 / 2)


def test_rate_limits_can_be_disabled() -> None:
    client = _client()
    fake = FakeTime()
    runtime = ConnectRuntime(
        INSTANCE, client=client, rate_limits=None, sleep=fake.sleep, clock=fake.clock
    )
    with Stubber(client) as stub:
        for _ in range(20):
            stub.add_response("start_task_contact", {"ContactId": "t"})
        for _ in range(20):
            runtime.start_task_contact("flow", "n")
    assert fake.now == 0.0


def _client_error(code: str, status: int, message: str = "m") -> ClientError:
    response: Any = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {"HTTPStatusCode": status},
    }
    return ClientError(
        response,
        "Op",
    )


def test_exact_pacing_without_a_margin() -> None:
    client = _client()
    fake = FakeTime()
    runtime = ConnectRuntime(
        INSTANCE, client=client, burst_spare=0, sleep=fake.sleep, clock=fake.clock
    )
    with Stubber(client) as stub:
        for _ in range(11):
            stub.add_response("start_task_contact", {"ContactId": "t"})
        for _ in range(11):
            runtime.start_task_contact("flow", "n")
    assert fake.now == pytest.approx(3.0)


def test_a_resource_limit_is_final(stubbed: Any) -> None:
    runtime, stub, _ = stubbed
    stub.add_client_error(
        "start_contact_streaming", "LimitExceededException", "two streams already", 429
    )
    with pytest.raises(ClientError, match="two streams already"):
        runtime.start_contact_streaming("chat-1", TOPIC)


def test_retry_classification() -> None:
    assert is_retryable(ConnectionClosedError(endpoint_url="http://x"))
    assert is_retryable(_client_error("ThrottlingException", 429))
    assert is_retryable(_client_error("InternalServiceException", 500))
    assert not is_retryable(_client_error("LimitExceededException", 429))
    assert not is_retryable(_client_error("ServiceQuotaExceededException", 402))
    assert not is_retryable(_client_error("InvalidParameterException", 400))
    assert not is_retryable(_client_error("ResourceNotFoundException", 404))
    assert not is_retryable(ValueError("x"))


def test_expired_token_classification() -> None:
    assert is_expired_next_token(
        _client_error("InvalidParameterException", 400, "The NextToken has expired")
    )
    assert not is_expired_next_token(
        _client_error(
            "ExpiredTokenException", 400, "The security token included in the request is expired"
        )
    )
    assert not is_expired_next_token(
        _client_error("InvalidParameterException", 400, "NextToken does not match")
    )


def test_client_and_session_are_exclusive() -> None:
    with pytest.raises(ValueError, match="not both"):
        ConnectRuntime(INSTANCE, client=_client(), session=boto3.session.Session())


def test_a_session_builds_a_standard_mode_client_that_leaves_retries_to_the_runtime() -> None:
    session = boto3.session.Session(
        aws_access_key_id="x", aws_secret_access_key="x", region_name="eu-west-2"
    )
    runtime = ConnectRuntime(INSTANCE, session=session, max_attempts=7)
    config: Any = runtime.client.meta.config
    # botocore makes one attempt per submit and has no limiter of its own (no adaptive mode):
    # the runtime counts the 7 attempts and is the one component that decides every wait.
    assert config.retries == {"mode": "standard", "total_max_attempts": 1}
    assert runtime.max_attempts == 7
    assert (config.connect_timeout, config.read_timeout) == (5.0, 20.0)
    assert runtime.client.meta.region_name == "eu-west-2"


# --- one limiter, one retry budget, deadlines --------------------------------------------------


def test_runtimes_for_two_instances_of_one_account_share_its_quota() -> None:
    session = boto3.session.Session(aws_access_key_id="k", aws_secret_access_key="s")
    other_arn = INSTANCE_ARN.replace(INSTANCE, "99999999-2222-3333-4444-555555555555")
    first = ConnectRuntime(INSTANCE_ARN, session=session)
    second = ConnectRuntime(other_arn, session=session)
    elsewhere = ConnectRuntime(INSTANCE_ARN.replace("123456789012", "210987654321"))
    assert (first.instance_id, first.account_id, first.client.meta.region_name) == (
        INSTANCE,
        "123456789012",
        "us-east-1",
    )
    assert first.limiter is not None
    assert first.limiter is second.limiter
    assert elsewhere.limiter is not first.limiter
    # Without an account, the access key stands for it.
    by_key = ConnectRuntime(INSTANCE, session=session, region_name="us-east-1")
    assert (
        by_key.limiter is ConnectRuntime("other", session=session, region_name="us-east-1").limiter
    )
    assert by_key.limiter is not first.limiter


def test_an_injected_limiter_paces_every_attempt_retries_included() -> None:
    client = _client()
    fake = FakeTime()
    limiter = RateLimiter(
        {"StartTaskContact": RateLimit(rate=1, burst=1)}, clock=fake.clock, sleep=fake.sleep
    )
    lines: list[str] = []
    runtime = ConnectRuntime(
        INSTANCE, client=client, limiter=limiter, sleep=fake.sleep, clock=fake.clock,
        progress=lines.append,
    )  # fmt: skip
    with Stubber(client) as stub:
        stub.add_client_error("start_task_contact", "ThrottlingException", "Rate exceeded", 429)
        stub.add_response("start_task_contact", {"ContactId": "t"})
        assert runtime.start_task_contact("flow", "n") == "t"
    # One backoff (botocore's: at most 1 s for a first throttle), then the bucket's own wait
    # for the second token: one second after the first, whatever the backoff took.
    assert len(fake.slept) in (1, 2)
    assert fake.now == pytest.approx(1.0)
    assert len(lines) == 1
    assert "ThrottlingException (HTTP 429); attempt 2 of 5" in lines[0]


def test_a_deadline_ends_retries_naming_operation_endpoint_and_deadline() -> None:
    client = _client(config=Config(retries={"mode": "standard", "total_max_attempts": 1}))
    fake = FakeTime()
    lines: list[str] = []
    runtime = ConnectRuntime(
        INSTANCE, client=client, rate_limits=None, deadline=0.5, max_attempts=50,
        sleep=fake.sleep, clock=fake.clock, progress=lines.append,
    )  # fmt: skip

    def slow_failure(**_: Any) -> None:
        fake.now += 0.2  # each attempt takes 0.2 s before the connection drops
        raise ConnectionClosedError(endpoint_url="https://connect.us-east-1.amazonaws.com")

    client.meta.events.register("before-send.connect.StartTaskContact", slow_failure)
    with pytest.raises(DeadlineExceededError) as caught:
        runtime.start_task_contact("flow", "n")
    error = caught.value
    assert isinstance(error, ConnectRuntimeError)
    assert (error.operation, error.deadline) == ("StartTaskContact", 0.5)
    assert error.endpoint == "https://connect.us-east-1.amazonaws.com"
    assert "StartTaskContact to https://connect.us-east-1.amazonaws.com" in str(error)
    assert "0.5 s deadline" in str(error)
    assert "ConnectionClosedError" in str(error)
    assert 1 <= len(lines) <= 3
    assert fake.now < 0.5 + 0.2 + 1e-9  # no wait crossed the deadline


def test_a_rate_limit_wait_past_the_deadline_is_not_slept() -> None:
    client = _client()
    fake = FakeTime()
    limiter = RateLimiter({"StartTaskContact": RateLimit(rate=0.01, burst=1)}, clock=fake.clock)
    runtime = ConnectRuntime(
        INSTANCE, client=client, limiter=limiter, deadline=60, sleep=fake.sleep, clock=fake.clock
    )
    with Stubber(client) as stub:
        stub.add_response("start_task_contact", {"ContactId": "t"})
        runtime.start_task_contact("flow", "n")
        with pytest.raises(DeadlineExceededError, match="StartTaskContact"):
            runtime.start_task_contact("flow", "n")  # the next token is 100 s away
    assert fake.slept == []


def test_construction_errors_derive_from_the_root() -> None:
    for options in ({"max_attempts": 0}, {"rate_margin": 1.0}, {"deadline": 0}):
        with pytest.raises(InvalidArgumentError):
            ConnectRuntime(INSTANCE, client=_client(), **options)


def test_runtimes_without_a_session_share_one_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from connect_runtime import client as client_module

    monkeypatch.setattr(client_module, "_SESSION", None)
    made: list[object] = []
    real = boto3.session.Session

    def counting(*args: Any, **kwargs: Any) -> Any:
        made.append(object())
        return real(aws_access_key_id="x", aws_secret_access_key="x", region_name="us-east-1")

    monkeypatch.setattr(boto3.session, "Session", counting)
    runtimes: list[ConnectRuntime] = []
    threads = [
        threading.Thread(target=lambda: runtimes.append(ConnectRuntime(INSTANCE))) for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(runtimes) == 6
    assert len(made) == 1
    assert client_module.default_session() is client_module.default_session()
    assert len(made) == 1


def test_long_rate_limit_waits_are_reported_short_ones_are_not() -> None:
    client = _client()
    fake = FakeTime()
    lines: list[str] = []
    limiter = RateLimiter(
        {"StartTaskContact": RateLimit(rate=0.5, burst=1), "GetCurrentMetricData": RateLimit(5, 1)},
        clock=fake.clock,
    )
    runtime = ConnectRuntime(
        INSTANCE, client=client, limiter=limiter, sleep=fake.sleep, clock=fake.clock,
        progress=lines.append,
    )  # fmt: skip
    with Stubber(client) as stub:
        for _ in range(2):
            stub.add_response("start_task_contact", {"ContactId": "t"})
            stub.add_response("get_current_metric_data", {"MetricResults": []})
        for _ in range(2):
            runtime.start_task_contact("flow", "n")
            list(runtime.current_metrics([CurrentMetric("CONTACTS_IN_QUEUE")], queues=["q"]))
    assert fake.slept == [2.0]  # the metrics call's token came due while the task call waited
    assert lines == ["StartTaskContact: waiting 2.0 s for the rate limit"]


def test_the_old_resubmits_argument_still_works_with_a_warning() -> None:
    client = boto3.client(
        "connect", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with pytest.warns(DeprecationWarning, match="max_attempts=8"):
        runtime = ConnectRuntime("inst-1", client=client, max_attempts=2, resubmits=3)
    assert runtime.max_attempts == 8
    with pytest.raises(ConnectRuntimeError, match="resubmits must be 0 or more"):
        ConnectRuntime("inst-1", client=client, resubmits=-1)
