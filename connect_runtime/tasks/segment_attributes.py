"""StartTaskContact SegmentAttributes: the documented system keys in their forms, or user keys.

Rules from the model's StartTaskContact documentation strings (the current API reference).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from connect_runtime import _model
from connect_runtime.arns import AGENT_ARN
from connect_runtime.errors import ConnectRequestError, Problem

__all__ = [
    "CONTACT_EXPIRY",
    "CREATED_BY_USER",
    "contact_expiry",
    "created_by_user",
]


_OP: Final = "StartTaskContact"


CONTACT_EXPIRY: Final = "connect:ContactExpiry"
"""SegmentAttributes key: ``{"ValueMap": {"ExpiryDuration": {"ValueInteger": MINUTES}}}`` (doc)."""


CREATED_BY_USER: Final = "connect:CreatedByUser"
"""SegmentAttributes key: ``{"ValueString": AGENT_ARN}`` (doc)."""


_VALUE_MEMBERS: Final = ("ValueString", "ValueMap", "ValueInteger", "ValueList", "ValueArn")


_SYSTEM_ONLY: Final = frozenset({"ValueList", "ValueArn"})  # "only ... system-defined" (doc)


_USER_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")  # "keys can include only alphanumeric, -, _"


_INT32_MIN: Final = -(2**31)  # the model's "integer" shapes are 32-bit signed


_INT32_MAX: Final = 2**31 - 1


def _invalid(field: str, value: object, rule: str) -> ConnectRequestError:
    return ConnectRequestError(_OP, [Problem(field, value, rule)])


def contact_expiry(minutes: int) -> dict[str, dict[str, Any]]:
    """``SegmentAttributes`` entry that expires the task after ``minutes`` (doc's ValueMap form).

    Example:
        >>> contact_expiry(135)
        {'connect:ContactExpiry': {'ValueMap': {'ExpiryDuration': {'ValueInteger': 135}}}}
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= _INT32_MAX:
        raise _invalid(
            f"SegmentAttributes[{CONTACT_EXPIRY!r}]", minutes, "must be whole minutes >= 1"
        )
    return {CONTACT_EXPIRY: {"ValueMap": {"ExpiryDuration": {"ValueInteger": minutes}}}}


def created_by_user(agent_arn: str) -> dict[str, dict[str, Any]]:
    """``SegmentAttributes`` entry naming the agent who created the task (an agent ARN).

    Example:
        >>> entry = created_by_user("arn:aws:connect:us-west-2:123456789012:instance/i-1/agent/a-1")
        >>> entry["connect:CreatedByUser"]["ValueString"][-9:]
        'agent/a-1'
    """
    problems: list[Problem] = []
    entry = {CREATED_BY_USER: {"ValueString": agent_arn}}
    segment_attributes(entry, problems)
    if problems:
        raise ConnectRequestError(_OP, problems)
    return entry


def _expiry_problem(value: Mapping[str, Any]) -> str | None:
    inner = value.get("ValueMap")
    if (
        set(value) != {"ValueMap"}
        or not isinstance(inner, Mapping)
        or set(inner) != {"ExpiryDuration"}
    ):
        return "must be {'ValueMap': {'ExpiryDuration': {'ValueInteger': MINUTES}}}"
    duration = inner["ExpiryDuration"]
    if not isinstance(duration, Mapping) or set(duration) != {"ValueInteger"}:
        return "ExpiryDuration must be {'ValueInteger': MINUTES}"
    minutes = duration["ValueInteger"]
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= _INT32_MAX:
        return "ExpiryDuration.ValueInteger must be whole minutes >= 1"
    return None


def _created_by_problem(value: Mapping[str, Any]) -> str | None:
    arn = value.get("ValueString")
    if set(value) != {"ValueString"} or not isinstance(arn, str):
        return "must be {'ValueString': AGENT_ARN}"
    limits = _model.limits(_OP, "SegmentAttributes", "value", "ValueString")
    if limits.excludes(len(arn)) or AGENT_ARN.fullmatch(arn) is None:
        return (
            "ValueString must be an agent ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID/agent/ID)"
        )
    return None


def _user_value_problem(value: Mapping[str, Any]) -> str | None:
    kind = next(iter(value)) if len(value) == 1 else None
    if kind not in _VALUE_MEMBERS:
        return f"must hold exactly one of {', '.join(_VALUE_MEMBERS[:3])}"
    if kind in _SYSTEM_ONLY:
        return f"{kind} is only supported for system-defined attributes (API doc)"
    item = value[kind]
    if kind == "ValueString":
        limits = _model.limits(_OP, "SegmentAttributes", "value", "ValueString")
        if not isinstance(item, str) or limits.excludes(len(item)):
            return f"ValueString must be a string of at most {limits.max} characters"
    elif kind == "ValueInteger":
        if (
            isinstance(item, bool)
            or not isinstance(item, int)
            or not _INT32_MIN <= item <= _INT32_MAX
        ):
            return "ValueInteger must be a 32-bit integer"
    elif not isinstance(item, Mapping) or not item:
        return "ValueMap must be a non-empty mapping"
    return None


def segment_attributes(value: object, problems: list[Problem]) -> dict[str, Any] | None:
    """SegmentAttributes: documented system keys in their forms, or simple user keys.

    System keys: ``connect:ContactExpiry`` and ``connect:CreatedByUser`` (API doc). User keys:
    alphanumeric, ``-``, ``_``, with one ValueString, ValueInteger or ValueMap.
    """
    if not isinstance(value, Mapping):
        problems.append(Problem("SegmentAttributes", value, "must be a mapping"))
        return None
    limits = _model.limits(_OP, "SegmentAttributes", "key")
    result: dict[str, Any] = {}
    for key, item in value.items():
        path = (
            f"SegmentAttributes[{key!r}]"
            if isinstance(key, str) and len(key) <= 60
            else ("SegmentAttributes[<key>]")
        )
        if not isinstance(key, str) or limits.excludes(len(key)):
            rule = f"keys must be strings of {limits.min}..{limits.max} characters"
            problems.append(Problem(path, key, rule))
            continue
        if not isinstance(item, Mapping):
            problems.append(Problem(path, item, "must be a mapping such as {'ValueString': ...}"))
            continue
        if key == CONTACT_EXPIRY:
            reason = _expiry_problem(item)
        elif key == CREATED_BY_USER:
            reason = _created_by_problem(item)
        elif key.startswith("connect:"):
            reason = f"the system keys a task may set are {CONTACT_EXPIRY} and {CREATED_BY_USER}"
        elif _USER_KEY.fullmatch(key) is None:
            reason = "keys may contain only ASCII letters, digits, '-' and '_'"
        else:
            reason = _user_value_problem(item)
        if reason is not None:
            problems.append(Problem(path, key if reason.startswith("keys") else item, reason))
            continue
        result[key] = item
    return result
