"""Contact flows: the content is Flow Language that passes the builder's own validation
(:func:`connect_streaming.flows.flow_problems`) for the resource's flow type."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from connect_streaming.flows import flow_problems
from connect_streaming_policy.vocabulary import CONTACT_FLOW, Context, resource_rule

__all__ = ["CONTACT_FLOW_VALID"]


def _check_flow(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """Contact flow content is Flow Language that passes the builder's validation and uses only
    reference types CreateTask accepts.

    Fix: Build the flow with connect_streaming.flows, or fix the action named above.
    """
    content = props.get("content")
    if content is None:
        return []  # content from a file (filename) cannot be judged here
    return [str(p) for p in flow_problems(content, flow_type=props.get("type") or "CONTACT_FLOW")]


CONTACT_FLOW_VALID: Final = resource_rule(
    "contact-flow-valid", _check_flow, "high", "mandatory", CONTACT_FLOW
)
