"""Deprecated: the pack's rules moved to :mod:`.catalogue` (the lists and ``rule``),
:mod:`.vocabulary` (type tokens, ``Context``, the rule records) and one module per resource
family. Every name this module had still imports from here, with a ``DeprecationWarning``."""

from __future__ import annotations

from typing import Any, Final

from connect_streaming_policy import _aliases

_HOMES: Final = _aliases.homes(
    {
        "catalogue": "RESOURCE_RULES RULES STACK_RULES STREAMING_PATH_RULES rule",
        "vocabulary": (
            "ATTACHMENT CONTACT_FLOW KEY LAMBDA_PERMISSION MANAGED_POLICY QUEUE QUEUE_POLICY ROLE"
            " ROLE_POLICY SUBSCRIPTION TOPIC TOPIC_POLICY Context Level ResourceCheck"
            " ResourceRule Rule Severity StackCheck StackResource StackRule string_list_schema"
        ),
        "statements": "DocumentError Statement is_array statements string_list",
        "iam": (
            "BROAD_MANAGED_POLICIES passrole_problems unscoped_resource_problems"
            " wildcard_action_problems"
        ),
        "tags": "TAGGABLE_TYPES environment_of",
        "sns": "AWS_MANAGED_SNS_KEY",
        "connect_streaming.documents": "CONNECT_SERVICE SNS_SERVICE",
        "connect_streaming.flows": "flow_problems",
    }
)
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    return _aliases.resolve(__name__, _HOMES, name)
