"""Flow Language JSON in and out for actions: deterministic dumps, a parser into typed actions.

The whole-flow functions (``flow_to_dict``, ``flow_from_dict``) live with
:class:`~connect_streaming.flows.flow.Flow` in ``flow.py``; this module knows actions only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from connect_streaming.flows import model
from connect_streaming.flows.reference import (
    NO_MATCHING_CONDITION,
    NO_MATCHING_ERROR,
    QUEUE_AT_CAPACITY,
)


def transitions_to_dict(transitions: model.Transitions) -> dict[str, Any]:
    """The ``Transitions`` object; ``{}`` for a terminal action."""
    result: dict[str, Any] = {}
    if transitions.next_action is not None:
        result["NextAction"] = transitions.next_action
    if transitions.errors:
        result["Errors"] = [
            {"NextAction": e.next_action, "ErrorType": e.error_type} for e in transitions.errors
        ]
    if transitions.conditions:
        result["Conditions"] = [
            {
                "NextAction": c.next_action,
                "Condition": {"Operator": c.operator, "Operands": list(c.operands)},
            }
            for c in transitions.conditions
        ]
    return result


def action_to_dict(action: model.Action) -> dict[str, Any]:
    """One action as a Flow Language object."""
    transitions = (
        dict(action.transitions_object)
        if isinstance(action, model.GenericAction) and action.transitions_object is not None
        else transitions_to_dict(action.transitions())
    )
    document: dict[str, Any] = {"Identifier": action.identifier, "Type": action.type}
    if not (isinstance(action, model.GenericAction) and action.raw_parameters is None):
        document["Parameters"] = action.parameters()
    document["Transitions"] = transitions
    return document


def dumps(document: Mapping[str, Any]) -> str:
    """Deterministic JSON: sorted keys, fixed separators, UTF-8 kept as is."""
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False)


def transitions_from_dict(raw: Mapping[str, Any]) -> model.Transitions:
    """Parse a ``Transitions`` object (shape already checked by validation)."""
    return model.Transitions(
        raw.get("NextAction"),
        tuple(model.ErrorBranch(e["ErrorType"], e["NextAction"]) for e in raw.get("Errors", ())),
        tuple(
            model.ConditionBranch(
                c["NextAction"], c["Condition"]["Operator"], tuple(c["Condition"]["Operands"])
            )
            for c in raw.get("Conditions", ())
        ),
    )


def _error_target(transitions: model.Transitions, error_type: str) -> str:
    return next(e.next_action for e in transitions.errors if e.error_type == error_type)


def _references(raw: Mapping[str, Any]) -> dict[str, model.FlowReference]:
    return {name: model.FlowReference(ref["Type"], ref["Value"]) for name, ref in raw.items()}


_PARSERS: dict[str, Callable[[str, Mapping[str, Any], model.Transitions], model.Action]] = {
    model.UpdateContactTargetQueue.TYPE: lambda ident, p, t: model.UpdateContactTargetQueue(
        identifier=ident,
        queue_id=p["QueueId"],
        next_action=t.next_action,  # type: ignore[arg-type]  # checked by the round trip
        on_error=_error_target(t, NO_MATCHING_ERROR),
    ),
    model.TransferContactToQueue.TYPE: lambda ident, p, t: model.TransferContactToQueue(
        identifier=ident,
        next_action=t.next_action,  # type: ignore[arg-type]
        on_queue_at_capacity=_error_target(t, QUEUE_AT_CAPACITY),
        on_error=_error_target(t, NO_MATCHING_ERROR),
    ),
    model.DisconnectParticipant.TYPE: lambda ident, p, t: model.DisconnectParticipant(
        identifier=ident
    ),
    model.EndFlowExecution.TYPE: lambda ident, p, t: model.EndFlowExecution(identifier=ident),
    model.MessageParticipant.TYPE: lambda ident, p, t: model.MessageParticipant(
        identifier=ident,
        text=p["Text"],
        next_action=t.next_action,  # type: ignore[arg-type]
        on_error=_error_target(t, NO_MATCHING_ERROR),
    ),
    model.UpdateContactAttributes.TYPE: lambda ident, p, t: model.UpdateContactAttributes(
        identifier=ident,
        attributes=dict(p["Attributes"]),
        next_action=t.next_action,  # type: ignore[arg-type]
        on_error=_error_target(t, NO_MATCHING_ERROR),
    ),
    model.Compare.TYPE: lambda ident, p, t: model.Compare(
        identifier=ident,
        comparison_value=p["ComparisonValue"],
        conditions=t.conditions,
        on_no_match=_error_target(t, NO_MATCHING_CONDITION),
    ),
    model.CreateTask.TYPE: lambda ident, p, t: model.CreateTask(
        identifier=ident,
        contact_flow_id=p["ContactFlowId"],
        name=p["Name"],
        description=p.get("Description"),
        attributes=dict(p.get("Attributes", {})),
        references=_references(p.get("References", {})),
        delay_seconds=p.get("DelaySeconds"),
        scheduled_time=p.get("ScheduledTime"),
        task_template_id=p.get("TaskTemplateId"),
        next_action=t.next_action,  # type: ignore[arg-type]
        on_error=_error_target(t, NO_MATCHING_ERROR),
    ),
    model.UpdateFlowLoggingBehavior.TYPE: lambda ident, p, t: model.UpdateFlowLoggingBehavior(
        identifier=ident,
        next_action=t.next_action,  # type: ignore[arg-type]
        enabled={"Enabled": True, "Disabled": False}[p["FlowLoggingBehavior"]],
    ),
}


def action_from_dict(raw: Mapping[str, Any]) -> model.Action:
    """Parse one action into its typed class, or :class:`GenericAction`.

    A typed class is used only when it serialises back to exactly the same object, so any
    document round-trips unchanged whatever extra fields it carries.
    """
    identifier, action_type = raw["Identifier"], raw["Type"]
    parameters, transitions = raw.get("Parameters"), transitions_from_dict(raw["Transitions"])
    parser = _PARSERS.get(action_type)
    if parser is not None:
        try:
            typed = parser(identifier, parameters or {}, transitions)
        except (KeyError, TypeError, ValueError, StopIteration):
            typed = None
        if typed is not None and action_to_dict(typed) == dict(raw):
            return typed
    return model.GenericAction(
        identifier=identifier,
        action_type=action_type,
        raw_parameters=None if parameters is None else dict(parameters),
        raw_transitions=transitions,
        # Keep the object as read only when re-serialising would change it.
        transitions_object=None
        if transitions_to_dict(transitions) == dict(raw["Transitions"])
        else dict(raw["Transitions"]),
    )
