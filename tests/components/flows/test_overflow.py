"""A full queue does not end a task when an overflow queue is given: the task routing flow's
QueueAtCapacity branch sets the overflow queue and transfers there, in the builder, the
component, the environment and the prod stack; without one the flow is what it always was."""

from __future__ import annotations

import json
from typing import Any, cast

import pytest
from hypothesis import given

from connect_streaming.errors import RuleError
from connect_streaming.flows import flow_problems, parse_flow, task_routing_flow
from connect_streaming.flows.component import TaskRoutingFlow
from connect_streaming_plan.mocks import StackRun
from tests.components.component_runs import INSTANCE, run_in_stack
from tests.components.flows.flow_strategies import arns, words
from tests.repo import load_stack_config, run_stack_program

QUEUE = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222/queue/33333333-4444"
SPILL = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222/queue/55555555-6666"


def _edges(content: str) -> dict[str, dict[str, str]]:
    """Each action's outgoing transitions, read from the JSON: {"next"|error type: target}."""
    edges: dict[str, dict[str, str]] = {}
    for action in json.loads(content)["Actions"]:
        transitions = action.get("Transitions", {})
        out = {e["ErrorType"]: e["NextAction"] for e in transitions.get("Errors", [])}
        if "NextAction" in transitions:
            out["next"] = transitions["NextAction"]
        edges[action["Identifier"]] = out
    return edges


def _queue_of(content: str) -> dict[str, str]:
    """Which queue each Set working queue action sets."""
    return {
        a["Identifier"]: a["Parameters"]["QueueId"]
        for a in json.loads(content)["Actions"]
        if a["Type"] == "UpdateContactTargetQueue"
    }


def _queues_transferred_to_when_full(content: str) -> list[str]:
    """Walk the flow as a task meeting full queues: at every transfer take QueueAtCapacity; the
    working queue at each transfer is the queue the task is offered to, in order."""
    document = json.loads(content)
    by_id = {a["Identifier"]: a for a in document["Actions"]}
    offered: list[str] = []
    working, here, seen = "", document["StartAction"], set()
    while here not in seen:
        seen.add(here)
        action = by_id[here]
        transitions = action.get("Transitions", {})
        if action["Type"] == "UpdateContactTargetQueue":
            working = action["Parameters"]["QueueId"]
        if action["Type"] == "TransferContactToQueue":
            offered.append(working)
            errors = {e["ErrorType"]: e["NextAction"] for e in transitions["Errors"]}
            here = errors["QueueAtCapacity"]
        elif "NextAction" in transitions:
            here = transitions["NextAction"]
        else:
            assert action["Type"] == "DisconnectParticipant"
            break
    return offered


def test_with_an_overflow_queue_a_full_queue_spills_over_once_then_ends_logged() -> None:
    content = task_routing_flow(queue_arn=QUEUE, overflow_queue_arn=SPILL).to_json()
    assert _queues_transferred_to_when_full(content) == [QUEUE, SPILL]
    assert _edges(content) == {
        "taskrouting-enable-flow-logging": {"next": "taskrouting-set-working-queue"},
        "taskrouting-set-working-queue": {
            "next": "taskrouting-transfer-to-queue",
            "NoMatchingError": "taskrouting-disconnect",
        },
        "taskrouting-transfer-to-queue": {
            "next": "taskrouting-disconnect",
            "QueueAtCapacity": "taskrouting-set-overflow-queue",
            "NoMatchingError": "taskrouting-disconnect",
        },
        "taskrouting-set-overflow-queue": {
            "next": "taskrouting-transfer-to-overflow-queue",
            "NoMatchingError": "taskrouting-disconnect",
        },
        "taskrouting-transfer-to-overflow-queue": {
            "next": "taskrouting-disconnect",
            "QueueAtCapacity": "taskrouting-disconnect",
            "NoMatchingError": "taskrouting-disconnect",
        },
        "taskrouting-disconnect": {},
    }
    assert _queue_of(content) == {
        "taskrouting-set-working-queue": QUEUE,
        "taskrouting-set-overflow-queue": SPILL,
    }


def test_without_an_overflow_queue_the_flow_is_unchanged() -> None:
    content = task_routing_flow(queue_arn=QUEUE).to_json()
    assert _queues_transferred_to_when_full(content) == [QUEUE]
    assert content == task_routing_flow(queue_arn=QUEUE, overflow_queue_arn=None).to_json()
    assert [a["Identifier"] for a in json.loads(content)["Actions"]] == [
        "taskrouting-enable-flow-logging",
        "taskrouting-set-working-queue",
        "taskrouting-transfer-to-queue",
        "taskrouting-disconnect",
    ]


@given(arns, arns, words)
def test_any_overflow_flow_is_valid_warning_free_and_round_trips(
    queue: str, spill: str, name: str
) -> None:
    if queue == spill:
        with pytest.raises(RuleError):
            task_routing_flow(queue_arn=queue, overflow_queue_arn=spill, name=name)
        return
    content = task_routing_flow(queue_arn=queue, overflow_queue_arn=spill, name=name).to_json()
    assert flow_problems(content, warnings=True) == []
    assert parse_flow(content).to_json() == content
    assert _queues_transferred_to_when_full(content) == [queue, spill]


def test_the_flow_s_own_queue_as_its_overflow_is_refused_naming_the_field() -> None:
    with pytest.raises(RuleError) as caught:
        task_routing_flow(queue_arn=QUEUE, overflow_queue_arn=QUEUE)
    assert str(caught.value) == (
        "overflow_queue_arn: expected a queue other than queue_arn (a full queue cannot take its"
        f" own overflow), got {QUEUE!r}"
    )


def _routing_content(extra: dict[str, Any]) -> str:
    queue = f"{INSTANCE}/queue/q-1"
    run = run_in_stack(
        lambda: TaskRoutingFlow(
            "route", cast(Any, {"instance_arn": INSTANCE, "queue_arn": queue, **extra})
        )
    )
    (flow,) = run.of_type("aws:connect/contactFlow:ContactFlow")
    content: str = flow.inputs["content"]
    return content


def test_the_component_writes_the_overflow_into_the_flow_it_deploys() -> None:
    spilled = _routing_content({"overflow_queue_arn": f"{INSTANCE}/queue/q-2"})
    assert _queues_transferred_to_when_full(spilled) == [
        f"{INSTANCE}/queue/q-1",
        f"{INSTANCE}/queue/q-2",
    ]
    assert _queues_transferred_to_when_full(_routing_content({})) == [f"{INSTANCE}/queue/q-1"]


@pytest.fixture(scope="module")
def prod() -> StackRun:
    run: StackRun = run_stack_program("prod", load_stack_config("prod"))
    return run


@pytest.mark.parametrize(
    ("flow", "spills"),
    [("callback-tasks", ["0a9b8c7d", "5e6f7a8b"]), ("escalation-tasks", ["5e6f7a8b"])],
)
def test_prod_s_callback_queue_spills_over_to_the_escalation_queue(
    prod: StackRun, flow: str, spills: list[str]
) -> None:
    flows = prod.of_type("aws:connect/contactFlow:ContactFlow")
    (resource,) = [r for r in flows if r.inputs["name"] == f"prod-{flow}"]
    offered = _queues_transferred_to_when_full(resource.inputs["content"])
    assert [arn.rsplit("/", 1)[1].split("-")[0] for arn in offered] == spills


@pytest.mark.parametrize("environment", ["dev", "staging"])
def test_stacks_without_the_key_keep_their_single_queue_flows(environment: str) -> None:
    run = run_stack_program(environment, load_stack_config(environment))
    routing = [
        r
        for r in run.of_type("aws:connect/contactFlow:ContactFlow")
        if "TransferContactToQueue" in r.inputs["content"]
    ]
    assert routing
    for resource in routing:
        assert len(_queues_transferred_to_when_full(resource.inputs["content"])) == 1
