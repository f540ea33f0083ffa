"""A whole flow: typed actions in, validated deterministic Flow Language JSON out, and back.

Layering, each module importing only those before it: ``reference`` and ``problems`` (facts and
rule ids), ``model`` (typed actions), ``serialize`` (actions to and from JSON), ``rules`` and
``validation`` (judging the JSON), this module (the :class:`Flow` that ties them together), then
``builders``. No module imports a later one, so they form no cycle (tests/components/
flows/test_flows_layering.py checks it from the ASTs).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from connect_streaming.flows.model import Action
from connect_streaming.flows.reference import CONTACT_FLOW, FLOW_VERSION
from connect_streaming.flows.serialize import action_from_dict, action_to_dict, dumps
from connect_streaming.flows.validation import (
    FlowProblem,
    FlowValidationError,
    content_problems,
    flow_problems,
    validate_flow_dict,
)


@dataclass(frozen=True)
class Flow:
    """A whole flow: the start action, the actions in order, optional designer metadata.

    ``flow_type`` is the ContactFlow's ``Type`` it is meant for (default CONTACT_FLOW): the
    reference makes some actions available in some flow types only.

    Example:
        >>> from connect_streaming.flows.model import DisconnectParticipant
        >>> flow = Flow("bye", (DisconnectParticipant(identifier="bye"),))
        >>> flow.problems()
        []
    """

    start_action: str
    actions: tuple[Action, ...]
    metadata: Mapping[str, Any] | None = None
    version: str = FLOW_VERSION
    flow_type: str = CONTACT_FLOW

    def action(self, identifier: str) -> Action | None:
        """The action with ``identifier`` (the first, if duplicated), or None."""
        return next((a for a in self.actions if a.identifier == identifier), None)

    def problems(self) -> list[FlowProblem]:
        """Every broken rule (see :mod:`connect_streaming.flows.validation`); empty when valid."""
        return validate_flow_dict(flow_to_dict(self), flow_type=self.flow_type)

    def validate(self) -> Flow:
        """Return the flow itself, or raise ``FlowValidationError`` naming every problem."""
        problems = self.problems()
        if problems:
            raise FlowValidationError(problems)
        return self

    def to_dict(self) -> dict[str, Any]:
        """The validated Flow Language document as a dict."""
        return flow_to_dict(self.validate())

    def to_json(self) -> str:
        """Deterministic Flow Language JSON (sorted keys), validated first (size included)."""
        text = dumps(self.to_dict())
        problems = content_problems(text)
        if problems:
            raise FlowValidationError(problems)
        return text


def flow_to_dict(flow: Flow) -> dict[str, Any]:
    """The flow as a Flow Language document (not validated)."""
    document: dict[str, Any] = {
        "Version": flow.version,
        "StartAction": flow.start_action,
        "Actions": [action_to_dict(action) for action in flow.actions],
    }
    if flow.metadata is not None:
        document["Metadata"] = dict(flow.metadata)
    return document


def flow_from_dict(document: Mapping[str, Any], *, flow_type: str = CONTACT_FLOW) -> Flow:
    """Parse a structurally valid Flow Language document into a :class:`Flow`."""
    metadata = document.get("Metadata")
    return Flow(
        start_action=document["StartAction"],
        actions=tuple(action_from_dict(raw) for raw in document["Actions"]),
        metadata=None if metadata is None else dict(metadata),
        version=document["Version"],
        flow_type=flow_type,
    )


def parse_flow(content: str, *, flow_type: str = CONTACT_FLOW) -> Flow:
    """Parse and validate Flow Language JSON into a :class:`Flow`.

    Raises :class:`FlowValidationError` (a ValueError) naming every problem.
    """
    problems = flow_problems(content, flow_type=flow_type)
    if problems:
        raise FlowValidationError(problems)
    return flow_from_dict(json.loads(content), flow_type=flow_type)
