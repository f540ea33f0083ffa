"""The contact-flow components under Pulumi's mocks: valid Flow Language wired to outputs."""

from __future__ import annotations

import json

import pytest

from connect_streaming.flows import flow_problems, parse_flow
from connect_streaming.flows.component import TaskCreatingFlow, TaskRoutingFlow
from connect_streaming_plan.mocks import StackProgramError, StackRun
from tests.components.component_runs import (
    INSTANCE,
    INSTANCE_ID,
    run_in_stack,
)

# --- flows ------------------------------------------------------------------------------------


def _flows(*, ignore: bool) -> StackRun:
    queue = f"{INSTANCE}/queue/5e6f7a8b"

    def program() -> None:
        routing = TaskRoutingFlow(
            "route",
            {"instance_arn": INSTANCE, "queue_arn": queue, "ignore_content_changes": ignore},
        )
        TaskCreatingFlow(
            "create",
            {
                "instance_arn": INSTANCE,
                "task_flow_arn": routing.contact_flow_arn,
                "task_name": "Follow up",
                "references": {"ticket": {"type": "URL", "value": "https://t.example.com/1"}},
                "attributes": {"source": "chat"},
                "delay_seconds": 600,
                "ignore_content_changes": ignore,
            },
        )

    return run_in_stack(program)


def test_flow_content_is_valid_flow_language_wired_to_outputs() -> None:
    run = _flows(ignore=False)
    flows = {r.parent_name: r for r in run.of_type("aws:connect/contactFlow:ContactFlow")}
    assert set(flows) == {"route", "create"}
    for flow in flows.values():
        assert flow.inputs["instanceId"] == INSTANCE_ID
        assert flow.inputs["type"] == "CONTACT_FLOW"
        assert flow_problems(flow.inputs["content"]) == []
        assert flow.ignore_changes == ()
    routing_json = flows["route"].inputs["content"]
    assert f"{INSTANCE}/queue/5e6f7a8b" in routing_json
    content = flows["create"].inputs["content"]
    assert parse_flow(content).to_json() == content  # the parser reads it back unchanged
    (task,) = [a for a in json.loads(content)["Actions"] if a["Type"] == "CreateTask"]
    parameters = task["Parameters"]
    assert parameters["ContactFlowId"] == flows["route"].outputs["arn"]
    assert parameters["DelaySeconds"] == 600
    assert parameters["References"] == {
        "ticket": {"Type": "URL", "Value": "https://t.example.com/1"}
    }


def test_ignore_content_changes_reaches_the_engine() -> None:
    run = _flows(ignore=True)
    for flow in run.of_type("aws:connect/contactFlow:ContactFlow"):
        assert flow.ignore_changes == ("content",)


def test_an_attachment_reference_is_refused_at_construction() -> None:
    with pytest.raises(StackProgramError, match="ATTACHMENT"):
        run_in_stack(
            lambda: TaskCreatingFlow(
                "create",
                {
                    "instance_arn": INSTANCE,
                    "task_flow_arn": f"{INSTANCE}/contact-flow/f",
                    "task_name": "x",
                    "references": {"file": {"type": "ATTACHMENT", "value": "s3://b/k"}},
                },
            )
        )
