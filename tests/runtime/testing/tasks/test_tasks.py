"""StartTaskContact through raw boto3: flows, references, attributes, idempotency, quota."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from connect_runtime.testing import ConnectEndpoint
from tests.runtime.testing.conftest import INSTANCE, ONE_ATTEMPT


def test_a_task_is_created_queued_and_counted(connect_endpoint: ConnectEndpoint) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)

    def waiting_tasks() -> float:
        answer = client.get_current_metric_data(
            InstanceId=INSTANCE,
            Filters={"Queues": ["tasks"], "Channels": ["TASK"]},
            CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
        )
        return answer["MetricResults"][0]["Collections"][0]["Value"]

    before = waiting_tasks()
    contact_id = client.start_task_contact(
        InstanceId=INSTANCE,
        ContactFlowId="task-flow",
        Name="Refund",
        Description="Order 1234",
        Attributes={"order-id": "1234", "tier_1": "gold"},
        References={
            "order": {"Value": "https://shop.example.com/o/1234", "Type": "URL"},
            "amount": {"Value": "42.5", "Type": "NUMBER"},
            "due": {"Value": "1635508800", "Type": "DATE"},
            "who": {"Value": "jane@example.com", "Type": "EMAIL"},
            "note": {"Value": "fragile", "Type": "STRING"},
        },
        PreviousContactId="chat-live",
        ClientToken=str(uuid.uuid4()),
    )["ContactId"]
    task = connect_endpoint.instance().contacts[contact_id]
    assert (task.channel, task.state, task.queue, task.initiation_method) == (
        "TASK",
        "QUEUED",
        "tasks",
        "API",
    )
    assert task.attributes == {"order-id": "1234", "tier_1": "gold"}
    assert task.references["amount"] == {"Value": "42.5", "Type": "NUMBER"}
    assert task.previous_contact_id == "chat-live"
    assert waiting_tasks() == before + 1
    # A flow without a queue keeps its task in the flow: not in any queue metric.
    other = client.start_task_contact(
        InstanceId=INSTANCE, ContactFlowId="chat-flow", Name="x", ClientToken="t-2"
    )["ContactId"]
    assert connect_endpoint.instance().contacts[other].state == "IN_FLOW"
    assert waiting_tasks() == before + 1


@pytest.mark.parametrize(
    ("changes", "error", "needle"),
    [
        ({"ContactFlowId": "no-such-flow"}, "ResourceNotFoundException", "no-such-flow"),
        ({"PreviousContactId": "gone"}, "ResourceNotFoundException", "gone"),
        ({"InstanceId": "other"}, "ResourceNotFoundException", "other"),
        ({"Attributes": {"bad key!": "v"}}, "InvalidParameterException", "keys may contain"),
        (
            {"References": {"r": {"Value": "ftp://x", "Type": "URL"}}},
            "InvalidParameterException",
            "http(s) URL",
        ),
        (
            {"References": {"r": {"Value": "https://x.example/f", "Type": "ATTACHMENT"}}},
            "InvalidParameterException",
            "not accepted when a task is created",
        ),
        (
            {"References": {f"r{i}": {"Value": "v" * 300, "Type": "STRING"} for i in range(14)}},
            "InvalidParameterException",
            "4096 UTF-8 bytes",
        ),
    ],
    ids=[
        "flow",
        "previous",
        "instance",
        "attribute-key",
        "url",
        "attachment",
        "references-budget",
    ],
)
def test_what_start_task_contact_refuses(
    connect_endpoint: ConnectEndpoint, changes: dict[str, object], error: str, needle: str
) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    request: dict[str, object] = {
        "InstanceId": INSTANCE,
        "ContactFlowId": "task-flow",
        "Name": "n",
        **changes,
    }
    with pytest.raises(getattr(client.exceptions, error), match=re.escape(needle)):
        client.start_task_contact(**request)  # type: ignore[arg-type]
    assert connect_endpoint.instance().tasks()[-1].id == "task-waiting"  # nothing created


def test_client_token_makes_a_task_idempotent(connect_endpoint: ConnectEndpoint) -> None:
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    request: Any = {"InstanceId": INSTANCE, "ContactFlowId": "task-flow", "Name": "once"}
    first = client.start_task_contact(**request, ClientToken="same")["ContactId"]
    again = client.start_task_contact(**request, ClientToken="same")["ContactId"]
    assert again == first
    assert sum(1 for t in connect_endpoint.instance().tasks() if t.name == "once") == 1
    # Reused with other parameters: a modelled error (the service's answer is undocumented).
    with pytest.raises(client.exceptions.InvalidRequestException, match="other parameters"):
        client.start_task_contact(**{**request, "Name": "twice"}, ClientToken="same")
    assert sum(1 for t in connect_endpoint.instance().tasks() if t.name == "twice") == 0


def test_the_active_task_quota(connect_endpoint: ConnectEndpoint) -> None:
    instance = connect_endpoint.instance()
    instance.instance.max_active_tasks = len([t for t in instance.tasks() if not t.ended]) + 1
    client = connect_endpoint.client(config=ONE_ATTEMPT)
    request: Any = {"InstanceId": INSTANCE, "ContactFlowId": "task-flow", "Name": "q"}
    client.start_task_contact(**request, ClientToken="a")
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as caught:
        client.start_task_contact(**request, ClientToken="b")
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 402
    instance.end_contact(instance.tasks()[-1].id)
    client.start_task_contact(**request, ClientToken="b")
