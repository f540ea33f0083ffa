"""Contact flow warnings (the flows package's second level: unhandled errors, disconnects
without a trace, unlisted parameters) as an advisory rule; the engine's per-policy
``enforcementLevel`` makes it mandatory, its ``warnings`` config chooses which to report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from connect_streaming.flows import WARNINGS, flow_problems
from connect_streaming_policy.vocabulary import CONTACT_FLOW, Context, resource_rule

__all__ = ["CONTACT_FLOW_WARNINGS", "WARNINGS_KEY"]

WARNINGS_KEY: Final = "warnings"
"""The config property listing which warning rules to report (default: every one)."""


def check_flow_warnings(
    resource_type: str, props: Mapping[str, Any], context: Context
) -> list[str]:
    """Contact flows handle every error their actions document (a transfer without a
    QueueAtCapacity branch drops the contact when the queue is full), leave a trace before an
    error ends the contact, and use only parameters the reference lists.

    Fix: Add the missing Errors branch, enable flow logging (UpdateFlowLoggingBehavior) or set
    an attribute before an error disconnects, or drop the unlisted parameter
    (connect_streaming.flows builds flows with none of these).
    """
    content = props.get("content")
    if content is None:
        return []  # content from a file (filename) cannot be judged here
    wanted = set(context.config.get(WARNINGS_KEY) or ())
    found = flow_problems(content, flow_type=props.get("type") or "CONTACT_FLOW", warnings=True)
    return [str(p) for p in found if p.level == "warning" and p.rule in wanted]


# Advisory: the service runs these flows. A policy's level is the engine's to set (the config's
# enforcementLevel): pulumi_policy fixes it per policy before the rule runs, and
# report_violation takes no level, so a property of this schema could not change it.
CONTACT_FLOW_WARNINGS: Final = resource_rule(
    "contact-flow-warnings",
    check_flow_warnings,
    "medium",
    "advisory",
    CONTACT_FLOW,
    config={
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
)
