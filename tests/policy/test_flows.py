"""contact-flow-valid: builder flows pass; a broken flow names the action and the rule, judged
for the resource's own flow type."""

from __future__ import annotations

import json
from typing import Any

from connect_streaming.flows import task_creating_flow, task_routing_flow
from tests.policy.calls import violations
from tests.policy.cases import (
    INSTANCE,
)


def test_builder_flows_pass_and_an_attachment_reference_is_caught() -> None:
    queue = f"{INSTANCE.arn}/queue/q1"
    routing = task_routing_flow(queue_arn=queue, name="route").to_json()
    assert (
        violations(
            "contact-flow-valid", "aws:connect/contactFlow:ContactFlow", {"content": routing}
        )
        == []
    )
    creating = json.loads(
        task_creating_flow(
            contact_flow_arn=INSTANCE.contact_flow_arn("f"), task_name="t", name="c"
        ).to_json()
    )
    task = next(a for a in creating["Actions"] if a["Type"] == "CreateTask")
    task["Parameters"]["References"] = {"file": {"Type": "ATTACHMENT", "Value": "s3://b/k"}}
    messages = violations(
        "contact-flow-valid",
        "aws:connect/contactFlow:ContactFlow",
        {"content": json.dumps(creating)},
    )
    assert any("[attachment-reference]" in m for m in messages)


def _one_action_flow(action: dict[str, Any]) -> str:
    """Flow content (JSON text) whose only action, the start, is ``action``."""
    start = {"Parameters": {}, "Transitions": {}, **action}
    return json.dumps(
        {"Version": "2019-10-30", "StartAction": start["Identifier"], "Actions": [start]}
    )


def test_a_broken_flow_names_the_action_and_rule() -> None:
    content = _one_action_flow(
        {
            "Identifier": "a",
            "Type": "UpdateContactTargetQueue",
            "Parameters": {"QueueId": "q"},
            "Transitions": {"NextAction": "missing"},
        }
    )
    messages = violations(
        "contact-flow-valid", "aws:connect/contactFlow:ContactFlow", {"content": content}
    )
    assert any("action 'a'" in m and "[dangling-transition]" in m for m in messages)


def test_a_flow_is_judged_for_the_resources_flow_type() -> None:
    content = _one_action_flow({"Identifier": "end", "Type": "EndFlowExecution"})
    flow = "aws:connect/contactFlow:ContactFlow"
    whisper = {"content": content, "type": "CUSTOMER_WHISPER"}
    assert violations("contact-flow-valid", flow, whisper) == []
    for props in ({"content": content}, {"content": content, "type": "CONTACT_FLOW"}):
        (message,) = violations("contact-flow-valid", flow, props)
        assert "action 'end'" in message
        assert "[action-not-in-flow-type]" in message
