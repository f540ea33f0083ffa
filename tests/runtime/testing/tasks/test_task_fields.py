"""StartTaskContact's newer members on the local endpoint: real boto3, the runtime, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from connect_runtime import ConnectRequestError
from connect_runtime.tasks import MAX_LINKED_TASKS, TaskAttachment, contact_expiry
from connect_runtime.testing import ConnectEndpoint, ManualClock, example_state
from tests.runtime.testing.conftest import INSTANCE

URL = (
    "https://files.s3.us-east-1.amazonaws.com/a.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIA%2F20261125&X-Amz-Date=20261125T000000Z&X-Amz-Signature=abc"
)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def endpoint(clock: ManualClock) -> Iterator[ConnectEndpoint]:
    with ConnectEndpoint(example_state(clock=clock), rate_limits=None) as served:
        yield served


def _start(endpoint: ConnectEndpoint, **params: Any) -> str:
    client = endpoint.client()  # the shared client: its exception classes are the tests' too
    answer = client.start_task_contact(InstanceId=INSTANCE, Name=params.pop("Name", "t"), **params)
    return str(answer["ContactId"])


def test_template_and_quick_connect_pick_the_flow(endpoint: ConnectEndpoint) -> None:
    instance = endpoint.instance()
    from_template = instance.contacts[_start(endpoint, TaskTemplateId="refund-template")]
    assert (from_template.flow_id, from_template.queue, from_template.state) == (
        "task-flow",
        "tasks",
        "QUEUED",
    )
    assert from_template.task_template_id == "refund-template"
    quick = instance.contacts[_start(endpoint, QuickConnectId="tasks-qc")]
    assert (quick.flow_id, quick.queue, quick.quick_connect_id) == (
        "task-flow",
        "tasks",
        "tasks-qc",
    )


@pytest.mark.parametrize(
    ("params", "error", "needle"),
    [
        ({"TaskTemplateId": "notes-template"}, "InvalidRequestException", "has no flow"),
        ({"TaskTemplateId": "nope"}, "ResourceNotFoundException", "Task template nope"),
        ({"QuickConnectId": "nope"}, "ResourceNotFoundException", "Quick connect nope"),
        ({}, "InvalidParameterException", "name the flow to run"),
        (
            {"ContactFlowId": "task-flow", "TaskTemplateId": "refund-template"},
            "InvalidParameterException",
            "name only one of",
        ),
        (
            {"RelatedContactId": "gone", "ContactFlowId": "task-flow"},
            "ResourceNotFoundException",
            "gone",
        ),
        (
            {
                "ContactFlowId": "task-flow",
                "Attachments": [{"FileName": "a", "S3Url": "https://x.example.com/a"}],
            },
            "InvalidParameterException",
            "S3 URL",
        ),
    ],
    ids=[
        "template-without-flow",
        "template",
        "quick-connect",
        "no-flow",
        "two-flows",
        "related",
        "attachment",
    ],
)
def test_what_today_refuses(
    endpoint: ConnectEndpoint, params: dict[str, Any], error: str, needle: str
) -> None:
    client = endpoint.client()
    before = len(endpoint.instance().tasks())
    with pytest.raises(getattr(client.exceptions, error), match=needle):
        _start(endpoint, **params)
    assert len(endpoint.instance().tasks()) == before


def test_a_scheduled_task_starts_at_its_time(endpoint: ConnectEndpoint, clock: ManualClock) -> None:
    client = endpoint.client()

    def tasks_waiting() -> float:
        answer = client.get_current_metric_data(
            InstanceId=INSTANCE,
            Filters={"Queues": ["tasks"], "Channels": ["TASK"]},
            CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
        )
        return float(answer["MetricResults"][0]["Collections"][0]["Value"])

    before = tasks_waiting()
    task_id = _start(endpoint, ContactFlowId="task-flow", ScheduledTime=NOW + timedelta(hours=2))
    task = endpoint.instance().contacts[task_id]
    assert (task.state, task.scheduled_at) == ("SCHEDULED", NOW + timedelta(hours=2))
    clock.advance(2 * 3600 - 1)
    assert tasks_waiting() == before
    clock.advance(1)
    assert tasks_waiting() == before + 1  # started on the endpoint's clock, at its time
    assert (task.state, task.enqueued_at) == ("QUEUED", NOW + timedelta(hours=2))
    for when in (clock() - timedelta(seconds=1), clock() + timedelta(days=6, seconds=1)):
        with pytest.raises(client.exceptions.InvalidParameterException, match="ScheduledTime"):
            _start(endpoint, ContactFlowId="task-flow", ScheduledTime=when)


def test_twelve_tasks_per_previous_contact_then_the_quota(endpoint: ConnectEndpoint) -> None:
    client = endpoint.client()
    for index in range(MAX_LINKED_TASKS):
        _start(endpoint, ContactFlowId="task-flow", PreviousContactId="chat-live", Name=f"t{index}")
    with pytest.raises(client.exceptions.ServiceQuotaExceededException, match="12") as caught:
        _start(endpoint, ContactFlowId="task-flow", PreviousContactId="chat-live")
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 402
    linked = [t for t in endpoint.instance().tasks() if t.previous_contact_id == "chat-live"]
    assert len(linked) == MAX_LINKED_TASKS


def test_related_contacts_copy_attributes_without_a_limit(endpoint: ConnectEndpoint) -> None:
    first = _start(endpoint, ContactFlowId="task-flow", Attributes={"order": "1", "tier": "gold"})
    for _ in range(MAX_LINKED_TASKS + 3):
        copy = _start(
            endpoint, ContactFlowId="task-flow", RelatedContactId=first, Attributes={"tier": "vip"}
        )
    task = endpoint.instance().contacts[copy]
    assert task.attributes == {"order": "1", "tier": "vip"}
    assert task.related_contact_id == first


def test_active_task_quota_counts_scheduled_tasks(endpoint: ConnectEndpoint) -> None:
    instance = endpoint.instance()
    instance.instance.max_active_tasks = len([t for t in instance.tasks() if not t.ended]) + 1
    _start(endpoint, ContactFlowId="task-flow", ScheduledTime=NOW + timedelta(days=1))
    client = endpoint.client()
    with pytest.raises(client.exceptions.ServiceQuotaExceededException, match="active tasks"):
        _start(endpoint, TaskTemplateId="refund-template")


def test_the_runtime_sends_todays_fields_and_2021_calls(endpoint: ConnectEndpoint) -> None:
    runtime = endpoint.runtime(rate_limits=None)
    task_id = runtime.start_task_contact(
        name="Refund",
        task_template_id="refund-template",
        segment_attributes=contact_expiry(90),
        attachments=[TaskAttachment("receipt.pdf", URL)],
    )
    task = endpoint.instance().contacts[task_id]
    assert task.attachments == [{"FileName": "receipt.pdf", "S3Url": URL}]
    assert task.segment_attributes["connect:ContactExpiry"]["ValueMap"]["ExpiryDuration"] == {
        "ValueInteger": 90
    }
    legacy = runtime.start_task_contact("task-flow", "2021 style", previous_contact_id=task_id)
    assert endpoint.instance().contacts[legacy].previous_contact_id == task_id
    with pytest.raises(ConnectRequestError, match="name only one of"):
        runtime.start_task_contact("task-flow", "x", task_template_id="refund-template")


def test_the_cli_as_a_subprocess(endpoint: ConnectEndpoint) -> None:
    # One clock for the test: the endpoint's pinned instant is handed to the CLI (--now), so
    # the CLI's own ScheduledTime check and the endpoint's agree on any day the suite runs.
    at = (NOW + timedelta(days=1)).isoformat()
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "x"}
    base = [sys.executable, "-m", "connect_runtime.cli", "--instance-id", INSTANCE]
    base += ["--region", "us-east-1", "--endpoint-url", endpoint.url, "--no-rate-limit"]
    argv = ["task", "start", "--template", "refund-template", "--name", "From the shell"]
    argv += ["--at", at, "--attach", f"receipt.pdf={URL}", "--expires-in", "60"]
    argv += ["--now", NOW.isoformat()]
    done = subprocess.run([*base, *argv], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    task = endpoint.instance().contacts[done.stdout.strip()]
    assert (task.state, task.task_template_id) == ("SCHEDULED", "refund-template")
    assert task.attachments[0]["FileName"] == "receipt.pdf"
    both = ["task", "start", "--template", "t", "--flow", "f", "--name", "x"]
    refused = subprocess.run([*base, *both], capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode == 2
    assert "not allowed with" in refused.stderr


def test_the_cli_judges_the_schedule_against_its_now(endpoint: ConnectEndpoint) -> None:
    """Without --now the CLI reads the real clock, so a time relative to the endpoint's pinned
    clock is refused before any request; with --now it is judged against that instant."""
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "x"}
    base = [sys.executable, "-m", "connect_runtime.cli", "--instance-id", INSTANCE]
    base += ["--region", "us-east-1", "--endpoint-url", endpoint.url, "--no-rate-limit"]
    real_now = datetime.now(UTC)
    pinned = real_now - timedelta(days=30)
    argv = ["task", "start", "--flow", "task-flow", "--name", "x"]
    argv += ["--at", (pinned + timedelta(days=1)).isoformat()]
    refused = subprocess.run([*base, *argv], capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode == 2, refused.stderr
    assert "ScheduledTime" in refused.stderr
    assert "cannot be in the past" in refused.stderr
    too_far = [*argv, "--now", (pinned - timedelta(days=7)).isoformat()]
    late = subprocess.run([*base, *too_far], capture_output=True, text=True, env=env, timeout=120)
    assert late.returncode == 2, late.stderr
    assert "must be at most 6 days after now" in late.stderr
