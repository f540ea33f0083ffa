"""Warnings, the second level (``flow_problems(..., warnings=True)``; without it nothing changes):
word-for-word messages, properties against independent oracles, and the builders' own flows,
which must have none."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming.flows import (
    RULES,
    WARNINGS,
    Flow,
    FlowProblem,
    FlowReference,
    flow_problems,
    flow_to_dict,
    parse_flow,
    task_creating_flow,
    task_routing_flow,
)
from connect_streaming.flows.model import UpdateFlowLoggingBehavior
from connect_streaming.flows.reference import DOCUMENTED_ERRORS
from tests.components.flows.flow_strategies import (
    NON_TERMINAL,
    arns,
    flow_references,
    flows,
    words,
)

DOCS = "https://docs.aws.amazon.com/connect/latest/APIReference/"
QUEUE = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222/queue/33333333-4444"
FLOW = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222/contact-flow/5555-6666"


def _content(*actions: dict[str, Any], start: str | None = None) -> str:
    first = start if start is not None else actions[0]["Identifier"]
    return json.dumps({"Version": "2019-10-30", "StartAction": first, "Actions": list(actions)})


def _action(
    ident: str, kind: str, params: dict[str, Any] | None = None, **transitions: Any
) -> dict[str, Any]:
    document: dict[str, Any] = {"Identifier": ident, "Type": kind, "Transitions": transitions}
    if params is not None:
        document["Parameters"] = params
    return document


def _errors(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"ErrorType": error, "NextAction": target} for error, target in pairs]


BYE = _action("bye", "DisconnectParticipant")


def _message(ident: str, *, then: str = "bye", **params: str) -> dict[str, Any]:
    """Play prompt ``ident`` with ``params``; its NoMatchingError disconnects."""
    errors = _errors(("NoMatchingError", "bye"))
    return _action(ident, "MessageParticipant", params, NextAction=then, Errors=errors)


def _queue(*, then: str = "bye", on_error: str | None = "bye") -> dict[str, Any]:
    """Set working queue ``q``; its NoMatchingError goes to ``on_error`` (None: no branch)."""
    errors = _errors(("NoMatchingError", on_error)) if on_error is not None else None
    branches = {"Errors": errors} if errors is not None else {}
    return _action("q", "UpdateContactTargetQueue", {"QueueId": QUEUE}, NextAction=then, **branches)


LOG = _action("log", "UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "Enabled"})


def _warnings(content: str, flow_type: str = "CONTACT_FLOW") -> list[tuple[str | None, str, str]]:
    found = flow_problems(content, flow_type=flow_type, warnings=True)
    assert all(p.level == ("warning" if p.rule in WARNINGS else "refusal") for p in found)
    return [(p.action, p.rule, p.message) for p in found if p.level == "warning"]


# --- the interface another helper codes against -----------------------------------------------


def test_flow_problem_keeps_positional_construction_and_marks_warnings() -> None:
    refusal = FlowProblem("a", "dangling-transition", "transition to 'x'")
    assert refusal.level == "refusal"
    assert str(refusal) == "action 'a': transition to 'x' [dangling-transition]"
    warning = FlowProblem(None, "unhandled-error", "no branch", "warning")
    assert str(warning) == "warning: flow: no branch [unhandled-error]"
    assert [f.name for f in dataclasses.fields(FlowProblem)][-1] == "level"


def test_every_warning_rule_is_documented_with_its_source() -> None:
    assert set(WARNINGS) == {"unhandled-error", "disconnect-without-trace", "unlisted-parameter"}
    assert set(WARNINGS) <= set(RULES)
    assert "queue is full" in RULES["unhandled-error"]
    assert "UpdateFlowLoggingBehavior" in RULES["disconnect-without-trace"]
    assert "SkipWhenDTMFBufferEnabled" in RULES["unlisted-parameter"]


# --- unlisted-parameter (issue 18 item 4) -----------------------------------------------------


def _voice_greeting() -> str:
    log = {**LOG, "Transitions": {"NextAction": "greet"}}
    greet = _message("greet", SkipWhenDTMFBufferEnabled="false", Text="Hi, welcome")
    return _content(log, greet, BYE)


def test_an_unlisted_parameter_parses_with_a_warning() -> None:
    content = _voice_greeting()
    assert flow_problems(content) == []
    flow = parse_flow(content)  # no longer refused
    assert flow_to_dict(flow) == json.loads(content)
    assert _warnings(content) == [
        (
            "greet",
            "unlisted-parameter",
            "MessageParticipant's reference lists Media, PromptId, SSML, Text, not"
            f" 'SkipWhenDTMFBufferEnabled' ({DOCS}participant-actions-messageparticipant.html)",
        )
    ]


def test_what_the_reference_forbids_stays_a_refusal() -> None:
    transfer = _action(
        "t",
        "TransferContactToQueue",
        {"QueueId": QUEUE},
        NextAction="bye",
        Errors=_errors(("QueueAtCapacity", "bye"), ("NoMatchingError", "bye")),
    )
    both = _message("m", then="t", Text="a", SSML="<speak>a</speak>")
    content = _content({**LOG, "Transitions": {"NextAction": "m"}}, both, transfer, BYE)
    assert [(p.action, p.rule, p.level) for p in flow_problems(content, warnings=True)] == [
        ("m", "exclusive-parameters", "refusal"),
        ("t", "unexpected-parameter", "refusal"),
    ]


# --- unhandled-error ---------------------------------------------------------------------------


def test_a_transfer_without_queue_at_capacity_is_warned_of_word_for_word() -> None:
    transfer = _action(
        "t", "TransferContactToQueue", NextAction="bye", Errors=_errors(("NoMatchingError", "bye"))
    )
    queue = _queue(then="t", on_error=None)
    content = _content({**LOG, "Transitions": {"NextAction": "q"}}, queue, transfer, BYE)
    assert flow_problems(content) == []
    page = f"{DOCS}contact-actions-"
    assert _warnings(content) == [
        (
            "q",
            "unhandled-error",
            "UpdateContactTargetQueue has no Errors branch for NoMatchingError, which its"
            " reference documents: when it happens the flow has no branch to take"
            f" ({page}updatecontacttargetqueue.html)",
        ),
        (
            "t",
            "unhandled-error",
            "TransferContactToQueue has no Errors branch for QueueAtCapacity, which its"
            " reference documents: when the queue is full the contact is dropped (a task is"
            f" lost: nothing retries it) ({page}transfercontacttoqueue.html)",
        ),
    ]


def test_unmodelled_actions_are_held_to_their_documented_errors() -> None:
    lambda_call = _action(
        "fn", "InvokeLambdaFunction", {"LambdaFunctionARN": "arn:x"}, NextAction="bye"
    )
    profile = _action(
        "p",
        "GetCustomerProfile",
        {},
        NextAction="fn",
        Errors=_errors(("NoneFoundError", "fn")),
    )
    content = _content({**LOG, "Transitions": {"NextAction": "p"}}, profile, lambda_call, BYE)
    assert [(a, r, m.split(",")[0]) for a, r, m in _warnings(content)] == [
        ("p", "unhandled-error", "GetCustomerProfile has no Errors branch for MultipleFoundError"),
        ("p", "unhandled-error", "GetCustomerProfile has no Errors branch for NoMatchingError"),
        ("fn", "unhandled-error", "InvokeLambdaFunction has no Errors branch for NoMatchingError"),
    ]


KINDS_WITH_ERRORS = tuple(kind for kind in NON_TERMINAL if kind in DOCUMENTED_ERRORS)


@pytest.mark.parametrize("kind", KINDS_WITH_ERRORS)
@given(data=st.data())
def test_a_removed_documented_branch_is_warned_of(kind: str, data: st.DataObject) -> None:
    document = copy.deepcopy(flow_to_dict(data.draw(flows(require=kind))))
    candidates = [a for a in document["Actions"] if a["Type"] == kind]
    action = data.draw(st.sampled_from(candidates))
    errors = action["Transitions"]["Errors"]
    removed = errors.pop(data.draw(st.integers(0, len(errors) - 1)))
    content = json.dumps(document)
    found = {(a, r, m.split(" which")[0]) for a, r, m in _warnings(content)}
    expected = f"{kind} has no Errors branch for {removed['ErrorType']},"
    assert (action["Identifier"], "unhandled-error", expected) in found
    assert DOCUMENTED_ERRORS[kind][1] >= {removed["ErrorType"]}


@given(flows())
def test_generated_flows_handle_every_documented_error(flow: Flow) -> None:
    # Every typed action of the strategy carries each documented branch, as the builder does.
    content = json.dumps(flow_to_dict(flow))
    assert [w for w in _warnings(content) if w[1] == "unhandled-error"] == []


# --- disconnect-without-trace ------------------------------------------------------------------


def _oracle(document: Mapping[str, Any]) -> set[tuple[str, str, str]]:
    """(action, error, disconnect) for every untraced error branch, by a fixpoint over the
    logging states each action can be reached in (not the validator's search)."""
    by_id = {a["Identifier"]: a for a in document["Actions"]}
    arrive: dict[str, set[bool]] = {ident: set() for ident in by_id}
    arrive[document["StartAction"]].add(False)
    changed = True
    while changed:
        changed = False
        for ident, action in by_id.items():
            for state in list(arrive[ident]):
                after = state
                if action["Type"] == "UpdateFlowLoggingBehavior":
                    after = action["Parameters"]["FlowLoggingBehavior"] == "Enabled"
                t = action["Transitions"]
                targets = [t.get("NextAction")] + [
                    b["NextAction"] for b in t.get("Errors", []) + t.get("Conditions", [])
                ]
                for target in filter(None, targets):
                    if after not in arrive[target]:
                        arrive[target].add(after)
                        changed = True
    return {
        (ident, branch["ErrorType"], branch["NextAction"])
        for ident, action in by_id.items()
        if False in arrive[ident]
        for branch in action["Transitions"].get("Errors", [])
        if by_id[branch["NextAction"]]["Type"] == "DisconnectParticipant"
        and branch["ErrorType"] != "NoMatchingCondition"
    }


@given(flows())
def test_untraced_disconnects_match_an_oracle(flow: Flow) -> None:
    document = flow_to_dict(flow)
    warned = [
        p
        for p in flow_problems(json.dumps(document), warnings=True)
        if p.rule == "disconnect-without-trace"
    ]
    found = {
        (p.action, error, target)
        for p in warned
        for action, error, target in _oracle(document)
        if action == p.action
        and p.message.startswith(f"the {error} branch goes straight to {target!r} ")
    }
    assert len(found) == len(warned)
    assert found == _oracle(document)


@given(flows())
def test_a_flow_logged_from_its_start_has_no_warnings(flow: Flow) -> None:
    logged = tuple(
        dataclasses.replace(a, enabled=True) if isinstance(a, UpdateFlowLoggingBehavior) else a
        for a in flow.actions
    )
    first = UpdateFlowLoggingBehavior(identifier="log-everything", next_action=flow.start_action)
    if flow.action(first.identifier) is not None:
        return  # the generated flow already uses that identifier
    content = json.dumps(flow_to_dict(Flow(first.identifier, (first, *logged))))
    assert flow_problems(content, warnings=True) == []


def test_an_error_straight_to_a_disconnect_is_warned_of_word_for_word() -> None:
    queue = _queue()
    content = _content(queue, BYE)
    assert flow_problems(content) == []
    assert _warnings(content) == [
        (
            "q",
            "disconnect-without-trace",
            "the NoMatchingError branch goes straight to 'bye' (DisconnectParticipant) with flow"
            " logging off: the contact ends with no record of why; enable logging earlier"
            " (UpdateFlowLoggingBehavior) or set an attribute on the way",
        )
    ]


def test_an_attribute_on_the_way_or_logging_leaves_a_trace_and_disabling_it_does_not() -> None:
    note = _action(
        "note",
        "UpdateContactAttributes",
        {"Attributes": {"failure": "queue"}},
        NextAction="bye",
        Errors=_errors(("NoMatchingError", "bye")),
    )
    queue = _queue(on_error="note")
    unlogged = _content(queue, note, BYE)
    # The queue's error sets an attribute first; only the attribute's own error is untraced.
    assert [(a, r) for a, r, _ in _warnings(unlogged)] == [("note", "disconnect-without-trace")]
    logged = _content({**LOG, "Transitions": {"NextAction": "q"}}, queue, note, BYE)
    assert _warnings(logged) == []
    off = {**LOG, "Identifier": "off", "Parameters": {"FlowLoggingBehavior": "Disabled"}}
    relogged = _content(
        {**LOG, "Transitions": {"NextAction": "off"}},
        {**off, "Transitions": {"NextAction": "q"}},
        queue,
        note,
        BYE,
    )
    assert [a for a, _, _ in _warnings(relogged)] == ["note"]


def test_no_match_of_a_condition_straight_to_a_disconnect_is_a_route_not_an_error() -> None:
    compare = _action(
        "c",
        "Compare",
        {"ComparisonValue": "$.Attributes.tier"},
        NextAction="bye",
        Errors=_errors(("NoMatchingCondition", "bye")),
        Conditions=[{"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["x"]}}],
    )
    assert _warnings(_content(compare, BYE)) == []


# --- warnings never change what passes ----------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=25,
)


@given(flows(), st.data())
def test_refusals_are_the_same_with_or_without_warnings(flow: Flow, data: st.DataObject) -> None:
    document = copy.deepcopy(flow_to_dict(flow))
    action = data.draw(st.sampled_from(document["Actions"]))
    key = data.draw(st.sampled_from(["Parameters", "Transitions", "Type", "Extra"]))
    action[key] = data.draw(json_values)  # break it any way at all
    content = json.dumps(document)
    both = flow_problems(content, warnings=True)
    assert flow_problems(content) == [p for p in both if p.level == "refusal"]


@given(json_values)
def test_warnings_never_raise_on_junk(value: Any) -> None:
    content = json.dumps({"Version": "2019-10-30", "StartAction": "a", "Actions": value})
    assert isinstance(flow_problems(content, warnings=True), list)


# --- the builders' own flows have none ----------------------------------------------------------


@given(arns, words)
def test_the_task_routing_flow_has_no_warnings(queue: str, name: str) -> None:
    flow = task_routing_flow(queue_arn=queue, name=name)
    assert flow_problems(flow.to_json(), warnings=True) == []


@given(
    arns,
    words,
    st.dictionaries(words, flow_references(), max_size=3),
    st.none() | st.integers(1, 518_400),
)
def test_the_task_creating_flow_has_no_warnings(
    flow_arn: str, task_name: str, references: dict[str, FlowReference], delay: int | None
) -> None:
    flow = task_creating_flow(
        contact_flow_arn=flow_arn, task_name=task_name, references=references, delay_seconds=delay
    )
    assert flow_problems(flow.to_json(), warnings=True) == []


def test_without_flow_logging_the_builders_flows_would_be_warned_of() -> None:
    # The builders' first action is what keeps their error branches traced.
    flow = task_routing_flow(queue_arn=QUEUE)
    bare = Flow(flow.actions[1].identifier, flow.actions[1:])
    warned = {(p.action, p.rule) for p in flow_problems(bare.to_json(), warnings=True)}
    assert warned == {
        ("taskrouting-set-working-queue", "disconnect-without-trace"),
        ("taskrouting-transfer-to-queue", "disconnect-without-trace"),
    }
    created = task_creating_flow(contact_flow_arn=FLOW, task_name="Call back")
    bare = Flow(created.actions[1].identifier, created.actions[1:])
    assert {p.rule for p in flow_problems(bare.to_json(), warnings=True)} == {
        "disconnect-without-trace"
    }


@pytest.mark.parametrize("behavior", [["Enabled"], {"x": 1}, None, 3, "$.Attributes.log"])
def test_a_logging_action_of_any_shape_is_judged_without_raising(behavior: Any) -> None:
    queue = _queue()
    odd = {
        **LOG,
        "Parameters": {"FlowLoggingBehavior": behavior},
        "Transitions": {"NextAction": "q"},
    }
    found = flow_problems(_content(odd, queue, BYE), warnings=True)
    # An unreadable setting leaves logging as it was (off): the untraced branch is reported.
    assert ("q", "disconnect-without-trace") in {(p.action, p.rule) for p in found}
    assert any(p.level == "refusal" and p.action == "log" for p in found)
