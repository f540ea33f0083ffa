"""Each typed action to the letter: the exact Flow language object it writes, and back.

The objects follow each action's reference page (Parameters, and Transitions with the errors
the page lists: NoMatchingError, QueueAtCapacity, NoMatchingCondition); a document parses into
its typed class only when that class writes the very same object back, otherwise it is kept as
a :class:`GenericAction`, unchanged.
"""

from __future__ import annotations

from typing import Any

import pytest

from connect_streaming.flows import model
from connect_streaming.flows.serialize import (
    action_from_dict,
    action_to_dict,
    dumps,
    transitions_from_dict,
    transitions_to_dict,
)

QUEUE = "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1"
FLOW = "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/f-1"


def on_error(target: str, error: str = "NoMatchingError") -> dict[str, str]:
    return {"NextAction": target, "ErrorType": error}


def obj(
    ident: str, kind: str, params: dict[str, Any], transitions: dict[str, Any]
) -> dict[str, Any]:
    return {"Identifier": ident, "Type": kind, "Parameters": params, "Transitions": transitions}


def task(**optional: Any) -> model.CreateTask:
    """A CreateTask with the required fields and ``optional`` ones."""
    return model.CreateTask(
        identifier="task",
        contact_flow_id=FLOW,
        name="Call back",
        next_action="n",
        on_error="x",
        **optional,
    )


def task_object(**optional: Any) -> dict[str, Any]:
    """The object :func:`task` writes: required Parameters, then the ``optional`` ones."""
    required = {"ContactFlowId": FLOW, "Name": "Call back"}
    return obj(
        "task",
        "CreateTask",
        {**required, **optional},
        {"NextAction": "n", "Errors": [on_error("x")]},
    )


EQUALS_GOLD = model.ConditionBranch("gold", "Equals", ("Gold",))
TYPED: list[tuple[model.Action, dict[str, Any]]] = [
    (
        model.UpdateContactTargetQueue(
            identifier="q", queue_id=QUEUE, next_action="t", on_error="x"
        ),
        obj(
            "q",
            "UpdateContactTargetQueue",
            {"QueueId": QUEUE},
            {"NextAction": "t", "Errors": [on_error("x")]},
        ),
    ),
    (
        model.TransferContactToQueue(
            identifier="t", next_action="n", on_queue_at_capacity="full", on_error="x"
        ),
        obj(
            "t",
            "TransferContactToQueue",
            {},
            {"NextAction": "n", "Errors": [on_error("full", "QueueAtCapacity"), on_error("x")]},
        ),
    ),
    (model.DisconnectParticipant(identifier="bye"), obj("bye", "DisconnectParticipant", {}, {})),
    (model.EndFlowExecution(identifier="end"), obj("end", "EndFlowExecution", {}, {})),
    (
        model.MessageParticipant(identifier="say", text="Hello", next_action="n", on_error="x"),
        obj(
            "say",
            "MessageParticipant",
            {"Text": "Hello"},
            {"NextAction": "n", "Errors": [on_error("x")]},
        ),
    ),
    (
        model.UpdateContactAttributes(
            identifier="set", attributes={"tier": "gold"}, next_action="n", on_error="x"
        ),
        obj(
            "set",
            "UpdateContactAttributes",
            {"Attributes": {"tier": "gold"}, "TargetContact": "Current"},
            {"NextAction": "n", "Errors": [on_error("x")]},
        ),
    ),
    (
        model.Compare(
            identifier="cmp",
            comparison_value="$.Attributes.tier",
            conditions=(EQUALS_GOLD, model.ConditionBranch("big", "NumberGreaterThan", ("10",))),
            on_no_match="other",
        ),
        obj(
            "cmp",
            "Compare",
            {"ComparisonValue": "$.Attributes.tier"},
            {
                "NextAction": "other",
                "Errors": [on_error("other", "NoMatchingCondition")],
                "Conditions": [
                    {
                        "NextAction": "gold",
                        "Condition": {"Operator": "Equals", "Operands": ["Gold"]},
                    },
                    {
                        "NextAction": "big",
                        "Condition": {"Operator": "NumberGreaterThan", "Operands": ["10"]},
                    },
                ],
            },
        ),
    ),
    (task(), task_object()),
    (
        task(
            description="Ring the customer",
            attributes={"case": "42"},
            references={"case": model.FlowReference("URL", "https://crm.example.com/42")},
            delay_seconds=900,
            task_template_id="template-1",
        ),
        task_object(
            Description="Ring the customer",
            Attributes={"case": "42"},
            References={"case": {"Type": "URL", "Value": "https://crm.example.com/42"}},
            DelaySeconds=900,
            TaskTemplateId="template-1",
        ),
    ),
    (task(scheduled_time="$.Attributes.when"), task_object(ScheduledTime="$.Attributes.when")),
    (
        model.UpdateFlowLoggingBehavior(identifier="log", next_action="n"),
        obj(
            "log",
            "UpdateFlowLoggingBehavior",
            {"FlowLoggingBehavior": "Enabled"},
            {"NextAction": "n"},
        ),
    ),
    (
        model.UpdateFlowLoggingBehavior(identifier="quiet", next_action="n", enabled=False),
        obj(
            "quiet",
            "UpdateFlowLoggingBehavior",
            {"FlowLoggingBehavior": "Disabled"},
            {"NextAction": "n"},
        ),
    ),
]


@pytest.mark.parametrize(
    ("action", "document"), TYPED, ids=[f"{a.type}-{i}" for i, (a, _) in enumerate(TYPED)]
)
def test_typed_actions_write_and_read_their_reference_object(
    action: model.Action, document: dict[str, Any]
) -> None:
    assert action_to_dict(action) == document
    assert list(action_to_dict(action)) == ["Identifier", "Type", "Parameters", "Transitions"]
    parsed = action_from_dict(document)
    assert type(parsed) is type(action)
    assert parsed == action
    assert parsed.terminal is (document["Transitions"] == {})


def test_every_modelled_type_is_typed() -> None:
    assert set(model.TYPED_ACTIONS) == {type(action).TYPE for action, _ in TYPED}
    assert {kind: cls.TYPE for kind, cls in model.TYPED_ACTIONS.items()} == {
        k: k for k in model.TYPED_ACTIONS
    }


# --- what a typed class cannot write back stays a GenericAction, unchanged ---------------------

QUEUE_OBJECT = obj(
    "q",
    "UpdateContactTargetQueue",
    {"QueueId": QUEUE},
    {"NextAction": "t", "Errors": [on_error("x")]},
)


@pytest.mark.parametrize(
    "document",
    [
        {**QUEUE_OBJECT, "Parameters": {"QueueId": QUEUE, "AgentId": "a"}},
        {**QUEUE_OBJECT, "Parameters": {"AgentId": "a"}},
        {**QUEUE_OBJECT, "Transitions": {"NextAction": "t"}},
        {**QUEUE_OBJECT, "Transitions": {"NextAction": "t", "Errors": [on_error("x", "Other")]}},
        {**QUEUE_OBJECT, "Parameters": {}},
        {**QUEUE_OBJECT, "Metadata": {"position": {"x": 1}}},
        obj(
            "set",
            "UpdateContactAttributes",
            {"Attributes": {"a": "b"}},
            {"NextAction": "n", "Errors": [on_error("x")]},
        ),
        obj(
            "set",
            "UpdateContactAttributes",
            {"Attributes": 5, "TargetContact": "Current"},
            {"NextAction": "n"},
        ),
        obj("bye", "DisconnectParticipant", {"Extra": 1}, {}),
        obj(
            "show",
            "ShowView",
            {"ViewResource": {"Id": "v"}},
            {"NextAction": "n", "Errors": [on_error("x")]},
        ),
    ],
    ids=[
        "extra-parameter",
        "other-parameter",
        "no-error-branch",
        "other-error",
        "no-parameters",
        "extra-field",
        "target-contact-left-out",
        "attributes-not-object",
        "terminal-with-parameters",
        "unmodelled",
    ],
)
def test_what_no_typed_class_writes_back_is_kept_generic(document: dict[str, Any]) -> None:
    parsed = action_from_dict(document)
    assert type(parsed) is model.GenericAction
    assert (parsed.identifier, parsed.type) == (document["Identifier"], document["Type"])
    expected = {k: document[k] for k in ("Identifier", "Type", "Parameters", "Transitions")}
    assert action_to_dict(parsed) == expected
    assert parsed.parameters() == (document["Parameters"] or {})
    assert parsed.transitions() == transitions_from_dict(document["Transitions"])


def test_a_generic_action_keeps_a_missing_parameters_key_and_odd_transitions() -> None:
    raw = {"Identifier": "x", "Type": "ShowView", "Transitions": {"NextAction": "n", "Errors": []}}
    parsed = action_from_dict(raw)
    assert parsed == model.GenericAction(
        identifier="x",
        action_type="ShowView",
        raw_parameters=None,
        raw_transitions=model.Transitions("n"),
        transitions_object={"NextAction": "n", "Errors": []},
    )
    assert action_to_dict(parsed) == raw
    assert parsed.parameters() == {}
    plain = action_from_dict(obj("y", "ShowView", {"A": 1}, {"NextAction": "n"}))
    assert plain == model.GenericAction(
        identifier="y",
        action_type="ShowView",
        raw_parameters={"A": 1},
        raw_transitions=model.Transitions("n"),
    )


def test_a_generic_action_by_default_has_empty_parameters_and_transitions() -> None:
    action = model.GenericAction(identifier="g", action_type="Loop")
    assert (action.parameters(), action.transitions(), action.transitions_object) == (
        {},
        model.Transitions(),
        None,
    )
    assert action_to_dict(action) == obj("g", "Loop", {}, {})
    assert action.terminal is False
    assert model.GenericAction(identifier="g", action_type="DisconnectParticipant").terminal is True


def test_the_base_action_has_no_type_parameters_or_transitions() -> None:
    base = model.Action(identifier="a")
    assert (base.type, base.parameters(), base.transitions(), base.terminal) == (
        "",
        {},
        model.Transitions(),
        False,
    )


# --- Transitions --------------------------------------------------------------------------------

BRANCHES = model.Transitions("n", (model.ErrorBranch("NoMatchingCondition", "e"),), (EQUALS_GOLD,))
BRANCHES_OBJECT = {
    "NextAction": "n",
    "Errors": [on_error("e", "NoMatchingCondition")],
    "Conditions": [
        {"NextAction": "gold", "Condition": {"Operator": "Equals", "Operands": ["Gold"]}}
    ],
}


@pytest.mark.parametrize(
    ("transitions", "document", "targets", "empty"),
    [
        (model.Transitions(), {}, [], True),
        (model.Transitions("n"), {"NextAction": "n"}, ["n"], False),
        (
            model.Transitions(errors=(model.ErrorBranch("NoMatchingError", "e"),)),
            {"Errors": [on_error("e")]},
            ["e"],
            False,
        ),
        (
            model.Transitions(conditions=(EQUALS_GOLD,)),
            {"Conditions": BRANCHES_OBJECT["Conditions"]},
            ["gold"],
            False,
        ),
        (BRANCHES, BRANCHES_OBJECT, ["n", "e", "gold"], False),
    ],
    ids=["terminal", "next", "error-only", "condition-only", "all"],
)
def test_transitions_objects(
    transitions: model.Transitions, document: dict[str, Any], targets: list[str], empty: bool
) -> None:
    assert transitions_to_dict(transitions) == document
    assert transitions_from_dict(document) == transitions
    assert transitions.targets() == targets
    assert transitions.empty is empty


def test_references_and_dumps() -> None:
    assert model.FlowReference("NUMBER", "$.Attributes.n").to_json() == {
        "Type": "NUMBER",
        "Value": "$.Attributes.n",
    }
    assert dumps({"b": "café", "a": [1, {"d": None, "c": True}]}) == (
        '{\n  "a": [\n    1,\n    {\n      "c": true,\n      "d": null\n    }\n  ],\n'
        '  "b": "café"\n}'
    )
