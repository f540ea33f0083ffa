"""The task-template-usable rule: directly, over the component's own resource, over every valid
template the strategies make, over junk, and once through the pack's gRPC interface."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pulumi.runtime.proto import analyzer_pb2

from connect_streaming.templates.component import TaskTemplate
from connect_streaming.templates.definition import TaskTemplateDefinition, resource_args
from connect_streaming_plan.analyzer import PolicyPackProcess, Resource
from connect_streaming_plan.mocks import run_program
from connect_streaming_policy.catalogue import RESOURCE_RULES, RULES, rule
from connect_streaming_policy.templates import TASK_TEMPLATE, definition_from_props
from connect_streaming_policy.vocabulary import Context
from tests.components.template_strategies import task_templates
from tests.repo import POLICY_PACK_DIR

INSTANCE = "arn:aws:connect:eu-west-2:111122223333:instance/2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
FLOW = f"{INSTANCE}/contact-flow/f1"
RULE = next(r for r in RESOURCE_RULES if r.name == "task-template-usable")
GOOD: dict[str, Any] = {
    "instanceArn": INSTANCE,
    "name": "callback",
    "contactFlowArn": FLOW,
    "fields": [
        {"id": {"name": "Subject"}, "type": "NAME"},
        {"id": {"name": "Phone"}, "type": "TEXT"},
    ],
    "constraints": {"requiredFields": [{"id": {"name": "Subject"}}]},
    "defaults": [{"id": {"name": "Phone"}, "defaultValue": "+44"}],
    "status": "ACTIVE",
}
QUICK_CONNECT_ONLY = {
    **{k: v for k, v in GOOD.items() if k != "contactFlowArn"},
    "fields": [*GOOD["fields"], {"id": {"name": "Agent"}, "type": "QUICK_CONNECT"}],
}


def _violations(props: dict[str, Any], config: dict[str, Any] | None = None) -> list[str]:
    return RULE.violations(TASK_TEMPLATE, props, Context(config=config or {}))


def _camel(value: Any) -> Any:
    """Snake-case keys as the engine sends them (camelCase); values untouched."""
    if isinstance(value, dict):
        return {re.sub(r"_([a-z])", lambda m: m[1].upper(), k): _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


def test_the_rule_is_mandatory_and_in_the_pack() -> None:
    assert rule("task-template-usable") is RULE
    assert RULE.level == "mandatory"
    assert RULE.severity == "high"
    assert RULE.remediation
    assert RULE.applies_to(TASK_TEMPLATE)
    assert not RULE.applies_to("aws:connect/contactFlow:ContactFlow")
    assert len({r.name for r in RULES}) == len(RULES)


def test_the_components_template_passes() -> None:
    args: Any = {
        "instance_arn": INSTANCE,
        "contact_flow_arn": FLOW,
        "fields": [{"name": "Subject", "type": "NAME"}, {"name": "Note", "type": "TEXT_AREA"}],
        "required_fields": ["Subject"],
        "invisible_fields": ["Note"],
        "defaults": {"Note": "from chat"},
    }
    run = run_program(
        lambda: TaskTemplate("callback", args),
        environment="test",
        config={"connect-streaming:instanceArn": INSTANCE},
    )
    (template,) = run.of_type(TASK_TEMPLATE)
    assert _violations(template.inputs) == []


@given(task_templates())
def test_every_valid_template_reads_back_and_passes(template: TaskTemplateDefinition) -> None:
    props = _camel(resource_args(template))
    if template.has_flow:
        props["contactFlowArn"] = FLOW
    assert definition_from_props(props) == template
    violations = _violations(props, {"allowQuickConnectOnly": True})
    assert violations == []


def test_a_template_without_a_flow_cannot_start_alone() -> None:
    (message,) = _violations(QUICK_CONNECT_ONLY)
    assert "contactFlowArn is not set" in message
    assert "StartTaskContact" in message
    assert _violations(QUICK_CONNECT_ONLY, {"allowQuickConnectOnly": True}) == []


def test_no_flow_and_no_quick_connect_is_refused_whatever_the_config() -> None:
    props = {k: v for k, v in GOOD.items() if k != "contactFlowArn"}
    for config in ({}, {"allowQuickConnectOnly": True}):
        (message,) = _violations(props, config)
        assert message.startswith("contact_flow_arn None: set a flow")
        assert "[no-flow]" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"constraints": {"requiredFields": [{"id": {"name": n}} for n in ("Subject", "Fax")]}},
            "required_fields[1] 'Fax': names no field of the template [unknown-field]",
        ),
        (
            {"defaults": [{"id": {"name": "Colour"}, "defaultValue": "red"}]},
            "defaults['Colour'] 'Colour': names no field of the template [unknown-field]",
        ),
        ({"constraints": {}}, "required_fields []: must list the NAME field 'Subject'"),
        (
            {"fields": [*GOOD["fields"], {"id": {"name": "Phone"}, "type": "URL"}]},
            "fields[2].name 'Phone': another field has this name [duplicate-field]",
        ),
        ({"status": "PAUSED"}, "status 'PAUSED': not ACTIVE or INACTIVE [status]"),
    ],
)  # fmt: skip
def test_each_unusable_part_is_named(change: dict[str, Any], expected: str) -> None:
    violations = _violations({**GOOD, **change})
    assert len(violations) == 1, violations
    assert violations[0].startswith(expected)


def test_unreadable_properties_are_a_violation_naming_the_property() -> None:
    (message,) = _violations({**GOOD, "fields": [{"id": {"name": 7}, "type": "NAME"}]})
    assert message == "not a readable task template: fields[0].id.name is int, not a string"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = ["name", "fields", "constraints", "defaults", "status", "contactFlowArn", "description"]


@given(
    st.dictionaries(st.sampled_from(KEYS), json_values, max_size=7),
    st.sampled_from(["fields", "constraints", "defaults"]),
    json_values,
)
def test_the_rule_never_crashes(props: dict[str, Any], key: str, nested: Any) -> None:
    for candidate in (props, {**GOOD, key: nested}, {**GOOD, key: [nested]}):
        messages = _violations(candidate)
        assert all(isinstance(m, str) and m for m in messages)


def test_a_valid_inactive_template_is_not_reported() -> None:
    # INACTIVE is a deliberate switch-off (tasks cannot be created from it): not a defect.
    assert _violations({**GOOD, "status": "INACTIVE"}) == []
    template = definition_from_props(GOOD)
    assert replace(template, status="INACTIVE") == definition_from_props(
        {**GOOD, "status": "INACTIVE"}
    )


# --- through the pack's gRPC Analyzer interface -----------------------------------------------


@pytest.fixture(scope="module")
def pack() -> Iterator[PolicyPackProcess]:
    with PolicyPackProcess(POLICY_PACK_DIR) as running:
        yield running


def test_the_pack_reports_a_template_that_cannot_start_alone(pack: PolicyPackProcess) -> None:
    pack.configure({r.name: (r.level, r.settings(None)) for r in RULES})
    urn = f"urn:pulumi:dev::p::{TASK_TEMPLATE}::callback"
    bad = pack.analyze(Resource(TASK_TEMPLATE, urn, "callback", QUICK_CONNECT_ONLY))
    good = pack.analyze(Resource(TASK_TEMPLATE, urn, "callback", GOOD))
    (diagnostic,) = [d for d in bad.diagnostics if d.policyName == "task-template-usable"]
    assert diagnostic.enforcementLevel == analyzer_pb2.MANDATORY
    assert "contactFlowArn is not set" in diagnostic.message
    assert [d for d in good.diagnostics if d.policyName == "task-template-usable"] == []
