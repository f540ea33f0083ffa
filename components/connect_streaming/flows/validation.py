"""Flow Language validation on the JSON document itself, so foreign flows are judged the same.

Every problem names the action (its Identifier, or None for the whole flow) and a rule id from
:data:`RULES`. :func:`flow_problems` never raises, whatever it is given. The document-wide rules
(structure, size, identifiers, the transition graph) live here; each action's own reference page
is applied by :mod:`connect_streaming.flows.rules`.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator, Mapping
from typing import Any

from connect_streaming.flows.hazards import check_hazards
from connect_streaming.flows.problems import RULES, FlowProblem, FlowValidationError, ProblemLog
from connect_streaming.flows.reference import (
    ACTIONS,
    CONTACT_FLOW,
    FLOW_VERSION,
    ILLEGAL_IDENTIFIER_CHARS,
    MAX_ACTIONS,
    MAX_CONTENT_CHARS,
    MAX_IDENTIFIER_CHARS,
    RESERVED_IDENTIFIERS,
    flow_types,
)
from connect_streaming.flows.rules import check_action, check_conditions

__all__ = [
    "RULES",
    "FlowProblem",
    "FlowValidationError",
    "content_problems",
    "flow_problems",
    "validate_flow_dict",
]


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


def _check_branch(report: ProblemLog, ident: str, key: str, index: int, branch: Any) -> bool:
    where = f"Transitions.{key}[{index}]"
    if not isinstance(branch, Mapping) or not isinstance(branch.get("NextAction"), str):
        report.add(ident, "invalid-structure", f"{where} needs a NextAction string")
        return False
    if key == "Errors" and not isinstance(branch.get("ErrorType"), str):
        report.add(ident, "invalid-structure", f"{where} needs an ErrorType string")
        return False
    if key == "Conditions" and not _is_condition(branch.get("Condition")):
        report.add(ident, "invalid-structure", f"{where} needs Condition.Operator and Operands")
        return False
    return True


def _check_transitions(report: ProblemLog, ident: str, raw: Any) -> list[str] | None:
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
    for key in ("Errors", "Conditions"):
        branches = raw.get(key, [])
        if not isinstance(branches, list):
            report.add(ident, "invalid-structure", f"Transitions.{key} must be a list")
            ok = False
            continue
        for index, branch in enumerate(branches):
            if _check_branch(report, ident, key, index, branch):
                targets.append(branch["NextAction"])
            else:
                ok = False
    return targets if ok else None


def _is_condition(raw: Any) -> bool:
    return (
        isinstance(raw, Mapping)
        and isinstance(raw.get("Operator"), str)
        and isinstance(raw.get("Operands"), list)
        and all(isinstance(o, str) for o in raw["Operands"])
    )


def _check_identifier(report: ProblemLog, ident: str) -> None:
    bad = sorted(set(ident) & ILLEGAL_IDENTIFIER_CHARS)
    if ident in RESERVED_IDENTIFIERS:
        report.add(ident, "illegal-identifier", f"Identifier {ident!r} is a reserved name")
    elif not ident or len(ident) > MAX_IDENTIFIER_CHARS or bad:
        detail = f"has {' '.join(bad)}" if bad else f"is {len(ident)} characters long"
        report.add(
            ident,
            "illegal-identifier",
            f"Identifier {detail}; use 1..{MAX_IDENTIFIER_CHARS} characters without"
            " % : ( \\ / ) = $ , ; [ ] { }",
        )


def _parameters(report: ProblemLog, ident: str, kind: Any, raw: Mapping[str, Any]) -> Any:
    """The Parameters object; a missing one reads as ``{}`` for actions that take none."""
    if "Parameters" not in raw:
        spec = ACTIONS.get(kind) if isinstance(kind, str) else None
        if spec is not None and not spec.parameters:
            return {}  # 'No parameters are expected': AWS's own exports leave the key out
        report.add(ident, "invalid-structure", "Parameters must be an object")
        return None
    params = raw["Parameters"]
    if not isinstance(params, Mapping):
        report.add(ident, "invalid-structure", "Parameters must be an object")
        return None
    if (
        isinstance(kind, str) and kind in ACTIONS
    ):  # only modelled actions: AWS exports carry "" in e.g. ShowView data
        for where, value in _strings(params, "Parameters"):
            if value == "":
                report.add(ident, "empty-parameter", f"{where} is an empty string")
    return params


def _check_one(report: ProblemLog, raw: Mapping[str, Any], flow_type: str) -> list[str]:
    """Check one action with an Identifier; return its transition targets."""
    ident = raw["Identifier"]
    _check_identifier(report, ident)
    kind = raw.get("Type")
    if not isinstance(kind, str) or not kind:
        report.add(ident, "invalid-structure", "Type must be a non-empty string")
    params = _parameters(report, ident, kind, raw)
    targets = _check_transitions(report, ident, raw.get("Transitions"))
    if targets is None:
        return []
    check_conditions(report, ident, raw["Transitions"])
    if isinstance(kind, str) and params is not None:
        check_action(report, ident, kind, params, raw["Transitions"], flow_type)
    return targets


def _check_header(report: ProblemLog, document: Mapping[str, Any], flow_type: str) -> None:
    if not isinstance(flow_type, str) or flow_type not in flow_types():
        report.add(
            None,
            "unknown-flow-type",
            f"flow type {flow_type!r} is not one of {', '.join(sorted(flow_types()))}",
        )
    if document.get("Version") != FLOW_VERSION:
        report.add(None, "invalid-structure", f"Version must be {FLOW_VERSION!r}")
    if not isinstance(document.get("StartAction"), str):
        report.add(None, "invalid-structure", "StartAction must be a string")
    if "Metadata" in document and not isinstance(document["Metadata"], Mapping):
        report.add(None, "invalid-structure", "Metadata must be an object")


def _check_graph(report: ProblemLog, start: Any, edges: Mapping[str, list[str]]) -> None:
    for ident, targets in edges.items():
        for target in targets:
            if target not in edges:
                report.add(
                    ident, "dangling-transition", f"transition to {target!r}, which does not exist"
                )
    if not isinstance(start, str):
        return
    if start not in edges:
        report.add(None, "unknown-start-action", f"StartAction {start!r} names no action")
        return
    reached = _reachable(start, edges)
    for ident in edges:
        if ident not in reached:
            report.add(ident, "unreachable-action", "no path from StartAction reaches it")


def validate_flow_dict(
    document: Any, *, flow_type: str = CONTACT_FLOW, warnings: bool = False
) -> list[FlowProblem]:
    """Every problem of a parsed Flow Language document meant for ``flow_type``; never raises.

    Refusals only, unless ``warnings`` asks for the second level too (then refusals and
    warnings come in the order found, each with its ``level``).
    """
    report = ProblemLog()
    _check_document(report, document, flow_type)
    if not warnings:
        return report.refusals()
    if isinstance(document, Mapping):
        check_hazards(report, document)
    return report.problems


def _check_document(report: ProblemLog, document: Any, flow_type: str) -> None:
    if not isinstance(document, Mapping):
        report.add(None, "invalid-structure", "a flow is a JSON object")
        return
    _check_header(report, document, flow_type)
    actions = document.get("Actions")
    if not isinstance(actions, list):
        report.add(None, "invalid-structure", "Actions must be a list")
        return
    if len(actions) > MAX_ACTIONS:
        report.add(
            None, "too-many-actions", f"{len(actions)} actions; a flow may have {MAX_ACTIONS}"
        )
    edges: dict[str, list[str]] = {}
    for index, raw in enumerate(actions):
        if not isinstance(raw, Mapping) or not isinstance(raw.get("Identifier"), str):
            report.add(None, "invalid-structure", f"Actions[{index}] needs an Identifier string")
            continue
        ident = raw["Identifier"]
        if ident in edges:
            report.add(
                ident, "duplicate-identifier", f"Identifier {ident!r} is used more than once"
            )
        edges.setdefault(ident, []).extend(_check_one(report, raw, flow_type))
    _check_graph(report, document.get("StartAction"), edges)


def _reachable(start: str, edges: Mapping[str, list[str]]) -> set[str]:
    reached, queue = {start}, deque([start])
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in reached and target in edges:
                reached.add(target)
                queue.append(target)
    return reached


def content_problems(content: str | bytes | bytearray) -> list[FlowProblem]:
    """The size rule on the flow text itself (the API's Content length)."""
    size = len(content)
    if size > MAX_CONTENT_CHARS:
        return [
            FlowProblem(
                None,
                "content-too-large",
                f"content is {size} characters; the API takes at most {MAX_CONTENT_CHARS}",
            )
        ]
    return []


def flow_problems(
    content: object, *, flow_type: str = CONTACT_FLOW, warnings: bool = False
) -> list[FlowProblem]:
    """Parse ``content`` as Flow Language JSON and list every broken rule; never raises.

    ``flow_type`` is the ContactFlow ``Type`` the content is for (default CONTACT_FLOW).
    Refusals only, unless ``warnings=True`` adds the second level (``FlowProblem.level``
    "warning": rules in ``problems.WARNINGS``); what passes without it never fails with it.

    Example:
        >>> empty = '{"Version": "2019-10-30", "StartAction": "x", "Actions": []}'
        >>> [p.rule for p in flow_problems(empty)]
        ['unknown-start-action']
        >>> flow_problems("not json")[0].rule
        'invalid-json'
        >>> hello = ('{"Version": "2019-10-30", "StartAction": "hi", "Actions": ['
        ...     '{"Identifier": "hi", "Type": "MessageParticipant", "Parameters": {"Text": "Hi",'
        ...     ' "SkipWhenDTMFBufferEnabled": "false"}, "Transitions": {"NextAction": "bye",'
        ...     ' "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},'
        ...     '{"Identifier": "bye", "Type": "DisconnectParticipant", "Transitions": {}}]}')
        >>> flow_problems(hello)
        []
        >>> [(p.rule, p.level) for p in flow_problems(hello, warnings=True)]
        [('unlisted-parameter', 'warning'), ('disconnect-without-trace', 'warning')]
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
        return content_problems(content) + validate_flow_dict(
            document, flow_type=flow_type, warnings=warnings
        )
    except RecursionError:  # pragma: no cover - validation walks iteratively
        return [FlowProblem(None, "invalid-structure", "the document nests too deeply")]
