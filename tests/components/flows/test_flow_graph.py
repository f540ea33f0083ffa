"""The picture's model and its text forms, without Graphviz: every action a node, every
transition an edge, findings on their action, and ids and labels safe in Mermaid and DOT
whatever the flow's identifiers and parameters contain."""

from __future__ import annotations

import copy
import html
import json
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming.flows import Flow, flow_problems, flow_to_dict, task_routing_flow
from connect_streaming.flows.graph import (
    MAX_LINE,
    FlowGraph,
    FlowRenderError,
    build_graph,
    key_parameter,
    plain,
)
from connect_streaming.flows.reference import BLOCK_NAMES
from connect_streaming.flows.render import graph_to_mermaid, mermaid_text, to_mermaid
from tests.components.flows.flow_strategies import dangling_documents, flows

SAFE_ID = re.compile(r"(a|m)[0-9]+|entry|flow")
QUEUE = "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1"


def expected_transitions(document: Mapping[str, Any]) -> Counter[tuple[str | None, str, str]]:
    """(source Identifier, target Identifier, label) of every transition, read from the JSON
    (not from the graph): next, each ErrorType, each Condition; the entry's 'start'."""
    found: Counter[tuple[str | None, str, str]] = Counter()
    if isinstance(document.get("StartAction"), str):
        found[(None, document["StartAction"], "start")] += 1
    for action in document["Actions"]:
        t = action["Transitions"]
        if "NextAction" in t:
            found[(action["Identifier"], t["NextAction"], "next")] += 1
        for branch in t.get("Errors", []):
            found[(action["Identifier"], branch["NextAction"], branch["ErrorType"])] += 1
        for branch in t.get("Conditions", []):
            condition = branch["Condition"]
            label = f"{condition['Operator']} {', '.join(condition['Operands'])}"
            found[(action["Identifier"], branch["NextAction"], label)] += 1
    return found


def graph_transitions(graph: FlowGraph) -> Counter[tuple[str | None, str, str]]:
    """The same triples, read from the graph's edges and the identifiers on its nodes."""
    ident = {node.id: node.identifier for node in graph.nodes}
    return Counter((ident[e.source], ident[e.target] or "", e.label) for e in graph.edges)


def _normal(triples: Counter[tuple[str | None, str, str]]) -> Counter[tuple[str | None, str, str]]:
    return Counter({(s, t, plain(label)): n for (s, t, label), n in triples.items()})


@given(flows())
def test_every_action_is_a_node_and_every_transition_an_edge(flow: Flow) -> None:
    document = flow_to_dict(flow)
    graph = build_graph(json.dumps(document), flow_type=flow.flow_type)
    actions = [node for node in graph.nodes if node.kind == "action"]
    assert [node.identifier for node in actions] == [a["Identifier"] for a in document["Actions"]]
    assert graph_transitions(graph) == _normal(expected_transitions(document))
    assert all(SAFE_ID.fullmatch(node.id) for node in graph.nodes)
    assert len({node.id for node in graph.nodes}) == len(graph.nodes)


@given(flows())
def test_each_node_names_its_console_block_first(flow: Flow) -> None:
    graph = build_graph(json.dumps(flow_to_dict(flow)))
    for node, action in zip(graph.nodes[1:], flow.actions, strict=True):
        assert node.lines[0] == plain(BLOCK_NAMES.get(action.type, action.type))


@pytest.mark.parametrize("kind", ["NextAction", "Errors", "Conditions"])
@given(data=st.data())
def test_a_dangling_transition_gets_a_marked_node_of_its_own(
    kind: str, data: st.DataObject
) -> None:
    document, owner, target = data.draw(dangling_documents(kind))
    graph = build_graph(json.dumps(document))
    (missing,) = [node for node in graph.nodes if node.kind == "missing"]
    assert missing.identifier == target
    assert missing.level == "refusal"
    assert graph_transitions(graph) == _normal(expected_transitions(document))
    (owner_node,) = [n for n in graph.nodes if n.kind == "action" and n.identifier == owner]
    assert "⛔ dangling-transition" in owner_node.lines


@given(flows())
def test_findings_are_marked_on_their_action_with_the_worst_level(flow: Flow) -> None:
    content = json.dumps(flow_to_dict(flow))
    graph = build_graph(content)
    problems = flow_problems(content, warnings=True)
    for node in graph.nodes[1:]:
        mine = [p for p in problems if p.action == node.identifier]
        assert {line.split(" ", 1)[1] for line in node.lines if line[0] in "⛔⚠"} == {
            p.rule for p in mine
        }
        assert node.level == (
            "refusal" if any(p.level == "refusal" for p in mine) else "warning" if mine else None
        )


def test_the_routing_flow_reads_as_the_console_shows_it() -> None:
    graph = build_graph(task_routing_flow(queue_arn=QUEUE, name="billing").to_json())
    assert [node.lines for node in graph.nodes] == [
        ("Entry",),
        ("Set logging behavior", "Enabled", "id: billing-enable-flow-logging"),
        ("Set working queue", "queue/q-1", "id: billing-set-working-queue"),
        ("Transfer to queue", "id: billing-transfer-to-queue"),
        ("Disconnect / hang up", "id: billing-disconnect"),
    ]
    assert [(e.source, e.target, e.label) for e in graph.edges] == [
        ("entry", "a0", "start"),
        ("a0", "a1", "next"),
        ("a1", "a2", "next"),
        ("a1", "a3", "NoMatchingError"),
        ("a2", "a3", "next"),
        ("a2", "a3", "QueueAtCapacity"),
        ("a2", "a3", "NoMatchingError"),
    ]
    assert all(node.level is None for node in graph.nodes)


def test_findings_about_the_whole_flow_get_a_node() -> None:
    content = json.dumps({"Version": "1999", "StartAction": "x", "Actions": []})
    graph = build_graph(content)
    assert graph.node("flow").lines == (
        "Whole flow",
        "⛔ invalid-structure",
        "⛔ unknown-start-action",
    )
    assert graph.node("m0").identifier == "x"  # StartAction names no action: drawn missing


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "the flow is not JSON"),
        ("[1, 2]", "a flow is a JSON object with an Actions list"),
        ('{"Actions": {}}', "a flow is a JSON object with an Actions list"),
    ],
)
def test_what_cannot_be_drawn_is_refused_naming_why(content: str, message: str) -> None:
    with pytest.raises(FlowRenderError, match=message):
        build_graph(content)


def test_odd_actions_are_still_drawn_and_marked() -> None:
    content = json.dumps(
        {"Version": "2019-10-30", "StartAction": "a", "Actions": [7, {"Identifier": "a"}]}
    )
    graph = build_graph(content)
    assert [n.lines[0] for n in graph.nodes] == [
        "Entry",
        "(not an action)",
        "(no Type)",
        "Whole flow",
    ]
    assert graph.nodes[1].level == "refusal"


@pytest.mark.parametrize(
    ("kind", "params", "shown"),
    [
        ("UpdateContactTargetQueue", {"QueueId": QUEUE}, "queue/q-1"),
        ("UpdateContactTargetQueue", {"AgentId": "$.Attributes.agent"}, "$.Attributes.agent"),
        ("CreateTask", {"Name": "Call back", "ContactFlowId": "f"}, "Call back"),
        ("MessageParticipant", {"SSML": "<speak>Hi</speak>"}, "<speak>Hi</speak>"),
        ("MessageParticipantIteratively", {"Messages": [{"Text": "Hold on"}]}, "Hold on"),
        (
            "InvokeLambdaFunction",
            {"LambdaFunctionARN": "arn:aws:lambda:r:1:function:f"},
            "function:f",
        ),
        ("UpdateContactAttributes", {"Attributes": {"a": "1", "b": "2"}}, "a, b"),
        ("Loop", {"LoopCount": 3}, "3"),
        ("MessageParticipant", {"Text": ""}, None),
        ("MessageParticipant", {"Text": True}, None),
        ("MessageParticipant", "not an object", None),
        ("DisconnectParticipant", {}, None),
        ("SomethingNew", {"Anything": "x"}, None),
    ],
)
def test_the_key_parameter_of_each_block(kind: str, params: Any, shown: str | None) -> None:
    assert key_parameter(kind, params) == shown


@given(st.text())
def test_labels_are_one_printable_line_no_longer_than_the_limit(text: str) -> None:
    line = plain(text)
    assert len(line) <= MAX_LINE
    assert line == line.strip()
    assert all(c.isprintable() for c in line)
    if len(" ".join(text.split())) <= MAX_LINE and text.isprintable():
        assert line == " ".join(text.split())


# --- Mermaid: whatever a label holds, it stays a label -----------------------------------------

_ENTITY = re.compile(r"#(quot|amp|lt|gt|[0-9]+);")


def _mermaid_decoded(text: str) -> str:
    """Mermaid's entity codes back to characters (an independent reading of mermaid_text)."""

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        return chr(int(code)) if code.isdigit() else html.unescape(f"&{code};")

    return _ENTITY.sub(one, text)


@given(st.text())
def test_mermaid_text_holds_no_syntax_and_reads_back(text: str) -> None:
    escaped = mermaid_text(text)
    assert not set(escaped) & set('"&<>`|')
    assert _mermaid_decoded(escaped) == text


NODE_LINE = re.compile(
    r'  ((?:a|m)[0-9]+|entry|flow)(\["|\(\["|\{\{"|\[/")([^"]*)("\]|"\]\)|"\}\}|"/\])'
)
EDGE_LINE = re.compile(r'  ((?:a|m)[0-9]+|entry) -->\|"([^"]*)"\| ((?:a|m)[0-9]+)')


def parse_mermaid(source: str) -> tuple[dict[str, tuple[str, ...]], Counter[tuple[str, str, str]]]:
    """Nodes (id -> label lines) and edges of our Mermaid, every other line a known statement."""
    lines = source.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, tuple[str, ...]] = {}
    edges: Counter[tuple[str, str, str]] = Counter()
    for line in lines[1:]:
        if node := NODE_LINE.fullmatch(line):
            nodes[node.group(1)] = tuple(_mermaid_decoded(p) for p in node.group(3).split("<br/>"))
        elif edge := EDGE_LINE.fullmatch(line):
            edges[(edge.group(1), edge.group(3), _mermaid_decoded(edge.group(2)))] += 1
        else:
            assert re.fullmatch(r"  (classDef|class) [^\"]+", line), line
    return nodes, edges


def _odd_flow(identifiers: list[str], text: str) -> dict[str, Any]:
    """A flow whose identifiers and prompt text are anything at all (refused or not)."""
    actions = [
        {
            "Identifier": ident,
            "Type": "MessageParticipant",
            "Parameters": {"Text": text},
            "Transitions": {"NextAction": identifiers[(i + 1) % len(identifiers)]},
        }
        for i, ident in enumerate(identifiers)
    ]
    return {"Version": "2019-10-30", "StartAction": identifiers[0], "Actions": actions}


@given(st.lists(st.text(min_size=1), min_size=1, max_size=5, unique=True), st.text())
def test_mermaid_of_any_flow_keeps_every_node_and_edge(identifiers: list[str], text: str) -> None:
    document = _odd_flow(identifiers, text)
    graph = build_graph(json.dumps(document))
    nodes, edges = parse_mermaid(graph_to_mermaid(graph))
    assert nodes == {node.id: node.lines for node in graph.nodes}
    assert edges == Counter((e.source, e.target, e.label) for e in graph.edges)
    assert graph_transitions(graph) == _normal(expected_transitions(document))


def test_to_mermaid_is_the_graphs_mermaid() -> None:
    content = task_routing_flow(queue_arn=QUEUE).to_json()
    assert to_mermaid(content) == graph_to_mermaid(build_graph(content))
    mutated = copy.deepcopy(json.loads(content))
    mutated["Actions"][2]["Transitions"]["Errors"].pop(0)  # drop QueueAtCapacity
    picture = to_mermaid(json.dumps(mutated))
    assert "⚠ unhandled-error" in picture
    assert "class a2 warning" in picture
