"""A flow as a graph to draw: one node per action (its console block name and key parameter,
its refusals and warnings), one edge per transition. Pure: the renderers turn it into text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from connect_streaming.errors import ConnectStreamingError
from connect_streaming.flows.problems import FlowProblem
from connect_streaming.flows.reference import BLOCK_NAMES, CONTACT_FLOW
from connect_streaming.flows.validation import flow_problems

MAX_LINE: Final = 48
"""Label lines longer than this are cut (with an ellipsis) so a node stays readable."""
REFUSED: Final = "⛔"
WARNED: Final = "⚠"
NodeKind = Literal["action", "entry", "missing", "flow"]
Level = Literal["refusal", "warning"]
_UUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# What to show under the block name, per action type: paths into its Parameters, first found.
_KEY_PARAMETERS: Final[Mapping[str, tuple[tuple[str, ...], ...]]] = {
    "UpdateContactTargetQueue": (("QueueId",), ("AgentId",)),
    "CreateTask": (("Name",), ("TaskTemplateId",)),
    "MessageParticipant": (("Text",), ("SSML",), ("PromptId",), ("Media", "Uri")),
    "GetParticipantInput": (("Text",), ("SSML",), ("PromptId",)),
    "ConnectParticipantWithLexBot": (("Text",), ("LexV2Bot", "AliasArn"), ("LexBot", "Name")),
    "MessageParticipantIteratively": (("Messages", "0", "Text"), ("Messages", "0", "SSML")),
    "Compare": (("ComparisonValue",),),
    "InvokeLambdaFunction": (("LambdaFunctionARN",),),
    "TransferToFlow": (("ContactFlowId",),),
    "InvokeFlowModule": (("FlowModuleId",),),
    "UpdateFlowLoggingBehavior": (("FlowLoggingBehavior",),),
    "TransferParticipantToThirdParty": (("ThirdPartyPhoneNumber",),),
    "CheckHoursOfOperation": (("HoursOfOperationId",),),
    "UpdateContactTextToSpeechVoice": (("TextToSpeechVoice",),),
    "Loop": (("LoopCount",),),
    "Wait": (("TimeoutSeconds",),),
    "DistributeByPercentage": (),
}


class FlowRenderError(ConnectStreamingError):
    """The content cannot be drawn (not JSON, or no list of Actions); the message says why."""


@dataclass(frozen=True)
class Node:
    """One box: ``id`` is safe in any syntax (``a0``, ``m0``, ``entry``, ``flow``)."""

    id: str
    kind: NodeKind
    lines: tuple[str, ...]
    identifier: str | None = None
    """The action's Identifier (for a missing target: the name it was called by)."""
    level: Level | None = None
    """The worst finding on it: a refusal outranks a warning."""


@dataclass(frozen=True)
class Edge:
    """One transition: from node ``source`` to node ``target``, labelled as the flow says."""

    source: str
    target: str
    label: str


@dataclass(frozen=True)
class FlowGraph:
    """Every action a node, every transition an edge, plus an entry node and, where needed,
    nodes for missing targets and for findings about the whole flow."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    start: str | None = None
    problems: tuple[FlowProblem, ...] = field(default=())

    def node(self, node_id: str) -> Node:
        """The node with ``node_id`` (KeyError naming it otherwise)."""
        for candidate in self.nodes:
            if candidate.id == node_id:
                return candidate
        raise KeyError(f"no node {node_id!r}")


def plain(text: str, limit: int = MAX_LINE) -> str:
    """``text`` as one printable line: what Python does not print (controls, separators but
    the space, surrogates, unassigned code points) becomes a space, runs of spaces one, and a
    line over ``limit`` characters is cut with an ellipsis.

    Example:
        >>> plain("Hello\\n  there\\u2028you")
        'Hello there you'
        >>> plain("x" * 60, 10)
        'xxxxxxxxx…'
    """
    kept = "".join(c if c.isprintable() else " " for c in text)
    line = " ".join(kept.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _pick(params: Any, path: tuple[str, ...]) -> Any:
    value = params
    for step in path:
        if isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        elif isinstance(value, Mapping) and step in value:
            value = value[step]
        else:
            return None
    return value


def short_arn(text: str) -> str:
    """An ARN's resource part, the part that differs between blocks (anything else unchanged).

    Example:
        >>> short_arn("arn:aws:connect:us-east-1:1:instance/i/queue/q1")
        'queue/q1'
        >>> short_arn("arn:aws:lambda:us-west-2:1:function:lookup")
        'function:lookup'
    """
    parts = text.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return text
    resource = parts[5]
    return "/".join(resource.split("/")[-2:]) if "/" in resource else resource


def key_parameter(kind: str, params: Any) -> str | None:
    """The parameter the console shows on a block of ``kind`` (the queue, the task's name, the
    prompt text...), shortened; None when there is none to show.

    Example:
        >>> key_parameter("UpdateContactTargetQueue",
        ...     {"QueueId": "arn:aws:connect:us-east-1:1:instance/i/queue/q1"})
        'queue/q1'
        >>> key_parameter("UpdateContactAttributes", {"Attributes": {"tier": "gold"}})
        'tier'
    """
    if kind in {"UpdateContactAttributes", "UpdateContactEventHooks"} and isinstance(
        params, Mapping
    ):
        found = params.get("Attributes", params.get("EventHooks"))
        return plain(", ".join(str(k) for k in found)) if isinstance(found, Mapping) else None
    for path in _KEY_PARAMETERS.get(kind, ()):
        value = _pick(params, path)
        if isinstance(value, str | int | float) and not isinstance(value, bool) and value != "":
            return plain(short_arn(str(value)))
    return None


def _findings(
    problems: list[FlowProblem], identifier: str | None
) -> tuple[tuple[str, ...], Level | None]:
    mine = [p for p in problems if p.action == identifier]
    lines = tuple(
        dict.fromkeys(f"{REFUSED if p.level == 'refusal' else WARNED} {p.rule}" for p in mine)
    )
    levels = {p.level for p in mine}
    level: Level | None = "refusal" if "refusal" in levels else ("warning" if levels else None)
    return lines, level


def _action_lines(raw: Mapping[str, Any]) -> tuple[str, ...]:
    kind = raw.get("Type")
    name = BLOCK_NAMES.get(kind, kind) if isinstance(kind, str) and kind else "(no Type)"
    lines = [plain(str(name))]
    detail = key_parameter(kind, raw.get("Parameters")) if isinstance(kind, str) else None
    if detail:
        lines.append(detail)
    ident = raw.get("Identifier")
    if isinstance(ident, str) and ident and not _UUID.fullmatch(ident):
        lines.append(plain(f"id: {ident}"))  # friendly names help; a UUID says nothing
    return tuple(lines)


def _transitions(raw: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(label, target) for each transition of one action, in the document's order."""
    transitions = raw.get("Transitions")
    if not isinstance(transitions, Mapping):
        return
    if isinstance(transitions.get("NextAction"), str):
        yield "next", transitions["NextAction"]
    for key in ("Errors", "Conditions"):
        branches = transitions.get(key)
        for branch in branches if isinstance(branches, list) else ():
            if isinstance(branch, Mapping) and isinstance(branch.get("NextAction"), str):
                yield _branch_label(key, branch), branch["NextAction"]


def _branch_label(key: str, branch: Mapping[str, Any]) -> str:
    if key == "Errors":
        error = branch.get("ErrorType")
        return plain(error) if isinstance(error, str) and error.strip() else "error"
    condition = branch.get("Condition")
    if not isinstance(condition, Mapping):
        return "condition"
    operands = condition.get("Operands")
    shown = ", ".join(str(o) for o in operands) if isinstance(operands, list) else ""
    return plain(f"{condition.get('Operator', '?')} {shown}".strip()) or "condition"


def _document(content: str) -> Mapping[str, Any]:
    try:
        document = json.loads(content)
    except (ValueError, RecursionError) as error:
        raise FlowRenderError(f"the flow is not JSON: {str(error)[:120]}") from None
    if not isinstance(document, Mapping) or not isinstance(document.get("Actions"), list):
        raise FlowRenderError("a flow is a JSON object with an Actions list")
    return document


class _Builder:
    """Collects nodes and edges; targets that name no action get one 'missing' node each."""

    def __init__(self, problems: list[FlowProblem]) -> None:
        self.problems = problems
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.by_identifier: dict[str, str] = {}
        self.missing: dict[str, str] = {}

    def action(self, index: int, raw: Any) -> None:
        ident = raw.get("Identifier") if isinstance(raw, Mapping) else None
        ident = ident if isinstance(ident, str) else None
        lines = _action_lines(raw) if isinstance(raw, Mapping) else ("(not an action)",)
        marks, level = _findings(self.problems, ident) if ident is not None else ((), "refusal")
        node = Node(f"a{index}", "action", lines + marks, ident, level)
        self.nodes.append(node)
        if ident is not None:
            self.by_identifier.setdefault(ident, node.id)  # a duplicate: the first one is meant

    def target(self, identifier: str) -> str:
        if identifier in self.by_identifier:
            return self.by_identifier[identifier]
        if identifier not in self.missing:
            node_id = f"m{len(self.missing)}"
            self.missing[identifier] = node_id
            lines = ("(no such action)", plain(identifier), f"{REFUSED} dangling-transition")
            self.nodes.append(Node(node_id, "missing", lines, identifier, "refusal"))
        return self.missing[identifier]

    def flow_findings(self) -> None:
        known = set(self.by_identifier)
        loose = [p for p in self.problems if p.action is None or p.action not in known]
        if loose:
            lines = tuple(
                dict.fromkeys(
                    f"{REFUSED if p.level == 'refusal' else WARNED} {p.rule}" for p in loose
                )
            )
            level: Level = "refusal" if any(p.level == "refusal" for p in loose) else "warning"
            self.nodes.append(Node("flow", "flow", ("Whole flow", *lines), None, level))


def build_graph(content: str, *, flow_type: str = CONTACT_FLOW) -> FlowGraph:
    """The graph of Flow Language ``content`` judged for ``flow_type`` (refusals and warnings
    marked on their action); FlowRenderError when it has no Actions list to draw.

    Example:
        >>> content = json.dumps({"Version": "2019-10-30", "StartAction": "bye",
        ...     "Actions": [{"Identifier": "bye", "Type": "DisconnectParticipant",
        ...                  "Parameters": {}, "Transitions": {}}]})
        >>> graph = build_graph(content)
        >>> [(n.id, n.lines) for n in graph.nodes]
        [('entry', ('Entry',)), ('a0', ('Disconnect / hang up', 'id: bye'))]
        >>> graph.edges
        (Edge(source='entry', target='a0', label='start'),)
    """
    document = _document(content)
    problems = flow_problems(content, flow_type=flow_type, warnings=True)
    builder = _Builder(problems)
    builder.nodes.append(Node("entry", "entry", ("Entry",)))
    actions = document["Actions"]
    for index, raw in enumerate(actions):
        builder.action(index, raw)
    start = document.get("StartAction")
    if isinstance(start, str):
        builder.edges.append(Edge("entry", builder.target(start), "start"))
    for index, raw in enumerate(actions):
        if isinstance(raw, Mapping):
            for label, target in _transitions(raw):
                builder.edges.append(Edge(f"a{index}", builder.target(target), label))
    builder.flow_findings()
    return FlowGraph(
        tuple(builder.nodes),
        tuple(builder.edges),
        start if isinstance(start, str) else None,
        tuple(problems),
    )
