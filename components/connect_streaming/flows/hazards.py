"""Warnings over a whole flow the service accepts: ``unhandled-error`` (no branch for an error
the action's page documents) and ``disconnect-without-trace`` (an error branch straight to a
disconnect with flow logging off)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from typing import Any, Final

from connect_streaming.flows.problems import ProblemLog
from connect_streaming.flows.reference import (
    DOCUMENTED_ERRORS,
    LOGGING_ACTION,
    LOGGING_PARAMETER,
    NO_MATCHING_CONDITION,
    QUEUE_AT_CAPACITY,
)

DISCONNECT: Final = "DisconnectParticipant"
_WHY: Final[Mapping[str, str]] = {
    QUEUE_AT_CAPACITY: (
        "when the queue is full the contact is dropped (a task is lost: nothing retries it)"
    ),
}


def _actions(document: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every action with an Identifier and an object of Transitions (others are refused)."""
    actions = document.get("Actions")
    for raw in actions if isinstance(actions, list) else ():
        if (
            isinstance(raw, Mapping)
            and isinstance(raw.get("Identifier"), str)
            and isinstance(raw.get("Transitions"), Mapping)
        ):
            yield raw["Identifier"], raw


def _branches(transitions: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    found = transitions.get(key)
    return [b for b in found if isinstance(b, Mapping)] if isinstance(found, list) else []


def _targets(transitions: Mapping[str, Any]) -> list[str]:
    branches = [
        transitions,
        *_branches(transitions, "Errors"),
        *_branches(transitions, "Conditions"),
    ]
    return [b["NextAction"] for b in branches if isinstance(b.get("NextAction"), str)]


def check_unhandled_errors(report: ProblemLog, document: Mapping[str, Any]) -> None:
    """Warn of each documented error an action has no Errors branch for."""
    for ident, raw in _actions(document):
        kind = raw.get("Type")
        if not isinstance(kind, str) or kind not in DOCUMENTED_ERRORS:
            continue
        page, errors = DOCUMENTED_ERRORS[kind]
        handled = {b.get("ErrorType") for b in _branches(raw["Transitions"], "Errors")}
        for error in sorted(errors - handled):
            why = _WHY.get(error, "when it happens the flow has no branch to take")
            report.add(
                ident,
                "unhandled-error",
                f"{kind} has no Errors branch for {error}, which its reference documents:"
                f" {why} ({page})",
            )


def _logging_after(raw: Mapping[str, Any], logged: bool) -> bool:
    """Whether flow logging is on once ``raw`` has run, given whether it was on before."""
    params = raw.get("Parameters")
    if raw.get("Type") != LOGGING_ACTION or not isinstance(params, Mapping):
        return logged
    behavior = params.get(LOGGING_PARAMETER)
    return logged if behavior not in ("Enabled", "Disabled") else behavior == "Enabled"


def reached_unlogged(start: Any, by_id: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """The actions some path from ``start`` reaches with flow logging off.

    The flow's own UpdateFlowLoggingBehavior actions turn it on and off along each path (the
    reference: the behavior 'remains unless it is overridden for the rest of the segment').
    """
    if not isinstance(start, str) or start not in by_id:
        return set()
    seen, queue = {(start, False)}, deque([(start, False)])
    while queue:
        ident, logged = queue.popleft()
        after = _logging_after(by_id[ident], logged)
        for target in _targets(by_id[ident]["Transitions"]):
            if target in by_id and (target, after) not in seen:
                seen.add((target, after))
                queue.append((target, after))
    return {ident for ident, logged in seen if not logged}


def check_untraced_disconnects(report: ProblemLog, document: Mapping[str, Any]) -> None:
    """Warn of each error branch that goes straight to a disconnect with flow logging off.

    NoMatchingCondition is left out: it is the 'no match' route of a condition, not a failure.
    """
    by_id: dict[str, Mapping[str, Any]] = {}
    for ident, raw in _actions(document):
        by_id.setdefault(ident, raw)
    disconnects = {ident for ident, raw in by_id.items() if raw.get("Type") == DISCONNECT}
    order = {ident: index for index, ident in enumerate(by_id)}  # findings read top to bottom
    for ident in sorted(
        reached_unlogged(document.get("StartAction"), by_id), key=order.__getitem__
    ):
        for branch in _branches(by_id[ident]["Transitions"], "Errors"):
            error, target = branch.get("ErrorType"), branch.get("NextAction")
            if target in disconnects and error != NO_MATCHING_CONDITION:
                report.add(
                    ident,
                    "disconnect-without-trace",
                    f"the {error} branch goes straight to {target!r} ({DISCONNECT}) with flow"
                    " logging off: the contact ends with no record of why; enable logging"
                    f" earlier ({LOGGING_ACTION}) or set an attribute on the way",
                )


def check_hazards(report: ProblemLog, document: Mapping[str, Any]) -> None:
    """Every warning of this module for a parsed flow document."""
    check_unhandled_errors(report, document)
    check_untraced_disconnects(report, document)
