"""Deprecated: the pack's rules moved to :mod:`.catalogue` (the lists and ``rule``),
:mod:`.vocabulary` (type tokens, ``Context``, the rule records) and one module per resource
family. Every name this module had still imports from here, with a ``DeprecationWarning``."""

from __future__ import annotations

from typing import Any, Final

from connect_streaming_policy import _aliases

_PACK: Final = "connect_streaming_policy"
_HOMES: Final = {
    **dict.fromkeys(
        ("RESOURCE_RULES", "RULES", "STACK_RULES", "STREAMING_PATH_RULES", "rule"),
        f"{_PACK}.catalogue",
    ),
    **dict.fromkeys(
        (
            "ATTACHMENT", "CONTACT_FLOW", "KEY", "LAMBDA_PERMISSION", "MANAGED_POLICY", "QUEUE",
            "QUEUE_POLICY", "ROLE", "ROLE_POLICY", "SUBSCRIPTION", "TOPIC", "TOPIC_POLICY",
            "Context", "Level", "ResourceCheck", "ResourceRule", "Rule", "Severity",
            "StackCheck", "StackResource", "StackRule", "string_list_schema",
        ),
        f"{_PACK}.vocabulary",
    ),
    **dict.fromkeys(
        ("DocumentError", "Statement", "is_array", "statements", "string_list"),
        f"{_PACK}.statements",
    ),
    **dict.fromkeys(
        (
            "BROAD_MANAGED_POLICIES", "passrole_problems", "unscoped_resource_problems",
            "wildcard_action_problems",
        ),
        f"{_PACK}.iam",
    ),
    **dict.fromkeys(("TAGGABLE_TYPES", "environment_of"), f"{_PACK}.tags"),
    "AWS_MANAGED_SNS_KEY": f"{_PACK}.sns",
    "CONNECT_SERVICE": "connect_streaming.documents",
    "SNS_SERVICE": "connect_streaming.documents",
    "flow_problems": "connect_streaming.flows",
}  # fmt: skip
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    return _aliases.resolve(__name__, _HOMES, name)
