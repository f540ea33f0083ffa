"""The document-wide Flow language rules to the letter: exact problems of ``flows.validation``.

Structure, Version '2019-10-30', at most 250 Actions, Identifiers of 1..50 characters without
% : ( \\ / ) = $ , ; [ ] { } and no reserved name (flow-language-actions.html), the shape of the
Transitions object, the transition graph, and the API's 256000-character Content limit.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from connect_streaming.flows.problems import FlowProblem
from connect_streaming.flows.reference import flow_types
from connect_streaming.flows.validation import content_problems, flow_problems, validate_flow_dict

Found = list[tuple[str | None, str, str]]
FLOW = "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/f-1"
IDENTIFIER_RULE = "use 1..50 characters without % : ( \\ / ) = $ , ; [ ] { }"
END = {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}


def action(
    ident: Any, kind: Any = "DisconnectParticipant", params: Any = None, transitions: Any = None
) -> dict[str, Any]:
    """An action object; None leaves Parameters as ``{}`` and Transitions as ``{}``."""
    return {
        "Identifier": ident,
        "Type": kind,
        "Parameters": {} if params is None else params,
        "Transitions": {} if transitions is None else transitions,
    }


def document(start: Any, *actions: Any, **header: Any) -> dict[str, Any]:
    return {"Version": "2019-10-30", "StartAction": start, "Actions": list(actions), **header}


def found(problems: list[FlowProblem]) -> Found:
    return [(p.action, p.rule, p.message) for p in problems]


def judged(doc: Any, flow_type: Any = "CONTACT_FLOW") -> Found:
    return found(validate_flow_dict(doc, flow_type=flow_type))


def to_end(**transitions: Any) -> dict[str, Any]:
    return {"NextAction": "end", **transitions}


def branch(operator: Any, operands: Any) -> dict[str, Any]:
    return {"NextAction": "end", "Condition": {"Operator": operator, "Operands": operands}}


COMPARE = {"ComparisonValue": "$.Attributes.x"}
MESSAGE_TO_END = ("say", "MessageParticipant")

# --- the document and its header ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (document("end", END), []),
        (document("end", END, Metadata={"name": "x"}), []),
        ([END], [(None, "invalid-structure", "a flow is a JSON object")]),
        ("{}", [(None, "invalid-structure", "a flow is a JSON object")]),
        (
            document("end", END, Version="2019-10-31"),
            [(None, "invalid-structure", "Version must be '2019-10-30'")],
        ),
        (
            {"StartAction": "end", "Actions": [END]},
            [(None, "invalid-structure", "Version must be '2019-10-30'")],
        ),
        (document(5, END), [(None, "invalid-structure", "StartAction must be a string")]),
        (
            document("end", END, Metadata=["x"]),
            [(None, "invalid-structure", "Metadata must be an object")],
        ),
        (
            {"Version": "1", "Actions": {"end": END}},
            [
                (None, "invalid-structure", "Version must be '2019-10-30'"),
                (None, "invalid-structure", "StartAction must be a string"),
                (None, "invalid-structure", "Actions must be a list"),
            ],
        ),
        (
            {"Version": "2019-10-30", "StartAction": "end"},
            [(None, "invalid-structure", "Actions must be a list")],
        ),
        (
            document("end", 5, {"Identifier": 5}, END),
            [
                (None, "invalid-structure", "Actions[0] needs an Identifier string"),
                (None, "invalid-structure", "Actions[1] needs an Identifier string"),
            ],
        ),
        (
            document("end", END, END),
            [("end", "duplicate-identifier", "Identifier 'end' is used more than once")],
        ),
    ],
    ids=[
        "valid",
        "metadata-object",
        "list",
        "text",
        "other-version",
        "no-version",
        "start-not-text",
        "metadata-list",
        "actions-object",
        "no-actions",
        "no-identifiers",
        "duplicate",
    ],
)
def test_document_rules(doc: Any, expected: Found) -> None:
    assert judged(doc) == expected


def test_an_unknown_flow_type_names_the_models_types() -> None:
    listed = ", ".join(sorted(flow_types()))
    assert "CONTACT_FLOW, CUSTOMER_HOLD" in listed  # the botocore model's ContactFlowType
    for flow_type in ("INBOUND", "contact_flow", None):
        assert judged(document("end", END), flow_type) == [
            (None, "unknown-flow-type", f"flow type {flow_type!r} is not one of {listed}")
        ]


def test_the_flow_type_reaches_each_actions_rules() -> None:
    doc = document("end", action("end", "EndFlowExecution"))
    assert judged(doc, "CUSTOMER_QUEUE") == []
    assert found(flow_problems(json.dumps(doc), flow_type="AGENT_WHISPER")) == []
    (problem,) = validate_flow_dict(doc)  # CONTACT_FLOW unless told
    assert (problem.action, problem.rule) == ("end", "action-not-in-flow-type")
    (problem,) = flow_problems(json.dumps(doc))
    assert (problem.action, problem.rule) == ("end", "action-not-in-flow-type")


def _chain(length: int) -> dict[str, Any]:
    """``length`` actions, each leading to the next, the last one ending the flow."""
    steps = [
        action(f"s{i}", "UpdateContactAttributes", {"Attributes": {}}, {"NextAction": f"s{i + 1}"})
        for i in range(length - 1)
    ]
    return document("s0", *steps, action(f"s{length - 1}"))


def test_a_flow_may_have_250_actions_and_no_more() -> None:
    assert judged(_chain(250)) == []
    assert judged(_chain(251)) == [(None, "too-many-actions", "251 actions; a flow may have 250")]


# --- Identifiers: 'up to 50 characters long', characters and strings 'not allowed' ------------


@pytest.mark.parametrize(
    ("ident", "message"),
    [
        ("x", None),
        ("x" * 50, None),
        ("Transfer to queue - billing", None),
        ("", f"Identifier is 0 characters long; {IDENTIFIER_RULE}"),
        ("x" * 51, f"Identifier is 51 characters long; {IDENTIFIER_RULE}"),
        ("a:b(c", f"Identifier has ( :; {IDENTIFIER_RULE}"),
        ("x" * 50 + "$", f"Identifier has $; {IDENTIFIER_RULE}"),
        *((f"a{c}b", f"Identifier has {c}; {IDENTIFIER_RULE}") for c in "%:(\\/)=$,;[]{}"),
        ("__proto__", "Identifier '__proto__' is a reserved name"),
        ("toString", "Identifier 'toString' is a reserved name"),
        ("valueOf", "Identifier 'valueOf' is a reserved name"),
        ("tostring", None),
    ],
)
def test_identifier_rules(ident: str, message: str | None) -> None:
    expected = [] if message is None else [(ident, "illegal-identifier", message)]
    assert judged(document(ident, action(ident))) == expected


# --- each action: Type, Parameters, empty strings ----------------------------------------------

NO_PARAMETERS = (
    "say",
    "invalid-structure",
    "Parameters must be an object",
)


def _without_parameters(kind: Any) -> dict[str, Any]:
    raw = action("say", kind, transitions=to_end())
    del raw["Parameters"]
    return raw


@pytest.mark.parametrize(
    ("say", "expected"),
    [
        (_without_parameters("TransferContactToQueue"), []),
        (_without_parameters("Compare"), [NO_PARAMETERS]),
        (_without_parameters("ShowView"), [NO_PARAMETERS]),
        (
            _without_parameters(5),
            [("say", "invalid-structure", "Type must be a non-empty string"), NO_PARAMETERS],
        ),
        (
            _without_parameters(["TransferContactToQueue"]),
            [("say", "invalid-structure", "Type must be a non-empty string"), NO_PARAMETERS],
        ),
        (action("say", "Compare", ["ComparisonValue"], to_end()), [NO_PARAMETERS]),
        (
            action("say", "", {}, to_end()),
            [("say", "invalid-structure", "Type must be a non-empty string")],
        ),
        (
            {"Identifier": "say", "Parameters": {}, "Transitions": to_end()},
            [("say", "invalid-structure", "Type must be a non-empty string")],
        ),
        (action("say", "ShowView", {"Text": ""}, to_end()), []),
        (
            action("say", "MessageParticipant", {"Text": ""}, to_end()),
            [("say", "empty-parameter", "Parameters.Text is an empty string")],
        ),
        (
            action(
                "say",
                "CreateTask",
                {"ContactFlowId": FLOW, "Name": "n", "Attributes": {"k": ""}},
                to_end(),
            ),
            [("say", "empty-parameter", "Parameters.Attributes.k is an empty string")],
        ),
        (
            action(
                "say",
                "MessageParticipant",
                {"Media": {"Uri": "s3://b/k", "Tags": ["x", ""]}},
                to_end(),
            ),
            [("say", "empty-parameter", "Parameters.Media.Tags[1] is an empty string")],
        ),
        (
            action(
                "say",
                "MessageParticipant",
                {"Media": {"Uri": "s3://b/k", "Size": 0, "On": None}},
                to_end(),
            ),
            [],
        ),
    ],
    ids=[
        "no-parameters-taken",
        "compare-needs-them",
        "unmodelled-needs-them",
        "type-not-text",
        "type-a-list",
        "parameters-list",
        "type-empty",
        "no-type",
        "unmodelled-empty",
        "empty-text",
        "empty-nested",
        "empty-in-list",
        "not-strings",
    ],
)
def test_action_rules(say: dict[str, Any], expected: Found) -> None:
    assert judged(document("say", say, END)) == expected


# --- Transitions: an object; NextAction a string; Errors and Conditions lists of branches -----


@pytest.mark.parametrize(
    ("kind", "params", "transitions", "expected"),
    [
        (
            "Compare",
            COMPARE,
            to_end(
                Errors=[{"NextAction": "end", "ErrorType": "NoMatchingCondition"}],
                Conditions=[branch("Equals", ["a"])],
            ),
            [],
        ),
        ("Compare", COMPARE, ["end"], ["Transitions must be an object"]),
        ("Compare", COMPARE, {"NextAction": 5}, ["Transitions.NextAction must be a string"]),
        (
            "Compare",
            COMPARE,
            {"NextAction": 5, "Conditions": [branch("Like", ["a"])]},
            ["Transitions.NextAction must be a string"],  # and no branch is judged further
        ),
        (
            "Compare",
            COMPARE,
            to_end(Errors={}, Conditions="x"),
            ["Transitions.Errors must be a list", "Transitions.Conditions must be a list"],
        ),
        (
            "Compare",
            COMPARE,
            to_end(Errors=[{"NextAction": "end", "ErrorType": "NoMatchingCondition"}, 5]),
            ["Transitions.Errors[1] needs a NextAction string"],
        ),
        (
            "Compare",
            COMPARE,
            to_end(Errors=[{"NextAction": 5, "ErrorType": "NoMatchingCondition"}]),
            ["Transitions.Errors[0] needs a NextAction string"],
        ),
        (
            "Compare",
            COMPARE,
            to_end(Errors=[{"NextAction": "end", "ErrorType": 5}]),
            ["Transitions.Errors[0] needs an ErrorType string"],
        ),
        (
            "Compare",
            COMPARE,
            to_end(
                Conditions=[
                    branch("Equals", ["a"]),
                    branch("Equals", ["a", 1]),
                    {"NextAction": "end"},
                    branch(5, ["a"]),
                    branch("Equals", "a"),
                    {"NextAction": "end", "Condition": ["Equals"]},
                ]
            ),
            [
                f"Transitions.Conditions[{i}] needs Condition.Operator and Operands"
                for i in range(1, 6)
            ],
        ),
    ],
    ids=[
        "valid",
        "not-object",
        "next-not-text",
        "next-not-text-with-branches",
        "not-lists",
        "second-error-not-object",
        "error-target-not-text",
        "error-type-not-text",
        "conditions",
    ],
)
def test_transition_shape_rules(
    kind: str, params: dict[str, Any], transitions: Any, expected: list[str]
) -> None:
    # a malformed Transitions object yields no targets: 'end' is then out of reach
    unreachable = [("end", "unreachable-action", "no path from StartAction reaches it")]
    assert judged(document("cmp", action("cmp", kind, params, transitions), END)) == (
        [("cmp", "invalid-structure", message) for message in expected] + unreachable
        if expected
        else []
    )


def test_a_well_formed_transitions_object_is_judged_by_the_actions_rules() -> None:
    compare = action("cmp", "Compare", COMPARE, {"Conditions": [branch("Like", ["a"])]})
    assert judged(document("cmp", compare, END)) == [
        (
            "cmp",
            "illegal-condition",
            "Conditions[0] Operator 'Like' is not one of Equals, NumberGreaterOrEqualTo,"
            " NumberGreaterThan, NumberLessOrEqualTo, NumberLessThan, TextContains, TextEndsWith,"
            " TextStartsWith",
        ),
        ("cmp", "missing-transition", "Compare needs a Transitions.NextAction"),
    ]


# --- the transition graph ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (
            document(
                "a",
                action(
                    "a",
                    "Compare",
                    COMPARE,
                    {"NextAction": "b", "Conditions": [branch("Equals", ["1"])]},
                ),
                action(
                    "b",
                    "UpdateContactTargetQueue",
                    {"QueueId": "q"},
                    {
                        "NextAction": "a",
                        "Errors": [{"NextAction": "c", "ErrorType": "NoMatchingError"}],
                    },
                ),
                action("c", "TransferContactToQueue", {}, {"NextAction": "b"}),
                END,
            ),
            [],
        ),
        (
            document("a", action("a", "TransferContactToQueue", {}, {"NextAction": "gone"}), END),
            [
                ("a", "dangling-transition", "transition to 'gone', which does not exist"),
                ("end", "unreachable-action", "no path from StartAction reaches it"),
            ],
        ),
        (
            document("nowhere", END, action("orphan")),
            [(None, "unknown-start-action", "StartAction 'nowhere' names no action")],
        ),
        (
            document(None, END, action("orphan")),
            [(None, "invalid-structure", "StartAction must be a string")],
        ),
        (
            document(
                None,
                action("a", "TransferContactToQueue", {}, {"NextAction": "gone"}),
            ),
            [
                (None, "invalid-structure", "StartAction must be a string"),
                ("a", "dangling-transition", "transition to 'gone', which does not exist"),
            ],
        ),
        (
            document("end", END, action("orphan"), action("other")),
            [
                ("orphan", "unreachable-action", "no path from StartAction reaches it"),
                ("other", "unreachable-action", "no path from StartAction reaches it"),
            ],
        ),
        (
            document(
                "a",
                action(
                    "a",
                    "TransferContactToQueue",
                    {},
                    {
                        "NextAction": "gone",
                        "Errors": [{"NextAction": "end", "ErrorType": "QueueAtCapacity"}],
                    },
                ),
                END,
            ),
            [("a", "dangling-transition", "transition to 'gone', which does not exist")],
        ),
    ],
    ids=[
        "cycle-through-every-branch",
        "dangling",
        "unknown-start",
        "no-start",
        "no-start-dangling",
        "unreachable",
        "dangling-then-reached",
    ],
)
def test_graph_rules(doc: dict[str, Any], expected: Found) -> None:
    assert judged(doc) == expected


# --- the content: text, JSON, at most 256000 characters ----------------------------------------

TOO_LARGE = "content is 256001 characters; the API takes at most 256000"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("x" * 256_000, []),
        ("x" * 256_001, [(None, "content-too-large", TOO_LARGE)]),
        (b"x" * 256_001, [(None, "content-too-large", TOO_LARGE)]),
        (bytearray(256_001), [(None, "content-too-large", TOO_LARGE)]),
    ],
    ids=["at-limit", "past-limit", "bytes", "bytearray"],
)
def test_content_size_rule(content: str | bytes | bytearray, expected: Found) -> None:
    assert found(content_problems(content)) == expected


VALID = json.dumps(document("end", END))


def padded(size: int, **header: Any) -> str:
    """A flow whose JSON text is exactly ``size`` characters long (a Metadata note pads it)."""
    bare = json.dumps(document("end", END, Metadata={"note": ""}, **header))
    text = json.dumps(document("end", END, Metadata={"note": "x" * (size - len(bare))}, **header))
    assert len(text) == size
    return text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (VALID, []),
        (VALID.encode(), []),
        (bytearray(VALID.encode()), []),
        (5, [(None, "invalid-json", "flow content must be text, not int")]),
        (None, [(None, "invalid-json", "flow content must be text, not NoneType")]),
        (
            json.loads(VALID),
            [(None, "invalid-json", "flow content must be text, not dict")],
        ),
        (
            "not json",
            [(None, "invalid-json", "not JSON: Expecting value: line 1 column 1 (char 0)")],
        ),
        (
            '{"Version": }',
            [(None, "invalid-json", "not JSON: Expecting value: line 1 column 13 (char 12)")],
        ),
        (padded(256_000), []),
        (padded(256_001), [(None, "content-too-large", TOO_LARGE)]),
        (
            padded(256_001, Version="1"),
            [
                (None, "content-too-large", TOO_LARGE),
                (None, "invalid-structure", "Version must be '2019-10-30'"),
            ],
        ),
    ],
    ids=[
        "valid",
        "bytes",
        "bytearray",
        "int",
        "none",
        "parsed",
        "not-json",
        "broken-json",
        "at-limit",
        "past-limit",
        "past-limit-and-invalid",
    ],
)
def test_content_rules(content: object, expected: Found) -> None:
    assert found(flow_problems(content)) == expected
