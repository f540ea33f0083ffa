"""Real exported flows (four publishers, see fixtures/SOURCES.md): each round-trips exactly and
carries the warnings found in it, or is refused with the rule named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from connect_streaming.flows import (
    RULES,
    flow_from_dict,
    flow_problems,
    flow_to_dict,
    parse_flow,
)
from connect_streaming.flows.reference import flow_types
from connect_streaming.flows.serialize import dumps

FIXTURES = Path(__file__).parent / "fixtures"


FLOW_TYPES: dict[str, str] = {
    # Console exports carry no ContactFlow Type; these are created so by their repository.
    "RulesEngineAgentWhisper.json": "AGENT_WHISPER",
    "RulesEngineCustomerHold.json": "CUSTOMER_HOLD",
    "RulesEngineOutboundWhisper.json": "OUTBOUND_WHISPER",
}


def _load(name: str) -> tuple[str, str]:
    """The flow content and its flow type: the import format's Content/Type, or an export."""
    raw = (FIXTURES / name).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(raw)
    if "Content" in document:
        return document["Content"], document["Type"]
    return raw, FLOW_TYPES.get(name, "CONTACT_FLOW")


# Each accepted flow with the warnings it carries: rule -> how many actions have it.
ACCEPTED: dict[str, dict[str, int]] = {
    "acme_main_AUTO.json": {},
    "acme_queue_transfer_AUTO.json": {"disconnect-without-trace": 1},
    "acme_customer_whisper_AUTO.json": {"unhandled-error": 1},
    "acme_customer_queue_AUTO.json": {"disconnect-without-trace": 1},
    "acme_hold_AUTO.json": {"unhandled-error": 1},
    "SBSGuides_Module_Task_Create.json": {},
    "CreateAndReviewTask_handlerFlow.json": {"disconnect-without-trace": 3},
    "RulesEngineAgentWhisper.json": {"unhandled-error": 3},
    "RulesEngineCustomerHold.json": {"unhandled-error": 1},
    "RulesEngineOutboundWhisper.json": {"unhandled-error": 3},
    "InteractiveMsg_ContactFlowLexV2_Export.json": {"unhandled-error": 1},
    "cresta_VA_PSTN_Transfer.json": {"disconnect-without-trace": 4},
    "deepgram_sample_contact_flow.json": {},
}

REFUSED: list[tuple[str, str | None, dict[str, set[str | None]]]] = [
    # An orphan block the designer left behind: the rule names it.
    (
        "Financial_contactFlow.json",
        None,
        {"unreachable-action": {"61f4731f-eabe-4d1d-835c-a35956299244"}},
    ),
    # A real whisper flow ends with EndFlowExecution: fine there, refused as a CONTACT_FLOW.
    (
        "acme_customer_whisper_AUTO.json",
        "CONTACT_FLOW",
        {"action-not-in-flow-type": {"ef747366-46cb-4d97-a096-dd34af2a807f"}},
    ),
    # A real queue transfer flow judged as a whisper flow: neither its TransferContactToQueue
    # nor its DisconnectParticipant is available in whisper flows.
    (
        "acme_queue_transfer_AUTO.json",
        "AGENT_WHISPER",
        {
            "action-not-in-flow-type": {
                "842346a5-745e-473e-888c-57e5e32e42d6",
                "6ecbeecc-74b2-4f9a-b716-ec523725fee2",
            }
        },
    ),
]


@pytest.mark.parametrize("name", ACCEPTED)
def test_real_flows_round_trip_exactly(name: str) -> None:
    content, flow_type = _load(name)
    assert flow_problems(content, flow_type=flow_type) == []
    document = json.loads(content)
    flow = flow_from_dict(document, flow_type=flow_type)
    assert flow_to_dict(flow) == document
    assert parse_flow(content, flow_type=flow_type) == flow
    text = flow.to_json()
    assert text == dumps(document) == parse_flow(text, flow_type=flow_type).to_json()


@pytest.mark.parametrize("name", ACCEPTED)
def test_real_flows_carry_the_warnings_found_in_them(name: str) -> None:
    content, flow_type = _load(name)
    found: dict[str, set[str | None]] = {}
    for problem in flow_problems(content, flow_type=flow_type, warnings=True):
        assert problem.level == "warning", problem
        found.setdefault(problem.rule, set()).add(problem.action)
    assert {rule: len(actions) for rule, actions in found.items()} == ACCEPTED[name]
    identifiers = {action["Identifier"] for action in json.loads(content)["Actions"]}
    assert set().union(*found.values()) <= identifiers


def test_the_fixtures_cover_every_channel_author_and_most_flow_types() -> None:
    types = {_load(name)[1] for name in ACCEPTED}
    assert types == set(flow_types()) - {"AGENT_TRANSFER", "CAMPAIGN"}
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    authors = {
        line.split("](https://github.com/")[1].split("/")[0]
        for line in sources.splitlines()
        if "](https://github.com/" in line
    }
    assert authors == {"aws-samples", "amazon-connect", "cresta", "deepgram"}
    for channel in ("voice", "chat", "task"):
        assert f"| {channel}" in sources


@pytest.mark.parametrize(("name", "flow_type", "expected"), REFUSED, ids=[r[0] for r in REFUSED])
def test_real_flows_are_refused_naming_the_rule_and_action(
    name: str, flow_type: str | None, expected: dict[str, set[str | None]]
) -> None:
    content, own_type = _load(name)
    problems = flow_problems(content, flow_type=flow_type or own_type)
    found: dict[str, set[str | None]] = {}
    for problem in problems:
        found.setdefault(problem.rule, set()).add(problem.action)
    assert found == expected, problems
    assert set(found) <= set(RULES)


def test_fixtures_are_all_judged_and_sourced() -> None:
    judged = set(ACCEPTED) | {name for name, _, _ in REFUSED}
    stored = {path.name for path in FIXTURES.glob("*.json")}
    assert judged == stored
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in sources for name in stored)
