"""Flow Language validation on the JSON document itself, so foreign flows are judged the same.

Every problem names the action (its Identifier, or None for the whole flow) and a rule id from
:data:`RULES`. :func:`flow_problems` never raises, whatever it is given.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from connect_runtime.references import reference_value_problem
from connect_streaming.flows.model import (
    CREATION_REFERENCE_TYPES,
    FLOW_VERSION,
    MAX_DELAY_SECONDS,
    NO_MATCHING_CONDITION,
    NO_MATCHING_ERROR,
    QUEUE_AT_CAPACITY,
    TYPED_ACTIONS,
    Flow,
)
from connect_streaming.flows.serialize import flow_from_dict

RULES: Final[Mapping[str, str]] = {
    "invalid-json": "the content is not a JSON document",
    "invalid-structure": "the document or an action lacks a required field or has a wrong type",
    "unknown-start-action": "StartAction names no action",
    "duplicate-identifier": "two actions share an Identifier",
    "illegal-identifier": (
        "an Identifier is empty, longer than 50 characters, or has % : ( \\ / ) = $ , ; [ ] { }"
    ),
    "dangling-transition": "a transition targets an Identifier that does not exist",
    "unreachable-action": "an action cannot be reached from StartAction",
    "terminal-transitions": (
        "a terminal action (DisconnectParticipant, EndFlowExecution) has transitions"
    ),
    "missing-transition": "a non-terminal action has no NextAction",
    "unknown-error-type": "an error branch names an error the action never raises",
    "empty-parameter": "a parameter value is the empty string (the service refuses it)",
    "attachment-reference": "CreateTask sets an ATTACHMENT reference (not accepted at creation)",
    "illegal-reference-type": (
        "CreateTask sets a reference type outside URL, NUMBER, STRING, DATE, EMAIL"
    ),
    "reference-value": "a static reference value does not fit its type",
    "delay-and-scheduled-time": "CreateTask sets both DelaySeconds and ScheduledTime",
    "delay-range": "CreateTask DelaySeconds is not a whole number from 1 to 518400",
}
"""Every rule id :class:`FlowProblem` can carry, with what it means."""

MAX_IDENTIFIER_CHARS: Final = 50
ILLEGAL_IDENTIFIER_CHARS: Final = frozenset("%:(\\/)=$,;[]{}")
TERMINAL_TYPES: Final = frozenset(t for t, cls in TYPED_ACTIONS.items() if cls.TERMINAL)
ERROR_TYPES: Final[Mapping[str, frozenset[str]]] = {
    "UpdateContactTargetQueue": frozenset({NO_MATCHING_ERROR}),
    "TransferContactToQueue": frozenset({QUEUE_AT_CAPACITY, NO_MATCHING_ERROR}),
    "MessageParticipant": frozenset({NO_MATCHING_ERROR}),
    "UpdateContactAttributes": frozenset({NO_MATCHING_ERROR}),
    "Compare": frozenset({NO_MATCHING_CONDITION}),
    "CreateTask": frozenset({NO_MATCHING_ERROR}),
}


@dataclass(frozen=True)
class FlowProblem:
    """One broken rule: which action (None for the whole flow), the rule id, a sentence."""

    action: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = "flow" if self.action is None else f"action {self.action!r}"
        return f"{where}: {self.message} [{self.rule}]"


class FlowValidationError(ValueError):
    """A flow broke one or more rules; ``problems`` lists them all."""

    def __init__(self, problems: list[FlowProblem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"invalid flow, {len(self.problems)} problem(s):\n{lines}")


def _is_dynamic(value: object) -> bool:
    # Parameters may be JSONPath references resolved at run time (e.g. $.Attributes.caseUrl).
    return isinstance(value, str) and value.startswith("$.")


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside ``value`` with its path, walked without recursion."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, Mapping):
            stack.extend((v, f"{where}.{k}") for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(item))


class _Collector:
    def __init__(self) -> None:
        self.problems: list[FlowProblem] = []

    def add(self, action: str | None, rule: str, message: str) -> None:
        self.problems.append(FlowProblem(action, rule, message))


def _check_transitions(report: _Collector, ident: str, raw: Any) -> list[str] | None:
    """Check the shape of a Transitions object; return its targets, or None if malformed."""
    if not isinstance(raw, Mapping):
        report.add(ident, "invalid-structure", "Transitions must be an object")
        return None
    targets: list[str] = []
    ok = True
    if "NextAction" in raw:
        if isinstance(raw["NextAction"], str):
            targets.append(raw["NextAction"])
        else:
            report.add(ident, "invalid-structure", "Transitions.NextAction must be a string")
            ok = False
    for key, inner in (("Errors", "ErrorType"), ("Conditions", "Condition")):
        branches = raw.get(key, [])
        if not isinstance(branches, list):
            report.add(ident, "invalid-structure", f"Transitions.{key} must be a list")
            ok = False
            continue
        for index, branch in enumerate(branches):
            where = f"Transitions.{key}[{index}]"
            if not isinstance(branch, Mapping) or not isinstance(branch.get("NextAction"), str):
                report.add(ident, "invalid-structure", f"{where} needs a NextAction string")
                ok = False
                continue
            if key == "Errors" and not isinstance(branch.get(inner), str):
                report.add(ident, "invalid-structure", f"{where} needs an ErrorType string")
                ok = False
                continue
            if key == "Conditions" and not _is_condition(branch.get(inner)):
                report.add(
                    ident, "invalid-structure", f"{where} needs Condition.Operator and Operands"
                )
                ok = False
                continue
            targets.append(branch["NextAction"])
    return targets if ok else None


def _is_condition(raw: Any) -> bool:
    return (
        isinstance(raw, Mapping)
        and isinstance(raw.get("Operator"), str)
        and isinstance(raw.get("Operands"), list)
        and all(isinstance(o, str) for o in raw["Operands"])
    )


def _check_identifier(report: _Collector, ident: str) -> None:
    bad = sorted(set(ident) & ILLEGAL_IDENTIFIER_CHARS)
    if not ident or len(ident) > MAX_IDENTIFIER_CHARS or bad:
        detail = f"has {' '.join(bad)}" if bad else f"is {len(ident)} characters long"
        report.add(
            ident,
            "illegal-identifier",
            f"Identifier {detail}; use 1..{MAX_IDENTIFIER_CHARS} characters without"
            " % : ( \\ / ) = $ , ; [ ] { }",
        )


def _check_typed(
    report: _Collector, ident: str, kind: str, params: Mapping[str, Any], raw: Mapping[str, Any]
) -> None:
    if kind in TERMINAL_TYPES:
        if raw:
            report.add(
                ident, "terminal-transitions", f"{kind} ends the flow: its Transitions must be {{}}"
            )
        return
    if kind in ERROR_TYPES and "NextAction" not in raw:
        report.add(ident, "missing-transition", f"{kind} needs a Transitions.NextAction")
    allowed = ERROR_TYPES.get(kind)
    for branch in raw.get("Errors", []):
        if allowed is not None and branch["ErrorType"] not in allowed:
            report.add(
                ident,
                "unknown-error-type",
                f"{kind} raises only {', '.join(sorted(allowed))}, not {branch['ErrorType']!r}",
            )
    if kind == "UpdateContactTargetQueue" and not ("QueueId" in params) ^ ("AgentId" in params):
        report.add(
            ident, "invalid-structure", "UpdateContactTargetQueue needs QueueId or AgentId (one)"
        )
    if kind == "CreateTask":
        _check_create_task(report, ident, params)


def _check_create_task(report: _Collector, ident: str, params: Mapping[str, Any]) -> None:
    for required in ("ContactFlowId", "Name"):
        if not isinstance(params.get(required), str):
            report.add(ident, "invalid-structure", f"CreateTask needs a {required} string")
    if "DelaySeconds" in params and "ScheduledTime" in params:
        report.add(ident, "delay-and-scheduled-time", "set DelaySeconds or ScheduledTime, not both")
    if "DelaySeconds" in params:
        delay = params["DelaySeconds"]
        if (
            isinstance(delay, bool)
            or not isinstance(delay, int)
            or not 1 <= delay <= MAX_DELAY_SECONDS
        ):
            report.add(
                ident,
                "delay-range",
                f"DelaySeconds must be a whole number from 1 to {MAX_DELAY_SECONDS}, got {delay!r}",
            )
    for key in ("Attributes", "References"):
        if key in params and not isinstance(params[key], Mapping):
            report.add(ident, "invalid-structure", f"CreateTask {key} must be an object")
    references = params.get("References")
    if not isinstance(references, Mapping):
        return
    for name, ref in references.items():
        if (
            not isinstance(ref, Mapping)
            or not isinstance(ref.get("Type"), str)
            or not isinstance(ref.get("Value"), str)
        ):
            report.add(
                ident, "invalid-structure", f"reference {name!r} needs Type and Value strings"
            )
            continue
        kind, value = ref["Type"], ref["Value"]
        if kind == "ATTACHMENT":
            report.add(
                ident,
                "attachment-reference",
                f"reference {name!r} is ATTACHMENT, which a task cannot carry at creation",
            )
        elif kind not in CREATION_REFERENCE_TYPES:
            report.add(
                ident,
                "illegal-reference-type",
                f"reference {name!r} has Type {kind!r}; use {', '.join(CREATION_REFERENCE_TYPES)}",
            )
        elif not _is_dynamic(value) and value:
            reason = reference_value_problem(kind, value)
            if reason is not None:
                report.add(ident, "reference-value", f"reference {name!r}: {reason}")


def validate_flow_dict(document: Any) -> list[FlowProblem]:
    """Every problem of a parsed Flow Language document; never raises."""
    report = _Collector()
    if not isinstance(document, Mapping):
        report.add(None, "invalid-structure", "a flow is a JSON object")
        return report.problems
    if document.get("Version") != FLOW_VERSION:
        report.add(None, "invalid-structure", f"Version must be {FLOW_VERSION!r}")
    start = document.get("StartAction")
    if not isinstance(start, str):
        report.add(None, "invalid-structure", "StartAction must be a string")
    actions = document.get("Actions")
    if not isinstance(actions, list):
        report.add(None, "invalid-structure", "Actions must be a list")
        return report.problems
    if "Metadata" in document and not isinstance(document["Metadata"], Mapping):
        report.add(None, "invalid-structure", "Metadata must be an object")

    edges: dict[str, list[str]] = {}
    seen: set[str] = set()
    for index, raw in enumerate(actions):
        if not isinstance(raw, Mapping) or not isinstance(raw.get("Identifier"), str):
            report.add(None, "invalid-structure", f"Actions[{index}] needs an Identifier string")
            continue
        ident = raw["Identifier"]
        if ident in seen:
            report.add(
                ident, "duplicate-identifier", f"Identifier {ident!r} is used more than once"
            )
        seen.add(ident)
        _check_identifier(report, ident)
        kind, params = raw.get("Type"), raw.get("Parameters")
        if not isinstance(kind, str) or not kind:
            report.add(ident, "invalid-structure", "Type must be a non-empty string")
        if not isinstance(params, Mapping):
            report.add(ident, "invalid-structure", "Parameters must be an object")
        targets = _check_transitions(report, ident, raw.get("Transitions"))
        edges.setdefault(ident, []).extend(targets or [])
        if isinstance(params, Mapping):
            for where, value in _strings(params, "Parameters"):
                if value == "":
                    report.add(ident, "empty-parameter", f"{where} is an empty string")
        if isinstance(kind, str) and isinstance(params, Mapping) and targets is not None:
            _check_typed(report, ident, kind, params, raw["Transitions"])

    for ident, targets in edges.items():
        for target in targets:
            if target not in seen:
                report.add(
                    ident, "dangling-transition", f"transition to {target!r}, which does not exist"
                )
    if isinstance(start, str):
        if start not in seen:
            report.add(None, "unknown-start-action", f"StartAction {start!r} names no action")
        else:
            reached = _reachable(start, edges)
            for ident in edges:
                if ident not in reached:
                    report.add(ident, "unreachable-action", "no path from StartAction reaches it")
    return report.problems


def _reachable(start: str, edges: Mapping[str, list[str]]) -> set[str]:
    reached, queue = {start}, deque([start])
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in reached and target in edges:
                reached.add(target)
                queue.append(target)
    return reached


def flow_problems(content: object) -> list[FlowProblem]:
    """Parse ``content`` as Flow Language JSON and list every broken rule; never raises.

    Example:
        >>> empty = '{"Version": "2019-10-30", "StartAction": "x", "Actions": []}'
        >>> [p.rule for p in flow_problems(empty)]
        ['unknown-start-action']
        >>> flow_problems("not json")[0].rule
        'invalid-json'
    """
    if not isinstance(content, str | bytes | bytearray):
        return [
            FlowProblem(
                None, "invalid-json", f"flow content must be text, not {type(content).__name__}"
            )
        ]
    try:
        document = json.loads(content)
    except (ValueError, RecursionError) as error:
        return [FlowProblem(None, "invalid-json", f"not JSON: {str(error)[:120]}")]
    try:
        return validate_flow_dict(document)
    except RecursionError:  # pragma: no cover - validation walks iteratively
        return [FlowProblem(None, "invalid-structure", "the document nests too deeply")]


def parse_flow(content: str) -> Flow:
    """Parse and validate Flow Language JSON into a :class:`~connect_streaming.flows.model.Flow`.

    Raises :class:`FlowValidationError` (a ValueError) naming every problem.
    """
    problems = flow_problems(content)
    if problems:
        raise FlowValidationError(problems)
    return flow_from_dict(json.loads(content))
