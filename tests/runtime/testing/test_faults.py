"""Fault injection, quotas and latency, seen from a boto3 client with retries switched off."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError

from connect_runtime import RateLimit
from connect_runtime.testing import ConnectEndpoint, ConnectState, Fault, FaultPlan, example_state

from .conftest import INSTANCE, ONE_ATTEMPT

TASK: Any = {"InstanceId": INSTANCE, "ContactFlowId": "task-flow", "Name": "fault"}


def test_a_script_runs_per_operation_then_for_all() -> None:
    plan = FaultPlan(
        script={"StartTaskContact": [None, Fault.THROTTLE], None: [Fault.DROP]}  # type: ignore[dict-item]
    )
    assert [plan.choose("StartTaskContact") for _ in range(4)] == [
        None,
        Fault.THROTTLE,
        Fault.DROP,
        None,
    ]
    assert plan.total() == 2
    assert plan.total("StartTaskContact", Fault.DROP) == 1


def test_rates_are_seeded_and_limited_to_their_operations() -> None:
    def run(seed: int) -> list[Fault | None]:
        plan = FaultPlan(rate=0.5, seed=seed, operations={"GetMetricData"})
        return [plan.choose(op) for op in ["GetMetricData", "StartTaskContact"] * 50]

    assert run(1) == run(1)
    faults = run(1)
    assert all(f is None for f in faults[1::2])
    assert 10 < sum(f is not None for f in faults[0::2]) < 40
    assert FaultPlan(rate=1.0, kinds=[Fault.DROP]).choose("X") is Fault.DROP
    with pytest.raises(ValueError, match="rate"):
        FaultPlan(rate=1.5)


@pytest.fixture
def faulty() -> Iterator[tuple[ConnectEndpoint, FaultPlan]]:
    plan = FaultPlan(script=[])
    with ConnectEndpoint(example_state(), rate_limits=None, faults=plan) as endpoint:
        yield endpoint, plan


def _script(plan: FaultPlan, *faults: Fault | None) -> None:
    plan._scripts[None] = list(faults)


def _tasks(endpoint: ConnectEndpoint) -> int:
    return sum(1 for t in endpoint.instance().tasks() if t.name == "fault")


@pytest.mark.parametrize(
    ("fault", "status", "code", "committed"),
    [
        (Fault.THROTTLE, 429, "ThrottlingException", 0),
        (Fault.INTERNAL_ERROR, 500, "InternalServiceException", 0),
        (Fault.INTERNAL_ERROR_AFTER_COMMIT, 500, "InternalServiceException", 1),
    ],
)
def test_error_faults(
    faulty: tuple[ConnectEndpoint, FaultPlan], fault: Fault, status: int, code: str, committed: int
) -> None:
    endpoint, plan = faulty
    _script(plan, fault)
    client = endpoint.client(config=ONE_ATTEMPT)
    with pytest.raises(ClientError) as caught:
        client.start_task_contact(**TASK, ClientToken="tok")
    response = caught.value.response
    assert (response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]) == (
        status,
        code,
    )
    assert isinstance(caught.value, getattr(client.exceptions, code))
    assert _tasks(endpoint) == committed
    # The retry with the same token finds the committed task, or creates it now: one task.
    client.start_task_contact(**TASK, ClientToken="tok")
    assert _tasks(endpoint) == 1


@pytest.mark.parametrize(("fault", "committed"), [(Fault.DROP, 0), (Fault.DROP_AFTER_COMMIT, 1)])
def test_dropped_connections(
    faulty: tuple[ConnectEndpoint, FaultPlan], fault: Fault, committed: int
) -> None:
    endpoint, plan = faulty
    _script(plan, fault)
    client = endpoint.client(config=ONE_ATTEMPT)
    with pytest.raises(ConnectionClosedError):
        client.start_task_contact(**TASK, ClientToken="tok")
    assert _tasks(endpoint) == committed
    assert endpoint.stats.dropped["StartTaskContact"] == 1
    first = client.start_task_contact(**TASK, ClientToken="tok")["ContactId"]
    assert _tasks(endpoint) == 1
    assert client.start_task_contact(**TASK, ClientToken="tok")["ContactId"] == first


def test_botocore_retries_through_a_dropped_commit(
    faulty: tuple[ConnectEndpoint, FaultPlan], fast_backoff: None
) -> None:
    endpoint, plan = faulty
    _script(plan, Fault.DROP_AFTER_COMMIT, Fault.INTERNAL_ERROR_AFTER_COMMIT, Fault.THROTTLE)
    client = endpoint.client(config=Config(retries={"mode": "standard", "total_max_attempts": 4}))
    contact_id = client.start_task_contact(**TASK, ClientToken="tok")["ContactId"]
    assert [t.id for t in endpoint.instance().tasks() if t.name == "fault"] == [contact_id]
    assert endpoint.stats.requests["StartTaskContact"] == 4


def test_quotas_throttle_with_the_service_error() -> None:
    limits = {"StartTaskContact": RateLimit(rate=2, burst=5)}
    now = [0.0]
    with ConnectEndpoint(
        example_state(), rate_limits=limits, rate_clock=lambda: now[0]
    ) as endpoint:
        client = endpoint.client(config=ONE_ATTEMPT)
        outcomes = []
        for index in range(8):
            try:
                client.start_task_contact(**TASK, ClientToken=f"q-{index}")
                outcomes.append(200)
            except client.exceptions.ThrottlingException as error:
                outcomes.append(error.response["ResponseMetadata"]["HTTPStatusCode"])
        assert outcomes == [200] * 5 + [429] * 3
        assert endpoint.stats.throttled["StartTaskContact"] == 3
        now[0] += 0.49  # 2 per second: not yet a token back
        with pytest.raises(client.exceptions.ThrottlingException):
            client.start_task_contact(**TASK, ClientToken="before")
        now[0] += 0.02  # half a second in all: one token back
        client.start_task_contact(**TASK, ClientToken="after")
        # Other operations have their own buckets (and no limit was configured for them).
        for _ in range(10):
            client.get_current_metric_data(
                InstanceId=INSTANCE,
                Filters={"Channels": ["CHAT"]},
                CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
            )


def test_default_quotas_are_the_documented_ones() -> None:
    with ConnectEndpoint(example_state(), rate_clock=lambda: 0.0) as endpoint:
        client = endpoint.client(config=ONE_ATTEMPT)
        allowed = 0
        for _ in range(12):
            try:
                client.get_current_metric_data(
                    InstanceId=INSTANCE,
                    Filters={"Channels": ["CHAT"]},
                    CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
                )
                allowed += 1
            except client.exceptions.ThrottlingException:
                pass
        assert allowed == 8  # burst 8; the clock stands still, so nothing refills


def test_latency_delays_every_answer() -> None:
    slept: list[float] = []
    with ConnectEndpoint(
        example_state(),
        rate_limits=None,
        latency=lambda operation: 0.2 if operation == "StartTaskContact" else 0.0,
        sleep=slept.append,
    ) as endpoint:
        client = endpoint.client()
        client.start_task_contact(**TASK, ClientToken="slow")
        assert slept == [0.2]
        client.get_current_metric_data(
            InstanceId=INSTANCE,
            Filters={"Channels": ["CHAT"]},
            CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
        )
        client.start_task_contact(**TASK, ClientToken="slow again")
    assert slept == [0.2, 0.2]  # the metrics answer was not delayed


def test_quotas_are_per_account_and_region_not_per_instance() -> None:
    state = ConnectState()
    for instance_id, account, region in [
        ("a-1", "111111111111", "us-east-1"),
        ("a-2", "111111111111", "us-east-1"),
        ("a-west", "111111111111", "us-west-2"),
        ("b-1", "222222222222", "us-east-1"),
    ]:
        state.add_instance(instance_id, account_id=account, region=region).add_flow("f")
    limits = {"StartTaskContact": RateLimit(rate=2, burst=5)}
    with ConnectEndpoint(state, rate_limits=limits, rate_clock=lambda: 0.0) as endpoint:
        client = endpoint.client(config=ONE_ATTEMPT)

        def allowed(instance_id: str, tries: int) -> int:
            count = 0
            for _ in range(tries):
                try:
                    client.start_task_contact(InstanceId=instance_id, ContactFlowId="f", Name="n")
                    count += 1
                except client.exceptions.ThrottlingException:
                    pass
            return count

        # Two instances of one account and Region draw on one bucket of 5.
        assert (allowed("a-1", 3), allowed("a-2", 5)) == (3, 2)
        assert allowed("a-west", 6) == 5  # another Region: its own quota
        assert allowed("b-1", 6) == 5  # another account: its own quota
    assert endpoint.stats.throttled["StartTaskContact"] == 5
