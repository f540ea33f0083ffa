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
from connect_streaming.flows.reference import ACTIONS, MAX_ACTIONS, MAX_CONTENT_CHARS, flow_types
from tests.components.flows.flow_strategies import TRANSITION_KINDS, dangling_documents, flows

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
    new = data.draw(
        st.sampled_from(
            ["has:colon", "a/b", "x" * 51, "sub(1)", "{id}", "$var", "__proto__", "toString"]
        )
    )
    text = json.dumps(doc)
    if new in {a["Identifier"] for a in doc["Actions"]}:
        return False
    renamed = json.loads(text.replace(json.dumps(old), json.dumps(new)))
    doc.clear()
    doc.update(renamed)
    return True


def _empty_string(doc: dict[str, Any], data: st.DataObject) -> bool:
    candidates = _actions_with(  # modelled actions only: AWS exports carry "" in e.g. ShowView
        doc,
        lambda a: (
            a["Type"] in ACTIONS and any(isinstance(v, str) for v in a["Parameters"].values())
        ),
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


def _typed(doc: dict[str, Any], data: st.DataObject, kind: str) -> dict[str, Any]:
    return data.draw(st.sampled_from(_actions_with(doc, lambda a: a["Type"] == kind)))


def _transfer_with_parameters(doc: dict[str, Any], data: st.DataObject) -> bool:
    # 'No parameters are expected' (contact-actions-transfercontacttoqueue.html)
    key = data.draw(st.sampled_from(["QueueId", "AgentId", "Anything"]))
    _typed(doc, data, "TransferContactToQueue")["Parameters"][key] = "arn:aws:connect:q"
    return True


def _end_flow_in_contact_flow(doc: dict[str, Any], data: st.DataObject) -> bool:
    terminals = _actions_with(doc, lambda a: a["Type"] == "DisconnectParticipant")
    if not terminals:
        return False
    data.draw(st.sampled_from(terminals))["Type"] = "EndFlowExecution"
    return True


def _illegal_condition(doc: dict[str, Any], data: st.DataObject) -> bool:
    action = _typed(doc, data, "Compare")
    if not action["Transitions"].get("Conditions"):
        return False
    branch = data.draw(st.sampled_from(action["Transitions"]["Conditions"]))
    if data.draw(st.booleans()):
        branch["Condition"]["Operator"] = data.draw(
            st.sampled_from(["Like", "equals", "NotEquals"])
        )
    else:
        branch["Condition"]["Operands"] = ["a", "b"]
    return True


def _conditions_on_create_task(doc: dict[str, Any], data: st.DataObject) -> bool:
    action = _typed(doc, data, "CreateTask")
    action["Transitions"]["Conditions"] = [
        {"NextAction": action["Identifier"], "Condition": {"Operator": "Equals", "Operands": ["x"]}}
    ]
    return True


def _compare_without_value(doc: dict[str, Any], data: st.DataObject) -> bool:
    del _typed(doc, data, "Compare")["Parameters"]["ComparisonValue"]
    return True


def _queue_and_agent(doc: dict[str, Any], data: st.DataObject) -> bool:
    _typed(doc, data, "UpdateContactTargetQueue")["Parameters"]["AgentId"] = "agent-1"
    return True


def _static_comparison(doc: dict[str, Any], data: st.DataObject) -> bool:
    value = data.draw(st.sampled_from(["segment", "$.A and $.B", "x $.Attributes.y"]))
    _typed(doc, data, "Compare")["Parameters"]["ComparisonValue"] = value
    return True


def _mixed_queue_id(doc: dict[str, Any], data: st.DataObject) -> bool:
    _typed(doc, data, "UpdateContactTargetQueue")["Parameters"]["QueueId"] = "q-$.Attributes.q"
    return True


def _dynamic_template(doc: dict[str, Any], data: st.DataObject) -> bool:
    _typed(doc, data, "CreateTask")["Parameters"]["TaskTemplateId"] = "$.Attributes.template"
    return True


def _bad_target_contact(doc: dict[str, Any], data: st.DataObject) -> bool:
    params = _typed(doc, data, "UpdateContactAttributes")["Parameters"]
    params["TargetContact"] = data.draw(st.sampled_from(["Other", "current", "$.Attributes.t"]))
    return True


def _too_many_actions(doc: dict[str, Any], data: st.DataObject) -> bool:
    tail = doc["Actions"][-1]
    doc["Actions"] += [
        dict(copy.deepcopy(tail), Identifier=f"extra-{i}")
        for i in range(MAX_ACTIONS + 1 - len(doc["Actions"]))
    ]
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
    ("unexpected-parameter", _transfer_with_parameters, "TransferContactToQueue"),
    ("action-not-in-flow-type", _end_flow_in_contact_flow, "TransferContactToQueue"),
    ("illegal-condition", _illegal_condition, "Compare"),
    ("conditions-not-supported", _conditions_on_create_task, "CreateTask"),
    ("missing-parameter", _compare_without_value, "Compare"),
    ("exclusive-parameters", _queue_and_agent, "UpdateContactTargetQueue"),
    ("single-jsonpath-required", _static_comparison, "Compare"),
    ("static-or-single-jsonpath", _mixed_queue_id, "UpdateContactTargetQueue"),
    ("static-required", _dynamic_template, "CreateTask"),
    ("illegal-parameter-value", _bad_target_contact, "UpdateContactAttributes"),
    ("too-many-actions", _too_many_actions, None),
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


TESTED_ELSEWHERE = {
    "invalid-json": "test_flow_problems_never_raises_on_junk",
    "invalid-structure": "test_deeply_nested_json_is_reported_not_raised",
    "content-too-large": "test_content_longer_than_the_api_takes_is_refused",
    "unknown-flow-type": "test_an_unknown_flow_type_is_reported_once",
    "unknown-start-action": "flow_problems doctest",
    "missing-transition": "test_a_typed_action_without_next_action_is_refused",
    "unknown-error-type": "test_an_error_the_action_never_raises_is_refused",
    "illegal-reference-type": "test_task_creating_flow_refuses_what_the_service_refuses",
    # the warnings: test_flow_warnings.py (they never make parse_flow raise)
    "unhandled-error": "test_flow_warnings.test_a_removed_documented_branch_is_warned_of",
    "disconnect-without-trace": "test_flow_warnings.test_untraced_disconnects_match_an_oracle",
    "unlisted-parameter": "test_flow_warnings.test_an_unlisted_parameter_parses_with_a_warning",
}


def test_every_rule_is_documented_and_exercised() -> None:
    tested = {m[0] for m in MUTATIONS}
    assert tested <= set(RULES)
    assert set(RULES) == tested | set(TESTED_ELSEWHERE)


# --- a dangling transition of every kind names its action --------------------------------------


@pytest.mark.parametrize("kind", TRANSITION_KINDS)
@given(data=st.data())
def test_any_dangling_transition_names_its_action(kind: str, data: st.DataObject) -> None:
    document, owner, target = data.draw(dangling_documents(kind))
    dangling = [p for p in flow_problems(json.dumps(document)) if p.rule == "dangling-transition"]
    assert [(p.action, repr(target) in p.message) for p in dangling] == [(owner, True)], dangling


# --- what AWS's own exports and the reference allow -------------------------------------------


@given(flows(require="TransferContactToQueue"))
def test_actions_taking_no_parameters_may_leave_the_key_out(flow: Flow) -> None:
    document = _doc(flow)
    for action in document["Actions"]:
        if action["Type"] in ACTIONS and not ACTIONS[action["Type"]].parameters:
            del action["Parameters"]
    content = json.dumps(document)
    assert flow_problems(content) == []
    assert flow_to_dict(parse_flow(content)) == document


@given(flows(require="Compare"))
def test_an_action_needing_parameters_may_not_leave_the_key_out(flow: Flow) -> None:
    document = _doc(flow)
    compare = next(a for a in document["Actions"] if a["Type"] == "Compare")
    del compare["Parameters"]
    problems = flow_problems(json.dumps(document))
    assert ("invalid-structure", compare["Identifier"]) in {(p.rule, p.action) for p in problems}


FLOW_TYPES_WITH_AN_END = ["CONTACT_FLOW", "QUEUE_TRANSFER", "AGENT_WHISPER", "CUSTOMER_QUEUE"]


@pytest.mark.parametrize("flow_type", FLOW_TYPES_WITH_AN_END)
@given(data=st.data())
def test_flows_of_each_type_validate_for_that_type(flow_type: str, data: st.DataObject) -> None:
    flow = data.draw(flows(flow_type=flow_type))
    assert flow.problems() == []
    assert parse_flow(flow.to_json(), flow_type=flow_type) == flow


def test_end_flow_execution_is_refused_in_contact_flows_only() -> None:
    content = json.dumps(
        {
            "Version": "2019-10-30",
            "StartAction": "end",
            "Actions": [
                {
                    "Identifier": "end",
                    "Type": "EndFlowExecution",
                    "Parameters": {},
                    "Transitions": {},
                }
            ],
        }
    )
    (problem,) = flow_problems(content)
    assert (problem.action, problem.rule) == ("end", "action-not-in-flow-type")
    assert "CONTACT_FLOW" in problem.message
    for flow_type in ("CUSTOMER_WHISPER", "AGENT_WHISPER", "OUTBOUND_WHISPER", "CUSTOMER_QUEUE"):
        assert flow_problems(content, flow_type=flow_type) == []


def test_the_flow_types_are_the_models() -> None:
    assert "CONTACT_FLOW" in flow_types()
    assert set(FLOW_TYPES_WITH_AN_END) <= flow_types()
    every_type = set().union(*(s.flow_types for s in ACTIONS.values() if s.flow_types))
    assert every_type <= flow_types()


def test_content_longer_than_the_api_takes_is_refused() -> None:
    flow = task_routing_flow(queue_arn=QUEUE)
    document = _doc(flow)
    document["Metadata"] = {"note": "x" * MAX_CONTENT_CHARS}
    assert "content-too-large" in _rules(json.dumps(document))
    assert "content-too-large" not in _rules(flow.to_json())


@pytest.mark.parametrize(
    ("media", "rule"),
    [
        ({"Uri": "s3://b/k.wav", "SourceType": "S3", "MediaType": "Audio"}, None),
        (
            {"Uri": "https://x/k.wav", "SourceType": "HTTP", "MediaType": "Audio"},
            "illegal-parameter-value",
        ),
        (
            {"Uri": "s3://b/k.mp4", "SourceType": "S3", "MediaType": "Video"},
            "illegal-parameter-value",
        ),
        ("s3://b/k.wav", "invalid-structure"),
    ],
)
def test_message_media_takes_only_s3_audio(media: object, rule: str | None) -> None:
    content = json.dumps(
        {
            "Version": "2019-10-30",
            "StartAction": "say",
            "Actions": [
                {
                    "Identifier": "say",
                    "Type": "MessageParticipant",
                    "Parameters": {"Media": media},
                    "Transitions": {"NextAction": "bye"},
                },
                {
                    "Identifier": "bye",
                    "Type": "DisconnectParticipant",
                    "Parameters": {},
                    "Transitions": {},
                },
            ],
        }
    )
    assert [p.rule for p in flow_problems(content)] == ([] if rule is None else [rule])


def test_an_unknown_flow_type_is_reported_once() -> None:
    content = task_routing_flow(queue_arn=QUEUE).to_json()
    problems = flow_problems(content, flow_type="INBOUND")
    assert [(p.action, p.rule) for p in problems] == [(None, "unknown-flow-type")]


def test_a_typed_action_without_next_action_is_refused() -> None:
    document = _doc(task_routing_flow(queue_arn=QUEUE))
    first = document["Actions"][0]
    del first["Transitions"]["NextAction"]
    problems = flow_problems(json.dumps(document))
    assert ("missing-transition", first["Identifier"]) in {(p.rule, p.action) for p in problems}


def test_an_error_the_action_never_raises_is_refused() -> None:
    document = _doc(task_routing_flow(queue_arn=QUEUE))
    (first,) = _actions_with(document, lambda a: a["Type"] == "UpdateContactTargetQueue")
    # UpdateContactTargetQueue raises NoMatchingError only
    first["Transitions"]["Errors"][0]["ErrorType"] = "QueueAtCapacity"
    problems = flow_problems(json.dumps(document))
    assert ("unknown-error-type", first["Identifier"]) in {(p.rule, p.action) for p in problems}


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


@given(json_values.filter(lambda v: not (isinstance(v, str) and v in flow_types())))
def test_flow_problems_never_raises_on_a_junk_flow_type(flow_type: Any) -> None:
    content = task_routing_flow(queue_arn=QUEUE).to_json()
    problems = flow_problems(content, flow_type=flow_type)
    assert [(p.action, p.rule) for p in problems] == [(None, "unknown-flow-type")]


def test_deeply_nested_json_is_reported_not_raised() -> None:
    assert _rules("[" * 100_000 + "]" * 100_000) <= {"invalid-json", "invalid-structure"}
    assert _rules("[" * 100_000 + "]" * 100_000)


# --- the ready-made flows ---------------------------------------------------------------------


def test_task_routing_flow_shape() -> None:
    doc = json.loads(task_routing_flow(queue_arn=QUEUE).to_json())
    by_type = {a["Type"]: a for a in doc["Actions"]}
    assert doc["StartAction"] == by_type["UpdateFlowLoggingBehavior"]["Identifier"]
    assert by_type["UpdateFlowLoggingBehavior"] == {
        "Identifier": "taskrouting-enable-flow-logging",
        "Type": "UpdateFlowLoggingBehavior",
        "Parameters": {"FlowLoggingBehavior": "Enabled"},
        "Transitions": {"NextAction": by_type["UpdateContactTargetQueue"]["Identifier"]},
    }
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
    )
    logging, create = flow.actions[:2]
    assert logging.type == "UpdateFlowLoggingBehavior"
    assert flow.start_action == logging.identifier
    assert isinstance(create, CreateTask)
    assert create.parameters()["References"]["case"] == {
        "Type": "URL",
        "Value": "https://crm.example.com/42",
    }
    assert create.parameters()["DelaySeconds"] == 900
    assert flow.actions[2].type == "DisconnectParticipant"


def test_then_end_builds_no_end_flow_execution_in_a_contact_flow() -> None:
    ended = task_creating_flow(contact_flow_arn=FLOW, task_name="Call back", then="end")
    assert [a.type for a in ended.actions] == [
        "UpdateFlowLoggingBehavior",
        "CreateTask",
        "DisconnectParticipant",
    ]
    assert (
        ended.to_json()
        == task_creating_flow(contact_flow_arn=FLOW, task_name="Call back").to_json()
    )


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
        (
            {"references": {"v": FlowReference("VOICEMAIL_RECORDING", "x")}},
            "illegal-reference-type",
        ),
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
