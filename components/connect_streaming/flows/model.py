"""Typed Amazon Connect Flow Language (Version 2019-10-30): actions, transitions, references.

Pure data: no pulumi, no network, and no import of the modules that use it. Serialisation lives
in ``serialize.py``, the rules in ``validation.py``, the :class:`~connect_streaming.flows.flow.Flow`
that ties them together in ``flow.py``; the reference's facts in ``reference.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final

from connect_streaming.flows.reference import (
    ACTIONS,
    NO_MATCHING_CONDITION,
    NO_MATCHING_ERROR,
    QUEUE_AT_CAPACITY,
)


@dataclass(frozen=True)
class ErrorBranch:
    """Where to go when the action fails with ``error_type``."""

    error_type: str
    next_action: str


@dataclass(frozen=True)
class ConditionBranch:
    """Where to go when ``operator`` holds for ``operands`` (Compare-style actions)."""

    next_action: str
    operator: str
    operands: tuple[str, ...]


@dataclass(frozen=True)
class Transitions:
    """An action's ``Transitions`` object: the default next action, errors and conditions."""

    next_action: str | None = None
    errors: tuple[ErrorBranch, ...] = ()
    conditions: tuple[ConditionBranch, ...] = ()

    def targets(self) -> list[str]:
        """Every identifier this action can move to."""
        found = [] if self.next_action is None else [self.next_action]
        found += [branch.next_action for branch in self.errors]
        found += [branch.next_action for branch in self.conditions]
        return found

    @property
    def empty(self) -> bool:
        """True for ``{}``: the action ends the flow."""
        return self.next_action is None and not self.errors and not self.conditions


@dataclass(frozen=True)
class FlowReference:
    """A task reference set by CreateTask: a type and a value (static, or a ``$.`` JSONPath).

    Example:
        >>> FlowReference("URL", "https://crm.example.com/case/42").to_json()
        {'Type': 'URL', 'Value': 'https://crm.example.com/case/42'}
    """

    type: str
    value: str

    def to_json(self) -> dict[str, str]:
        """The ``{"Type", "Value"}`` object of the Flow Language."""
        return {"Type": self.type, "Value": self.value}


@dataclass(frozen=True, kw_only=True)
class Action:
    """Base of every action: an identifier, a type, parameters and transitions."""

    TYPE: ClassVar[str] = ""

    identifier: str

    @property
    def terminal(self) -> bool:
        """Terminal actions end the flow: their Transitions must be ``{}`` (reference)."""
        spec = ACTIONS.get(self.type)
        return spec is not None and spec.terminal

    @property
    def type(self) -> str:
        """The Flow Language ``Type`` of this action."""
        return self.TYPE

    def parameters(self) -> dict[str, Any]:
        """The ``Parameters`` object."""
        return {}

    def transitions(self) -> Transitions:
        """The ``Transitions`` object."""
        return Transitions()


@dataclass(frozen=True, kw_only=True)
class UpdateContactTargetQueue(Action):
    """Set the contact's working queue (UI block: Set working queue)."""

    TYPE: ClassVar[str] = "UpdateContactTargetQueue"
    queue_id: str
    next_action: str
    on_error: str

    def parameters(self) -> dict[str, Any]:
        return {"QueueId": self.queue_id}

    def transitions(self) -> Transitions:
        return Transitions(self.next_action, (ErrorBranch(NO_MATCHING_ERROR, self.on_error),))


@dataclass(frozen=True, kw_only=True)
class TransferContactToQueue(Action):
    """Place the contact in its working queue (UI block: Transfer to queue)."""

    TYPE: ClassVar[str] = "TransferContactToQueue"
    next_action: str
    on_queue_at_capacity: str
    on_error: str

    def transitions(self) -> Transitions:
        return Transitions(
            self.next_action,
            (
                ErrorBranch(QUEUE_AT_CAPACITY, self.on_queue_at_capacity),
                ErrorBranch(NO_MATCHING_ERROR, self.on_error),
            ),
        )


@dataclass(frozen=True, kw_only=True)
class DisconnectParticipant(Action):
    """End the contact (UI block: Disconnect / hang up)."""

    TYPE: ClassVar[str] = "DisconnectParticipant"


@dataclass(frozen=True, kw_only=True)
class EndFlowExecution(Action):
    """Finish the flow without explicitly disconnecting (UI block: End flow / Resume).

    The reference makes it available only in whisper and customer queue flows, not in
    CONTACT_FLOW flows, where ending the flow ends the contact anyway.
    """

    TYPE: ClassVar[str] = "EndFlowExecution"


@dataclass(frozen=True, kw_only=True)
class MessageParticipant(Action):
    """Send a text message to the customer (UI block: Play prompt / Send message)."""

    TYPE: ClassVar[str] = "MessageParticipant"
    text: str
    next_action: str
    on_error: str

    def parameters(self) -> dict[str, Any]:
        return {"Text": self.text}

    def transitions(self) -> Transitions:
        return Transitions(self.next_action, (ErrorBranch(NO_MATCHING_ERROR, self.on_error),))


@dataclass(frozen=True, kw_only=True)
class UpdateContactAttributes(Action):
    """Set user-defined attributes on the current contact (UI block: Set contact attributes)."""

    TYPE: ClassVar[str] = "UpdateContactAttributes"
    attributes: Mapping[str, str]
    next_action: str
    on_error: str

    def parameters(self) -> dict[str, Any]:
        return {"Attributes": dict(self.attributes), "TargetContact": "Current"}

    def transitions(self) -> Transitions:
        return Transitions(self.next_action, (ErrorBranch(NO_MATCHING_ERROR, self.on_error),))


@dataclass(frozen=True, kw_only=True)
class Compare(Action):
    """Branch on a value (UI block: Check contact attributes)."""

    TYPE: ClassVar[str] = "Compare"
    comparison_value: str
    conditions: tuple[ConditionBranch, ...]
    on_no_match: str

    def parameters(self) -> dict[str, Any]:
        return {"ComparisonValue": self.comparison_value}

    def transitions(self) -> Transitions:
        return Transitions(
            self.on_no_match,
            (ErrorBranch(NO_MATCHING_CONDITION, self.on_no_match),),
            self.conditions,
        )


@dataclass(frozen=True, kw_only=True)
class CreateTask(Action):
    """Create a task that runs ``contact_flow_id`` (UI block: Create task).

    ``delay_seconds`` (1..518400) and ``scheduled_time`` exclude each other; references use
    the creation-legal types URL, NUMBER, STRING, DATE (epoch) and EMAIL.
    """

    TYPE: ClassVar[str] = "CreateTask"
    contact_flow_id: str
    name: str
    next_action: str
    on_error: str
    description: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    references: Mapping[str, FlowReference] = field(default_factory=dict)
    delay_seconds: int | None = None
    scheduled_time: str | None = None
    task_template_id: str | None = None

    def parameters(self) -> dict[str, Any]:
        params: dict[str, Any] = {"ContactFlowId": self.contact_flow_id, "Name": self.name}
        if self.description is not None:
            params["Description"] = self.description
        if self.attributes:
            params["Attributes"] = dict(self.attributes)
        if self.references:
            params["References"] = {k: ref.to_json() for k, ref in self.references.items()}
        if self.delay_seconds is not None:
            params["DelaySeconds"] = self.delay_seconds
        if self.scheduled_time is not None:
            params["ScheduledTime"] = self.scheduled_time
        if self.task_template_id is not None:
            params["TaskTemplateId"] = self.task_template_id
        return params

    def transitions(self) -> Transitions:
        return Transitions(self.next_action, (ErrorBranch(NO_MATCHING_ERROR, self.on_error),))


@dataclass(frozen=True, kw_only=True)
class UpdateFlowLoggingBehavior(Action):
    """Turn flow logging on or off for the rest of the contact segment (UI block: Set logging
    behavior); with it on, every block's outcome, errors included, reaches the flow logs."""

    TYPE: ClassVar[str] = "UpdateFlowLoggingBehavior"
    next_action: str
    enabled: bool = True

    def parameters(self) -> dict[str, Any]:
        return {"FlowLoggingBehavior": "Enabled" if self.enabled else "Disabled"}

    def transitions(self) -> Transitions:
        return Transitions(self.next_action)


@dataclass(frozen=True, kw_only=True)
class GenericAction(Action):
    """Any other action type, kept as parsed so that foreign flows still round-trip."""

    action_type: str
    raw_parameters: Mapping[str, Any] | None = field(default_factory=dict)
    """The ``Parameters`` object; None when the action had no ``Parameters`` key at all."""
    raw_transitions: Transitions = field(default_factory=Transitions)
    transitions_object: Mapping[str, Any] | None = None
    """The parsed ``Transitions`` object exactly as read, so it is written back unchanged."""

    @property
    def type(self) -> str:
        return self.action_type

    def parameters(self) -> dict[str, Any]:
        return dict(self.raw_parameters or {})

    def transitions(self) -> Transitions:
        return self.raw_transitions


TYPED_ACTIONS: Final[Mapping[str, type[Action]]] = {
    cls.TYPE: cls
    for cls in (
        UpdateContactTargetQueue,
        TransferContactToQueue,
        DisconnectParticipant,
        EndFlowExecution,
        MessageParticipant,
        UpdateContactAttributes,
        Compare,
        CreateTask,
        UpdateFlowLoggingBehavior,
    )
}
"""Action types this package models; others parse as :class:`GenericAction`."""
