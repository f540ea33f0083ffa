"""The contact-flow-warnings policy: the flows' second level, advisory unless configured to
block; called directly, through the pack's gRPC Analyzer interface, and in the offline plan."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import json_format
from pulumi.runtime.proto import analyzer_pb2

from connect_streaming.flows import WARNINGS, task_creating_flow, task_routing_flow
from connect_streaming_plan.analyzer import PolicyPackProcess, Resource
from connect_streaming_plan.cli import main
from connect_streaming_plan.plan import EXIT_CLEAN
from connect_streaming_policy import flow_warnings
from connect_streaming_policy.catalogue import RESOURCE_RULES, RULES
from connect_streaming_policy.vocabulary import CONTACT_FLOW, Context, ResourceRule
from tests.repo import POLICY_PACK_DIR

NAME = "contact-flow-warnings"
QUEUE = "arn:aws:connect:us-east-1:111122223333:instance/abcd/queue/q1"
ERRORS = [{"ErrorType": "NoMatchingError", "NextAction": "end"}]
TAGS = {"owner": "o", "cost-center": "c", "environment": "dev"}
END = {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}


def _flow(*actions: dict[str, Any]) -> str:
    start = actions[0]["Identifier"]
    return json.dumps({"Version": "2019-10-30", "StartAction": start, "Actions": [*actions, END]})


# A set-working-queue whose error disconnects unlogged, then a transfer with no QueueAtCapacity.
RISKY = _flow(
    {
        "Identifier": "queue",
        "Type": "UpdateContactTargetQueue",
        "Parameters": {"QueueId": QUEUE},
        "Transitions": {"NextAction": "transfer", "Errors": ERRORS},
    },
    {
        "Identifier": "transfer",
        "Type": "TransferContactToQueue",
        "Parameters": {},
        "Transitions": {"NextAction": "end", "Errors": ERRORS},
    },
)
RISKY_RULES = ["unhandled-error", "disconnect-without-trace", "disconnect-without-trace"]


def _rules_named(messages: list[str]) -> list[str]:
    return [message.rsplit("[", 1)[1].rstrip("]") for message in messages]


def _resource_rule(name: str) -> ResourceRule:
    return next(r for r in RESOURCE_RULES if r.name == name)


def _violations(props: dict[str, Any], config: dict[str, Any] | None = None) -> list[str]:
    return _resource_rule(NAME).violations(CONTACT_FLOW, props, Context(config or {}))


# --- directly -----------------------------------------------------------------------------------


def test_the_rule_is_registered_once_advisory_with_its_schema() -> None:
    (registered,) = [r for r in RESOURCE_RULES if r.name == NAME]
    assert registered.level == "advisory"
    assert registered is flow_warnings.CONTACT_FLOW_WARNINGS
    assert registered.types == frozenset({CONTACT_FLOW})
    schema = registered.config[flow_warnings.WARNINGS_KEY]
    assert schema["items"]["enum"] == schema["default"] == sorted(WARNINGS)
    assert [r.name for r in RULES].count(NAME) == 1


def test_warnings_are_reported_each_marked_and_named() -> None:
    messages = _violations({"content": RISKY})
    assert _rules_named(messages) == RISKY_RULES
    assert all(m.startswith("warning: action '") for m in messages)
    # The same flow passes the mandatory validity rule: nothing here is a refusal.
    assert _resource_rule("contact-flow-valid").violations(CONTACT_FLOW, {"content": RISKY}) == []


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (["unhandled-error"], ["unhandled-error"]),
        (["disconnect-without-trace"], RISKY_RULES[1:]),
        ([], []),
        (sorted(WARNINGS), RISKY_RULES),
    ],
)
def test_the_config_chooses_which_warnings_to_report(
    chosen: list[str], expected: list[str]
) -> None:
    assert _rules_named(_violations({"content": RISKY}, {"warnings": chosen})) == expected


def test_the_builders_flows_and_unjudgeable_content_give_none() -> None:
    for content in (
        task_routing_flow(queue_arn=QUEUE).to_json(),
        task_creating_flow(contact_flow_arn=QUEUE, task_name="t").to_json(),
    ):
        assert _violations({"content": content}) == []
    assert _violations({"filename": "flow.json"}) == []
    assert _violations({"content": "not json"}) == []  # refused by contact-flow-valid instead


def test_the_flow_type_of_the_resource_is_used() -> None:
    whisper = json.dumps(
        {
            "Version": "2019-10-30",
            "StartAction": "hi",
            "Actions": [
                {
                    "Identifier": "hi",
                    "Type": "MessageParticipant",
                    "Parameters": {"Text": "Hi", "SkipWhenDTMFBufferEnabled": "false"},
                    "Transitions": {"NextAction": "end", "Errors": ERRORS},
                },
                {
                    "Identifier": "end",
                    "Type": "EndFlowExecution",
                    "Parameters": {},
                    "Transitions": {},
                },
            ],
        }
    )
    assert _rules_named(_violations({"content": whisper, "type": "AGENT_WHISPER"})) == [
        "unlisted-parameter"
    ]


# --- through gRPC, as the engine drives the pack ------------------------------------------------


DEFAULTS = {r.name: (r.level, r.settings(None)) for r in RULES}


@pytest.fixture(scope="module")
def pack() -> Iterator[PolicyPackProcess]:
    """The pack as the engine starts it (no stack environment, as the direct calls have)."""
    with PolicyPackProcess(POLICY_PACK_DIR, env={"PULUMI_STACK": ""}) as running:
        yield running


def _flow_resource(content: str) -> Resource:
    urn = f"urn:pulumi:dev::p::{CONTACT_FLOW}::routing"
    props = {"content": content, "type": "CONTACT_FLOW", "tags": TAGS}
    return Resource(CONTACT_FLOW, urn, "routing", props)


def _ours(response: analyzer_pb2.AnalyzeResponse) -> list[analyzer_pb2.AnalyzeDiagnostic]:
    return [d for d in response.diagnostics if d.policyName == NAME]


def test_the_engine_sees_an_advisory_policy_with_its_schema(pack: PolicyPackProcess) -> None:
    (info,) = [p for p in pack.info().policies if p.name == NAME]
    assert info.enforcementLevel == analyzer_pb2.ADVISORY
    schema = json_format.MessageToDict(info.configSchema)["properties"]["warnings"]
    assert schema["items"]["enum"] == sorted(WARNINGS)


def test_warnings_arrive_advisory_and_the_flow_is_not_refused(pack: PolicyPackProcess) -> None:
    pack.configure(dict(DEFAULTS))
    response = pack.analyze(_flow_resource(RISKY))
    ours = _ours(response)
    assert _rules_named([d.message for d in ours]) == RISKY_RULES
    assert {d.enforcementLevel for d in ours} == {analyzer_pb2.ADVISORY}
    assert {d.policyName for d in response.diagnostics} == {NAME}


def test_the_config_makes_them_mandatory_and_chooses_them(pack: PolicyPackProcess) -> None:
    settings = dict(DEFAULTS)
    settings[NAME] = ("mandatory", {"warnings": ["unhandled-error"]})
    try:
        pack.configure(settings)
        ours = _ours(pack.analyze(_flow_resource(RISKY)))
    finally:
        pack.configure(dict(DEFAULTS))
    assert [(d.enforcementLevel, d.message.endswith("[unhandled-error]")) for d in ours] == [
        (analyzer_pb2.MANDATORY, True)
    ]


def test_the_builders_flows_get_no_diagnostic_through_grpc(pack: PolicyPackProcess) -> None:
    pack.configure(dict(DEFAULTS))
    content = task_routing_flow(queue_arn=QUEUE).to_json()
    assert list(pack.analyze(_flow_resource(content)).diagnostics) == []


# --- in the offline plan: made mandatory, the stacks' own flows still pass ---------------------


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_the_stacks_plan_clean_with_flow_warnings_mandatory(stack: str, tmp_path: Path) -> None:
    config = tmp_path / "policy.json"
    config.write_text(json.dumps({NAME: "mandatory"}), encoding="utf-8")
    out = tmp_path / "plan.json"
    with out.open("w", encoding="utf-8") as sink:
        code = main(
            ["--stack", stack, "--policy-config", str(config), "--format", "json"], out=sink
        )
    plan = json.loads(out.read_text(encoding="utf-8"))
    levels = {p["name"]: p["enforcement"] for p in plan["policyPack"]["policies"]}
    assert levels[NAME] == "mandatory"
    flows = [r for r in plan["resources"] if r["type"] == CONTACT_FLOW]
    assert flows, "the stack has contact flows to judge"
    assert code == EXIT_CLEAN, [v for r in plan["resources"] for v in r["verdicts"]]
