"""Each action's reference page to the letter: the exact problems ``flows.rules`` reports.

The expected sentences restate the Flow language reference pages (createtask.html,
flow-control-actions-compare.html, ...) and the "Actions" page's Condition rules: operators
with one String operand, terminal actions with ``{}`` transitions, the errors each action
raises, the parameters each takes, limits at and one past their edge.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from connect_runtime.tasks.references import reference_value_problem
from connect_streaming.flows.problems import ProblemLog
from connect_streaming.flows.rules import check_action, check_conditions, is_dynamic

DOCS = "https://docs.aws.amazon.com/connect/latest/APIReference/"
TARGET_QUEUE = f"({DOCS}contact-actions-updatecontacttargetqueue.html)"
TRANSFER = f"({DOCS}contact-actions-transfercontacttoqueue.html)"
END_FLOW = f"({DOCS}flow-control-actions-endflowexecution.html)"
DISCONNECT = f"({DOCS}participant-actions-disconnectparticipant.html)"
MESSAGE = f"({DOCS}participant-actions-messageparticipant.html)"
ATTRIBUTES = f"({DOCS}contact-actions-updatecontactattributes.html)"
COMPARE = f"({DOCS}flow-control-actions-compare.html)"
CREATE_TASK = f"({DOCS}createtask.html)"
LOGGING = f"({DOCS}flow-control-actions-updateflowloggingbehavior.html)"
OPERATORS = (
    "Equals, NumberGreaterOrEqualTo, NumberGreaterThan, NumberLessOrEqualTo, NumberLessThan,"
    " TextContains, TextEndsWith, TextStartsWith"
)

IDENT = "act"
NEXT = {"NextAction": "next"}
QUEUE = "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1"
FLOW = "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/f-1"
TASK = {"ContactFlowId": FLOW, "Name": "Call back"}

Problems = list[tuple[str, str]]


def _found(report: ProblemLog) -> Problems:
    assert {problem.action for problem in report.problems} <= {IDENT}
    return [(problem.rule, problem.message) for problem in report.problems]


def judged(
    kind: str,
    params: Mapping[str, Any],
    transitions: Mapping[str, Any] = NEXT,
    flow_type: Any = "CONTACT_FLOW",
) -> Problems:
    """What :func:`check_action` reports for one action named ``IDENT``."""
    report = ProblemLog()
    check_action(report, IDENT, kind, params, transitions, flow_type)
    return _found(report)


def condition(operator: str, *operands: str) -> dict[str, Any]:
    return {"NextAction": "next", "Condition": {"Operator": operator, "Operands": list(operands)}}


# --- Conditions: 'List of Operators', each 'Operand type: String, Operand count: One' ----------


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ([condition("Equals", "a")], []),
        (
            [condition("Equals", "a"), condition("Like", "a")],
            [f"Conditions[1] Operator 'Like' is not one of {OPERATORS}"],
        ),
        (
            [condition("equals", "a")],
            [f"Conditions[0] Operator 'equals' is not one of {OPERATORS}"],
        ),
        ([condition("Equals", "a", "b")], ["Conditions[0] Equals takes one operand, got 2"]),
        ([condition("TextContains")], ["Conditions[0] TextContains takes one operand, got 0"]),
        (
            [condition("NotEquals", "a", "b"), condition("NumberLessThan", "1", "2", "3")],
            [
                f"Conditions[0] Operator 'NotEquals' is not one of {OPERATORS}",
                "Conditions[1] NumberLessThan takes one operand, got 3",
            ],
        ),
    ],
    ids=["legal", "second-unknown", "case-matters", "two-operands", "no-operand", "both"],
)
def test_condition_rules(conditions: list[dict[str, Any]], expected: list[str]) -> None:
    report = ProblemLog()
    check_conditions(report, IDENT, {"Conditions": conditions})
    assert _found(report) == [("illegal-condition", message) for message in expected]


@pytest.mark.parametrize("operator", OPERATORS.split(", "))
def test_every_listed_operator_takes_one_operand(operator: str) -> None:
    report = ProblemLog()
    check_conditions(report, IDENT, {"Conditions": [condition(operator, "7")]})
    check_conditions(report, IDENT, {"NextAction": "next"})  # no Conditions: nothing to judge
    assert report.problems == []


# --- an action type the reference module does not model is judged on the shared rules only ----


def test_an_unmodelled_action_is_not_judged_here() -> None:
    assert judged("ShowView", {"Anything": 5}, {"Errors": [{"ErrorType": "Odd"}]}) == []


# --- the flow types each action is available in -----------------------------------------------


@pytest.mark.parametrize(
    ("kind", "params", "transitions", "flow_type", "expected"),
    [
        (
            "EndFlowExecution",
            {},
            {},
            "CONTACT_FLOW",
            [
                (
                    "action-not-in-flow-type",
                    "EndFlowExecution is available only in AGENT_WHISPER, CUSTOMER_QUEUE,"
                    f" CUSTOMER_WHISPER, OUTBOUND_WHISPER flows, not CONTACT_FLOW {END_FLOW}",
                )
            ],
        ),
        ("EndFlowExecution", {}, {}, "CUSTOMER_QUEUE", []),
        (
            "DisconnectParticipant",
            {},
            {},
            "AGENT_WHISPER",
            [
                (
                    "action-not-in-flow-type",
                    "DisconnectParticipant is available only in AGENT_TRANSFER, CONTACT_FLOW,"
                    f" CUSTOMER_QUEUE, QUEUE_TRANSFER flows, not AGENT_WHISPER {DISCONNECT}",
                )
            ],
        ),
        ("TransferContactToQueue", {}, NEXT, "QUEUE_TRANSFER", []),
        # an unknown type is reported once, by the validator, not once per action
        ("EndFlowExecution", {}, {}, "INBOUND", []),
        ("EndFlowExecution", {}, {}, ["CONTACT_FLOW"], []),
        # 'available in every type of flow'
        ("UpdateContactAttributes", {"Attributes": {}}, NEXT, "AGENT_HOLD", []),
    ],
    ids=[
        "end-in-contact-flow",
        "end-in-queue-flow",
        "disconnect-in-whisper",
        "transfer-in-transfer",
        "unknown-type",
        "type-not-text",
        "every-type",
    ],
)
def test_flow_type_availability(
    kind: str,
    params: dict[str, Any],
    transitions: dict[str, Any],
    flow_type: Any,
    expected: Problems,
) -> None:
    assert judged(kind, params, transitions, flow_type) == expected


# --- transitions: terminal actions, NextAction, the errors raised, conditions ------------------


@pytest.mark.parametrize(
    ("kind", "params", "transitions", "expected"),
    [
        ("DisconnectParticipant", {}, {}, []),
        (
            "DisconnectParticipant",
            {},
            {"NextAction": "next"},
            [
                (
                    "terminal-transitions",
                    "DisconnectParticipant ends the flow: its Transitions must be {}",
                )
            ],
        ),
        (
            "DisconnectParticipant",
            {},
            {"Errors": []},
            [
                (
                    "terminal-transitions",
                    "DisconnectParticipant ends the flow: its Transitions must be {}",
                )
            ],
        ),
        (
            "Compare",
            {"ComparisonValue": "$.Attributes.x"},
            {},
            [("missing-transition", "Compare needs a Transitions.NextAction")],
        ),
        (
            "UpdateContactTargetQueue",
            {"QueueId": QUEUE},
            {"NextAction": "next", "Errors": [{"ErrorType": "NoMatchingError"}]},
            [],
        ),
        (
            "UpdateContactTargetQueue",
            {"QueueId": QUEUE},
            {
                "NextAction": "next",
                "Errors": [{"ErrorType": "NoMatchingError"}, {"ErrorType": "QueueAtCapacity"}],
            },
            [
                (
                    "unknown-error-type",
                    "UpdateContactTargetQueue raises only NoMatchingError, not 'QueueAtCapacity'"
                    f" {TARGET_QUEUE}",
                )
            ],
        ),
        (
            "TransferContactToQueue",
            {},
            {
                "NextAction": "next",
                "Errors": [{"ErrorType": "QueueAtCapacity"}, {"ErrorType": "NoMatchingError"}],
            },
            [],
        ),
        (
            "TransferContactToQueue",
            {},
            {"NextAction": "next", "Errors": [{"ErrorType": "NoMatchingCondition"}]},
            [
                (
                    "unknown-error-type",
                    "TransferContactToQueue raises only NoMatchingError, QueueAtCapacity,"
                    f" not 'NoMatchingCondition' {TRANSFER}",
                )
            ],
        ),
        (
            "Compare",
            {"ComparisonValue": "$.Attributes.x"},
            {
                "NextAction": "next",
                "Errors": [{"ErrorType": "NoMatchingCondition"}],
                "Conditions": [condition("Equals", "a"), condition("Equals", "b")],
            },
            [],
        ),
        ("CreateTask", TASK, {"NextAction": "next", "Conditions": []}, []),
        (
            "CreateTask",
            TASK,
            {
                "NextAction": "next",
                "Conditions": [condition("Equals", "a"), condition("Equals", "b")],
            },
            [
                (
                    "conditions-not-supported",
                    f"CreateTask supports no conditions, yet has 2 {CREATE_TASK}",
                )
            ],
        ),
    ],
    ids=[
        "terminal-empty",
        "terminal-next",
        "terminal-empty-errors",
        "no-next-action",
        "raised-error",
        "never-raised-error",
        "transfer-errors",
        "transfer-foreign-error",
        "compare-conditions",
        "empty-conditions",
        "task-conditions",
    ],
)
def test_transition_rules(
    kind: str, params: dict[str, Any], transitions: dict[str, Any], expected: Problems
) -> None:
    assert judged(kind, params, transitions) == expected


# --- parameters: listed, required, exclusive ---------------------------------------------------


PARAMETERS: tuple[list[Any], list[str]] = (
    [
        ("TransferContactToQueue", {}, []),
        (
            "TransferContactToQueue",
            {"QueueId": QUEUE, "Anything": "x"},
            [
                (
                    "unexpected-parameter",
                    f"TransferContactToQueue takes no parameters, not 'Anything' {TRANSFER}",
                ),
                (
                    "unexpected-parameter",
                    f"TransferContactToQueue takes no parameters, not 'QueueId' {TRANSFER}",
                ),
            ],
        ),
        (
            "MessageParticipant",
            {"Text": "Hello", "Voice": "Joanna"},
            [
                (
                    "unlisted-parameter",
                    "MessageParticipant's reference lists Media, PromptId, SSML, Text, not"
                    f" 'Voice' {MESSAGE}",
                )
            ],
        ),
        (
            "MessageParticipant",
            {"Text": "Hello", "SkipWhenDTMFBufferEnabled": "false"},
            [
                (
                    "unlisted-parameter",
                    "MessageParticipant's reference lists Media, PromptId, SSML, Text, not"
                    f" 'SkipWhenDTMFBufferEnabled' {MESSAGE}",
                )
            ],
        ),
        (
            "MessageParticipant",
            {"Txt": "Hello"},
            [
                (
                    "unlisted-parameter",
                    "MessageParticipant's reference lists Media, PromptId, SSML, Text, not"
                    f" 'Txt'; did you mean 'Text'? {MESSAGE}",
                )
            ],
        ),
        (
            "UpdateContactTargetQueue",
            {"QueueID": QUEUE},
            [
                (
                    "unlisted-parameter",
                    "UpdateContactTargetQueue's reference lists AgentId, QueueId, not 'QueueID';"
                    f" did you mean 'QueueId'? {TARGET_QUEUE}",
                )
            ],
        ),
        ("UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "Enabled"}, []),
        ("UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "Disabled"}, []),
        (
            "UpdateFlowLoggingBehavior",
            {},
            [
                (
                    "missing-parameter",
                    f"UpdateFlowLoggingBehavior needs Parameters.FlowLoggingBehavior {LOGGING}",
                )
            ],
        ),
        (
            "UpdateFlowLoggingBehavior",
            {"FlowLoggingBehavior": "$.Attributes.logging"},
            [
                (
                    "static-required",
                    "Parameters.FlowLoggingBehavior must be defined statically, not"
                    f" '$.Attributes.logging' {LOGGING}",
                ),
                (
                    "illegal-parameter-value",
                    "Parameters.FlowLoggingBehavior must be one of Disabled, Enabled, not"
                    f" '$.Attributes.logging' {LOGGING}",
                ),
            ],
        ),
        (
            "CreateTask",
            {"Description": "d"},
            [
                ("missing-parameter", f"CreateTask needs Parameters.ContactFlowId {CREATE_TASK}"),
                ("missing-parameter", f"CreateTask needs Parameters.Name {CREATE_TASK}"),
            ],
        ),
        ("UpdateContactAttributes", {"Attributes": {"a": "b"}}, []),
        (
            "UpdateContactAttributes",
            {"TargetContact": "Related"},
            [
                (
                    "missing-parameter",
                    f"UpdateContactAttributes needs Parameters.Attributes {ATTRIBUTES}",
                )
            ],
        ),
        ("UpdateContactTargetQueue", {"AgentId": "agent-1"}, []),
        (
            "UpdateContactTargetQueue",
            {"QueueId": QUEUE, "AgentId": "agent-1"},
            [
                (
                    "exclusive-parameters",
                    "UpdateContactTargetQueue sets AgentId and QueueId; set one at most",
                )
            ],
        ),
        (
            "MessageParticipant",
            {"Text": "Hi", "SSML": "<speak>Hi</speak>", "PromptId": "p-1"},
            [
                (
                    "exclusive-parameters",
                    "MessageParticipant sets PromptId and SSML and Text; set one at most",
                )
            ],
        ),
        (
            "CreateTask",
            {**TASK, "DelaySeconds": 60, "ScheduledTime": "$.Attributes.when"},
            [
                (
                    "delay-and-scheduled-time",
                    "CreateTask sets DelaySeconds and ScheduledTime; set one at most",
                )
            ],
        ),
    ],
    [
        "none-taken",
        "none-expected",
        "not-listed",
        "console-export-parameter",
        "typo-did-you-mean",
        "typo-case-did-you-mean",
        "logging-enabled",
        "logging-disabled",
        "logging-required",
        "logging-dynamic",
        "both-required-missing",
        "target-contact-optional",
        "attributes-required",
        "agent-alone",
        "queue-and-agent",
        "three-prompts",
        "delay-and-schedule",
    ],
)


# --- values: static, single JSONPath, choices ---------------------------------------------------


VALUES: tuple[list[Any], list[str]] = (
    [
        ("UpdateContactTargetQueue", {"QueueId": QUEUE}, []),
        ("UpdateContactTargetQueue", {"QueueId": "$.Attributes.queue"}, []),
        (
            "UpdateContactTargetQueue",
            {"QueueId": 5},
            [("invalid-structure", f"Parameters.QueueId must be a string, not int {TARGET_QUEUE}")],
        ),
        (
            "UpdateContactTargetQueue",
            {"QueueId": "q-$.Attributes.q"},
            [
                (
                    "static-or-single-jsonpath",
                    f"Parameters.QueueId 'q-$.Attributes.q' mixes static text and a JSONPath"
                    f" {TARGET_QUEUE}",
                )
            ],
        ),
        (
            "UpdateContactTargetQueue",
            {"AgentId": "$.Attributes.a $.Attributes.b"},
            [
                (
                    "static-or-single-jsonpath",
                    "Parameters.AgentId '$.Attributes.a $.Attributes.b' mixes static text and a"
                    f" JSONPath {TARGET_QUEUE}",
                )
            ],
        ),
        (
            "UpdateContactTargetQueue",
            {"QueueId": "$.Attributes.$q"},
            [
                (
                    "static-or-single-jsonpath",
                    f"Parameters.QueueId '$.Attributes.$q' mixes static text and a JSONPath"
                    f" {TARGET_QUEUE}",
                )
            ],
        ),
        ("MessageParticipant", {"PromptId": "$.Attributes.prompt"}, []),
        ("MessageParticipant", {"Text": "Total: $.Attributes.total"}, []),  # Text may mix
        ("Compare", {"ComparisonValue": "$.Attributes.x"}, []),
        (
            "Compare",
            {"ComparisonValue": "segment"},
            [
                (
                    "single-jsonpath-required",
                    "Parameters.ComparisonValue must be a single JSONPath such as $.Attributes.x,"
                    f" not 'segment' {COMPARE}",
                )
            ],
        ),
        (
            "Compare",
            {"ComparisonValue": "$."},
            [
                (
                    "single-jsonpath-required",
                    "Parameters.ComparisonValue must be a single JSONPath such as $.Attributes.x,"
                    f" not '$.' {COMPARE}",
                )
            ],
        ),
        (
            "Compare",
            {"ComparisonValue": ["$.Attributes.x"]},
            [
                (
                    "invalid-structure",
                    f"Parameters.ComparisonValue must be a string, not list {COMPARE}",
                )
            ],
        ),
        ("CreateTask", {**TASK, "TaskTemplateId": "template-1"}, []),
        ("CreateTask", {**TASK, "TaskTemplateId": "t-$.x"}, []),
        (
            "CreateTask",
            {**TASK, "TaskTemplateId": "$.Attributes.template"},
            [
                (
                    "static-required",
                    "Parameters.TaskTemplateId must be defined statically, not"
                    f" '$.Attributes.template' {CREATE_TASK}",
                )
            ],
        ),
        (
            "CreateTask",
            {**TASK, "TaskTemplateId": 7},
            [
                (
                    "invalid-structure",
                    f"Parameters.TaskTemplateId must be a string, not int {CREATE_TASK}",
                )
            ],
        ),
        ("UpdateContactAttributes", {"Attributes": {}, "TargetContact": "Current"}, []),
        ("UpdateContactAttributes", {"Attributes": {}, "TargetContact": "Related"}, []),
        (
            "UpdateContactAttributes",
            {"Attributes": {}, "TargetContact": "current"},
            [
                (
                    "illegal-parameter-value",
                    "Parameters.TargetContact must be one of Current, Related, not 'current'"
                    f" {ATTRIBUTES}",
                )
            ],
        ),
        (
            "UpdateContactAttributes",
            {"Attributes": {}, "TargetContact": "$.Attributes.t"},
            [
                (
                    "static-required",
                    "Parameters.TargetContact must be defined statically, not '$.Attributes.t'"
                    f" {ATTRIBUTES}",
                ),
                (
                    "illegal-parameter-value",
                    "Parameters.TargetContact must be one of Current, Related,"
                    f" not '$.Attributes.t' {ATTRIBUTES}",
                ),
            ],
        ),
        (
            "UpdateContactAttributes",
            {"Attributes": {}, "TargetContact": None},
            [
                (
                    "invalid-structure",
                    f"Parameters.TargetContact must be a string, not NoneType {ATTRIBUTES}",
                )
            ],
        ),
    ],
    [
        "static-queue",
        "single-path-queue",
        "queue-not-text",
        "static-then-path",
        "two-paths",
        "second-dollar",
        "path-prompt",
        "text-mixes",
        "single-path",
        "static-comparison",
        "bare-dollar-dot",
        "comparison-not-text",
        "static-template",
        "dollar-inside-template",
        "dynamic-template",
        "template-not-text",
        "current",
        "related",
        "choice-case",
        "dynamic-choice",
        "choice-not-text",
    ],
)


@pytest.mark.parametrize(
    ("kind", "params", "expected"),
    PARAMETERS[0] + VALUES[0],
    ids=PARAMETERS[1] + VALUES[1],
)
def test_parameter_and_value_rules(kind: str, params: dict[str, Any], expected: Problems) -> None:
    assert judged(kind, params) == expected


@pytest.mark.parametrize(
    ("kind", "params", "level"),
    [
        ("MessageParticipant", {"Text": "Hi", "SkipWhenDTMFBufferEnabled": "false"}, "warning"),
        ("MessageParticipant", {"Txt": "Hi"}, "warning"),
        ("TransferContactToQueue", {"QueueId": QUEUE}, "refusal"),
        ("EndFlowExecution", {"Anything": "x"}, "refusal"),
        ("MessageParticipant", {"Text": "Hi", "SSML": "<speak/>"}, "refusal"),
    ],
)
def test_unlisted_is_a_warning_what_the_page_forbids_a_refusal(
    kind: str, params: dict[str, Any], level: str
) -> None:
    report = ProblemLog()
    check_action(report, IDENT, kind, params, {} if kind == "EndFlowExecution" else NEXT, "")
    assert [problem.level for problem in report.problems] == [level]
    assert report.refusals() == ([] if level == "warning" else report.problems)


@pytest.mark.parametrize(
    ("value", "dynamic"),
    [("$.Attributes.x", True), ("$.", True), ("x$.y", False), ("$", False), (5, False)],
)
def test_is_dynamic(value: object, dynamic: bool) -> None:
    assert is_dynamic(value) is dynamic


# --- MessageParticipant Media: 'The only supported type is S3' / '... is Audio' ----------------


@pytest.mark.parametrize(
    ("media", "expected"),
    [
        ({"Uri": "s3://b/k.wav", "SourceType": "S3", "MediaType": "Audio"}, []),
        ({"Uri": "s3://b/k.wav"}, []),
        (
            {"SourceType": "HTTP", "MediaType": "Video"},
            [
                ("illegal-parameter-value", "Parameters.Media.SourceType must be S3, not 'HTTP'"),
                (
                    "illegal-parameter-value",
                    "Parameters.Media.MediaType must be Audio, not 'Video'",
                ),
            ],
        ),
        (
            {"SourceType": "s3", "MediaType": ["Audio"]},
            [
                ("illegal-parameter-value", "Parameters.Media.SourceType must be S3, not 's3'"),
                (
                    "illegal-parameter-value",
                    "Parameters.Media.MediaType must be Audio, not ['Audio']",
                ),
            ],
        ),
        ("s3://b/k.wav", [("invalid-structure", "MessageParticipant Media must be an object")]),
        (["S3"], [("invalid-structure", "MessageParticipant Media must be an object")]),
    ],
    ids=["s3-audio", "defaults", "http-video", "case-and-list", "text", "list"],
)
def test_media_rules(media: object, expected: Problems) -> None:
    assert judged("MessageParticipant", {"Media": media}) == expected


# --- CreateTask: createtask.html and StartTaskContact's References ------------------------------

DELAY = "DelaySeconds must be a whole number from 1 to 518400, got"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({**TASK, "DelaySeconds": 1}, []),
        ({**TASK, "DelaySeconds": 518_400}, []),
        ({**TASK, "DelaySeconds": 0}, [("delay-range", f"{DELAY} 0")]),
        ({**TASK, "DelaySeconds": 518_401}, [("delay-range", f"{DELAY} 518401")]),
        ({**TASK, "DelaySeconds": -5}, [("delay-range", f"{DELAY} -5")]),
        ({**TASK, "DelaySeconds": True}, [("delay-range", f"{DELAY} True")]),
        ({**TASK, "DelaySeconds": 60.0}, [("delay-range", f"{DELAY} 60.0")]),
        ({**TASK, "DelaySeconds": "60"}, [("delay-range", f"{DELAY} '60'")]),
        (
            {**TASK, "Name": 5},
            [("invalid-structure", "CreateTask Name must be a string")],
        ),
        (
            {**TASK, "ContactFlowId": 5},
            [
                (
                    "invalid-structure",
                    f"Parameters.ContactFlowId must be a string, not int {CREATE_TASK}",
                ),
                ("invalid-structure", "CreateTask ContactFlowId must be a string"),
            ],
        ),
        ({**TASK, "ContactFlowId": "$.Attributes.flow", "Attributes": {"a": "b"}}, []),
        (
            {**TASK, "Attributes": ["a"], "References": "x"},
            [
                ("invalid-structure", "CreateTask Attributes must be an object"),
                ("invalid-structure", "CreateTask References must be an object"),
            ],
        ),
    ],
    ids=[
        "delay-1",
        "delay-6-days",
        "delay-0",
        "delay-past-6-days",
        "delay-negative",
        "delay-bool",
        "delay-float",
        "delay-text",
        "name-not-text",
        "flow-not-text",
        "dynamic-flow",
        "not-objects",
    ],
)
def test_create_task_rules(params: dict[str, Any], expected: Problems) -> None:
    assert judged("CreateTask", params) == expected


NEEDS_STRINGS = "needs Type and Value strings"
USE = "use URL, NUMBER, STRING, DATE, EMAIL"


@pytest.mark.parametrize(
    ("references", "expected"),
    [
        (
            {
                "case": {"Type": "URL", "Value": "https://crm.example.com/42"},
                "amount": {"Type": "NUMBER", "Value": "-3.5e2"},
                "note": {"Type": "STRING", "Value": "anything at all"},
                "due": {"Type": "DATE", "Value": "1700000000"},
                "owner": {"Type": "EMAIL", "Value": "agent@example.com"},
            },
            [],
        ),
        ({"case": {"Type": "URL", "Value": "$.Attributes.url"}}, []),
        ({"case": {"Type": "URL", "Value": ""}}, []),  # reported as an empty parameter instead
        (
            {"case": "https://x.example.com"},
            [("invalid-structure", f"reference 'case' {NEEDS_STRINGS}")],
        ),
        (
            {"case": {"Value": "https://x.example.com"}},
            [("invalid-structure", f"reference 'case' {NEEDS_STRINGS}")],
        ),
        (
            {"case": {"Type": "URL", "Value": 42}},
            [("invalid-structure", f"reference 'case' {NEEDS_STRINGS}")],
        ),
        (
            {"file": {"Type": "ATTACHMENT", "Value": "https://files.example.com/a.pdf"}},
            [
                (
                    "attachment-reference",
                    "reference 'file' is ATTACHMENT, which a task cannot carry at creation",
                )
            ],
        ),
        (
            {"v": {"Type": "url", "Value": "https://x.example.com"}},
            [("illegal-reference-type", f"reference 'v' has Type 'url'; {USE}")],
        ),
        (
            {
                "a": {"Type": "VOICEMAIL_RECORDING", "Value": "x"},
                "b": {"Type": "EMAIL", "Value": "nobody"},
            },
            [
                ("illegal-reference-type", f"reference 'a' has Type 'VOICEMAIL_RECORDING'; {USE}"),
                ("reference-value", f"reference 'b': {reference_value_problem('EMAIL', 'nobody')}"),
            ],
        ),
    ],
    ids=[
        "every-creation-type",
        "dynamic",
        "empty",
        "not-object",
        "no-type",
        "value-not-text",
        "attachment",
        "type-case",
        "unknown-type-and-bad-value",
    ],
)
def test_reference_rules(references: dict[str, Any], expected: Problems) -> None:
    assert judged("CreateTask", {**TASK, "References": references}) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [("URL", "ftp://x"), ("NUMBER", "ten"), ("DATE", "2021-10-29"), ("EMAIL", "nobody")],
)
def test_a_static_reference_value_must_fit_its_type(kind: str, value: str) -> None:
    reason = reference_value_problem(kind, value)
    assert reason is not None
    assert judged("CreateTask", {**TASK, "References": {"r": {"Type": kind, "Value": value}}}) == [
        ("reference-value", f"reference 'r': {reason}")
    ]
