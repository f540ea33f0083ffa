"""The ``contact-flow-warnings`` rule: a contact flow's warnings, advisory by default. ``rules.py``
builds the ResourceRule from :data:`FLOW_WARNINGS_RULE` (as for the task-template rule), so this
module does not import ``rules`` and either can be imported first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Protocol

from connect_streaming.flows import WARNINGS, flow_problems

CONTACT_FLOW: Final = "aws:connect/contactFlow:ContactFlow"
"""The type token rules.CONTACT_FLOW names too (tests check they agree)."""

WARNINGS_KEY: Final = "warnings"
"""The config property listing which warning rules to report (default: every one)."""


class _Configured(Protocol):
    @property
    def config(self) -> Mapping[str, Any]: ...


def check_flow_warnings(
    resource_type: str, props: Mapping[str, Any], context: _Configured
) -> list[str]:
    """One message per warning of the flow's content, for the warning rules configured."""
    content = props.get("content")
    if content is None:
        return []  # content from a file (filename) cannot be judged here
    wanted = set(context.config.get(WARNINGS_KEY) or ())
    found = flow_problems(content, flow_type=props.get("type") or "CONTACT_FLOW", warnings=True)
    return [str(p) for p in found if p.level == "warning" and p.rule in wanted]


FLOW_WARNINGS_RULE: Final[Mapping[str, Any]] = {
    "name": "contact-flow-warnings",
    "description": (
        "Contact flows handle every error their actions document (a transfer without a"
        " QueueAtCapacity branch drops the contact when the queue is full), leave a trace"
        " before an error ends the contact, and use only parameters the reference lists."
    ),
    "severity": "medium",
    "remediation": (
        "Add the missing Errors branch, enable flow logging (UpdateFlowLoggingBehavior) or set"
        " an attribute before an error disconnects, or drop the unlisted parameter"
        " (connect_streaming.flows builds flows with none of these)."
    ),
    # Advisory: the service runs these flows. A policy's level is the engine's to set (the
    # config's enforcementLevel); pulumi_policy fixes it per policy before the rule runs.
    "level": "advisory",
    "types": frozenset({CONTACT_FLOW}),
    "check": check_flow_warnings,
    "config": {
        WARNINGS_KEY: {
            "type": "array",
            "items": {"type": "string", "enum": sorted(WARNINGS)},
            "default": sorted(WARNINGS),
            "description": (
                "The warning rules to report. Set this policy's enforcementLevel to mandatory"
                " to block a preview on them."
            ),
        }
    },
}
"""Keyword arguments of the ``contact-flow-warnings`` ResourceRule (built in ``rules.py``)."""
