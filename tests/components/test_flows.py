"""Flow Language builder: valid flows validate and round-trip; one broken rule is named."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming.flows import (
    RULES,
    CreateTask,
    DisconnectParticipant,
    Flow,
    FlowReference,
    FlowValidationError,
    flow_problems,
    flow_to_dict,
    identifier_for,
    parse_flow,
    task_creating_flow,
    task_routing_flow,
)
from tests.components.flow_strategies import flows

QUEUE = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222/queue/33333333-4444"
FLOW = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222/contact-flow/5555-6666"


def _rules(content: str) -> set[str]:
    return {problem.rule for problem in flow_problems(content)}


# --- valid flows ------------------------------------------------------------------------------


@given(flows())
def test_generated_flows_are_valid(flow: Flow) -> None:
    assert flow.problems() == []


@given(flows())
def test_flows_round_trip_through_json_unchanged(flow: Flow) -> None:
    text = flow.to_json()
    parsed = parse_flow(text)
    assert parsed == flow
    assert parsed.to_json() == text


@given(flows())
def test_json_is_deterministic_and_sorted(flow: Flow) -> None:
    text = flow.to_json()
    rebuilt = Flow(flow.start_action, tuple(copy.deepcopy(a) for a in flow.actions), flow.metadata)
    assert rebuilt.to_json() == text
    document = json.loads(text)
    assert list(document) == sorted(document)
    for action in document["Actions"]:
        assert list(action) == sorted(action)


# --- one broken rule at a time ----------------------------------------------------------------


def _doc(flow: Flow) -> dict[str, Any]:
    return copy.deepcopy(flow_to_dict(flow))


def _actions_with(
    doc: dict[str, Any], predicate: Callable[[dict[str, Any]], bool]
) -> list[dict[str, Any]]:
    return [a for a in doc["Actions"] if predicate(a)]


def _dangling(doc: dict[str, Any], data: st.DataObject) -> bool:
    candidates = _actions_with(doc, lambda a: "NextAction" in a["Transitions"])
    if not candidates:
        return False
    data.draw(st.sampled_from(candidates))["Transitions"]["NextAction"] = "missing-target"
    return True


def _unreachable(doc: dict[str, Any], data: st.DataObject) -> bool:
    doc["Actions"].append(
        {
            "Identifier": "orphan",
            "Type": "DisconnectParticipant",
            "Parameters": {},
            "Transitions": {},
        }
    )
    return True


def _duplicate(doc: dict[str, Any], data: st.DataObject) -> bool:
    doc["Actions"].append(copy.deepcopy(data.draw(st.sampled_from(doc["Actions"]))))
    return True


def _illegal_identifier(doc: dict[str, Any], data: st.DataObject) -> bool:
    old = data.draw(st.sampled_from(doc["Actions"]))["Identifier"]
    new = data.draw(st.sampled_from(["has:colon", "a/b", "x" * 51, "sub(1)", "{id}", "$var"]))
    text = json.dumps(doc)
    if new in {a["Identifier"] for a in doc["Actions"]}:
        return False
    renamed = json.loads(text.replace(json.dumps(old), json.dumps(new)))
    doc.clear()
    doc.update(renamed)
    return True


def _empty_string(doc: dict[str, Any], data: st.DataObject) -> bool:
    candidates = _actions_with(
        doc, lambda a: any(isinstance(v, str) for v in a["Parameters"].values())
    )
    if not candidates:
        return False
    action = data.draw(st.sampled_from(candidates))
    key = data.draw(
        st.sampled_from(sorted(k for k, v in action["Parameters"].items() if isinstance(v, str)))
    )
    action["Parameters"][key] = ""
    return True


def _create_task(doc: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    return data.draw(st.sampled_from(_actions_with(doc, lambda a: a["Type"] == "CreateTask")))


def _attachment(doc: dict[str, Any], data: st.DataObject) -> bool:
    params = _create_task(doc, data)["Parameters"]
    params.setdefault("References", {})["file"] = {
        "Type": "ATTACHMENT",
        "Value": "https://files.example.com/a.pdf",
    }
    return True


def _delay_and_schedule(doc: dict[str, Any], data: st.DataObject) -> bool:
    params = _create_task(doc, data)["Parameters"]
    params["DelaySeconds"] = 60
    params["ScheduledTime"] = "$.Attributes.when"
    return True


def _delay_range(doc: dict[str, Any], data: st.DataObject) -> bool:
    params = _create_task(doc, data)["Parameters"]
    params.pop("ScheduledTime", None)
    params["DelaySeconds"] = data.draw(st.sampled_from([0, -5, 518_401, 1.5, "60", True]))
    return True


def _terminal_with_transitions(doc: dict[str, Any], data: st.DataObject) -> bool:
    terminals = _actions_with(
        doc, lambda a: a["Type"] in ("DisconnectParticipant", "EndFlowExecution")
    )
    if not terminals:
        return False
    terminal = data.draw(st.sampled_from(terminals))
    terminal["Transitions"] = {"NextAction": terminal["Identifier"]}
    return True


def _bad_reference_value(doc: dict[str, Any], data: st.DataObject) -> bool:
    params = _create_task(doc, data)["Parameters"]
    kind, value = data.draw(
        st.sampled_from(
            [("URL", "not a url"), ("NUMBER", "ten"), ("EMAIL", "nobody"), ("DATE", "2021-10-29")]
        )
    )
    params.setdefault("References", {})["broken"] = {"Type": kind, "Value": value}
    return True


MUTATIONS: list[tuple[str, Callable[[dict[str, Any], st.DataObject], bool], str | None]] = [
    ("dangling-transition", _dangling, None),
    ("unreachable-action", _unreachable, None),
    ("duplicate-identifier", _duplicate, None),
    ("illegal-identifier", _illegal_identifier, None),
    ("empty-parameter", _empty_string, None),
    ("attachment-reference", _attachment, "CreateTask"),
    ("delay-and-scheduled-time", _delay_and_schedule, "CreateTask"),
    ("delay-range", _delay_range, "CreateTask"),
    ("terminal-transitions", _terminal_with_transitions, None),
    ("reference-value", _bad_reference_value, "CreateTask"),
]


@pytest.mark.parametrize(("rule", "mutate", "needs"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
@given(data=st.data())
def test_a_flow_broken_one_way_is_rejected_naming_the_rule(
    rule: str,
    mutate: Callable[[dict[str, Any], st.DataObject], bool],
    needs: str | None,
    data: st.DataObject,
) -> None:
    flow = data.draw(flows(require=needs))
    doc = _doc(flow)
    if not mutate(doc, data):
        return  # this flow has nothing to break that way; other draws do
    content = json.dumps(doc)
    assert rule in _rules(content), flow_problems(content)
    with pytest.raises(FlowValidationError) as caught:
        parse_flow(content)
    assert rule in {problem.rule for problem in caught.value.problems}


def test_every_rule_is_documented() -> None:
    tested = {m[0] for m in MUTATIONS}
    assert tested <= set(RULES)


# --- never raises -----------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(st.one_of(st.text(), st.binary(), json_values.map(json.dumps), st.integers(), st.none()))
def test_flow_problems_never_raises_on_junk(content: Any) -> None:
    problems = flow_problems(content)
    assert all(p.rule in RULES for p in problems)


@given(flows(), st.data())
def test_flow_problems_never_raises_on_damaged_flows(flow: Flow, data: st.DataObject) -> None:
    doc = _doc(flow)
    action = data.draw(st.sampled_from(doc["Actions"]))
    key = data.draw(st.sampled_from(["Identifier", "Type", "Parameters", "Transitions"]))
    action[key] = data.draw(json_values)
    problems = flow_problems(json.dumps(doc))
    assert all(p.rule in RULES for p in problems)


def test_deeply_nested_json_is_reported_not_raised() -> None:
    assert _rules("[" * 100_000 + "]" * 100_000) <= {"invalid-json", "invalid-structure"}
    assert _rules("[" * 100_000 + "]" * 100_000)


# --- the ready-made flows ---------------------------------------------------------------------


def test_task_routing_flow_shape() -> None:
    doc = json.loads(task_routing_flow(queue_arn=QUEUE).to_json())
    by_type = {a["Type"]: a for a in doc["Actions"]}
    assert doc["StartAction"] == by_type["UpdateContactTargetQueue"]["Identifier"]
    assert by_type["UpdateContactTargetQueue"]["Parameters"] == {"QueueId": QUEUE}
    errors = {e["ErrorType"] for e in by_type["TransferContactToQueue"]["Transitions"]["Errors"]}
    assert errors == {"NoMatchingError", "QueueAtCapacity"}
    assert by_type["DisconnectParticipant"]["Transitions"] == {}


def test_task_creating_flow_carries_typed_references() -> None:
    flow = task_creating_flow(
        contact_flow_arn=FLOW,
        task_name="Call back",
        references={
            "case": FlowReference("URL", "https://crm.example.com/42"),
            "amount": FlowReference("NUMBER", "$.Attributes.amount"),
        },
        attributes={"priority": "high"},
        delay_seconds=900,
        then="end",
    )
    create = flow.actions[0]
    assert isinstance(create, CreateTask)
    assert create.parameters()["References"]["case"] == {
        "Type": "URL",
        "Value": "https://crm.example.com/42",
    }
    assert create.parameters()["DelaySeconds"] == 900
    assert flow.actions[1].type == "EndFlowExecution"


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        (
            {"references": {"file": FlowReference("ATTACHMENT", "https://x.example.com/a")}},
            "attachment-reference",
        ),
        ({"delay_seconds": 0}, "delay-range"),
        ({"delay_seconds": 600_000}, "delay-range"),
        ({"task_name": ""}, "empty-parameter"),
        ({"references": {"site": FlowReference("URL", "ftp://x")}}, "reference-value"),
    ],
)
def test_task_creating_flow_refuses_what_the_service_refuses(
    kwargs: dict[str, Any], rule: str
) -> None:
    arguments: dict[str, Any] = {"contact_flow_arn": FLOW, "task_name": "Call back", **kwargs}
    with pytest.raises(FlowValidationError) as caught:
        task_creating_flow(**arguments)
    assert rule in {p.rule for p in caught.value.problems}
    assert rule in str(caught.value)


def test_identifiers_are_stable_and_legal() -> None:
    assert identifier_for("Transfer to queue (billing)") == identifier_for(
        "Transfer to queue (billing)"
    )
    for name in ["a:b/c", "(x)", "", "   ", "x" * 80, "{$};[=]"]:
        ident = identifier_for(name)
        assert 1 <= len(ident) <= 50
        assert not set(ident) & set("%:(\\/)=$,;[]{}")
    assert (
        task_routing_flow(queue_arn=QUEUE).to_json() == task_routing_flow(queue_arn=QUEUE).to_json()
    )


def test_problems_name_the_action() -> None:
    flow = Flow(
        "start",
        (DisconnectParticipant(identifier="start"), DisconnectParticipant(identifier="lost")),
    )
    (problem,) = flow.problems()
    assert (problem.action, problem.rule) == ("lost", "unreachable-action")
    assert "action 'lost'" in str(problem)
