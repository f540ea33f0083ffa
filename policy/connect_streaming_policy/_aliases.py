"""Deprecated import paths, kept working for this minor version: each moved name is found in
its new module, with a ``DeprecationWarning`` that names that module."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Mapping
from typing import Any, Final

__all__ = ["MOVED", "names", "resolve"]

_PACK: Final = "connect_streaming_policy"


def _homes(names_by_module: Mapping[str, str]) -> dict[str, str]:
    """Each moved name -> its module, from module -> space-separated names; a module named
    without a dot is one of the pack's."""
    return {
        name: module if "." in module else f"{_PACK}.{module}"
        for module, names in names_by_module.items()
        for name in names.split()
    }


MOVED: Final[Mapping[str, Mapping[str, str]]] = {
    f"{_PACK}.rules": _homes(
        {
            "catalogue": "RESOURCE_RULES RULES STACK_RULES STREAMING_PATH_RULES rule",
            "vocabulary": (
                "ATTACHMENT CONTACT_FLOW KEY LAMBDA_PERMISSION MANAGED_POLICY QUEUE QUEUE_POLICY"
                " ROLE ROLE_POLICY SUBSCRIPTION TOPIC TOPIC_POLICY Context Level ResourceCheck"
                " ResourceRule Rule Severity StackCheck StackResource StackRule string_list_schema"
            ),
            "statements": "DocumentError Statement is_array statements string_list",
            "iam": (
                "BROAD_MANAGED_POLICIES passrole_problems unscoped_resource_problems"
                " wildcard_action_problems"
            ),
            "tags": "TAGGABLE_TYPES environment_of",
            "sns": "AWS_MANAGED_SNS_KEY",
            "connect_streaming.streaming.documents": "CONNECT_SERVICE SNS_SERVICE",
            "connect_streaming.flows": "flow_problems",
        }
    ),
    f"{_PACK}.resource_policies": _homes(
        {
            "statements": (
                "NEGATED_OPERATOR DocumentError Statement condition_values is_array is_public"
                " principals statements string_list"
            ),
            "sns": "connect_publish_problems topic_public_problems",
            "sqs": "queue_problems",
            "lambda_": "lambda_permission_problems",
            "subscriptions": "INTERNAL_PROTOCOLS subscription_problems",
            "trust": "COGNITO_HOST GITHUB_OIDC_HOST trust_problems",
            "kms": "STREAMING_KEY_ACTIONS STREAMING_KEY_SERVICES key_grant_problems",
            "connect_streaming.streaming.documents": "CONNECT_SERVICE SNS_SERVICE",
        }
    ),
    f"{_PACK}.iam": _homes(
        {"statements": "DocumentError Statement is_array load_document statements string_list"}
    ),
}
"""Old module -> (name -> the module that holds the name now)."""


def names(old: str) -> list[str]:
    """The names ``old`` still answers for (its ``__all__`` when it is a pure alias)."""
    return sorted(MOVED[old])


def resolve(old: str, name: str) -> Any:
    """``name`` from its new module, warning that ``old`` is deprecated for it;
    ``AttributeError`` for a name ``old`` never had (as a module's own ``__getattr__`` must)."""
    home = MOVED[old].get(name)
    if home is None:
        raise AttributeError(f"module {old!r} has no attribute {name!r}")
    warnings.warn(
        f"{old}.{name} is deprecated: import {name} from {home}",
        DeprecationWarning,
        stacklevel=3,  # the importer's line: resolve <- the old module's __getattr__ <- importer
    )
    return getattr(importlib.import_module(home), name)
