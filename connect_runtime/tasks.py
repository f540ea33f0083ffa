"""Today's StartTaskContact fields: flow choice, schedule, links, segment attributes, attachments.

Pure checks used by :func:`~connect_runtime.requests.start_task_contact_request`. Lengths come
from botocore's Connect model; the rules written only in its documentation strings (the
current API reference, https://docs.aws.amazon.com/connect/latest/APIReference/API_StartTaskContact.html)
live here, each with the sentence it comes from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

from connect_runtime import _model
from connect_runtime.errors import ConnectRequestError, Problem

__all__ = [
    "CONTACT_EXPIRY",
    "CREATED_BY_USER",
    "FLOW_CHOICE",
    "FLOW_CHOICE_FIELD",
    "MAX_LINKED_TASKS",
    "MAX_SCHEDULE_AHEAD",
    "TaskAttachment",
    "contact_expiry",
    "created_by_user",
    "presigned_s3_url_problem",
]

_OP: Final = "StartTaskContact"

FLOW_CHOICE: Final = ("ContactFlowId", "QuickConnectId", "TaskTemplateId")
"""Exactly one picks the flow: "include only one of these parameters: ContactFlowID,
QuickConnectID, or TaskTemplateID" (StartTaskContact doc). A template alone needs a flow on it."""
FLOW_CHOICE_FIELD: Final = "|".join(FLOW_CHOICE)
MAX_LINKED_TASKS: Final = 12
""""There can be a maximum of 12 linked task contacts in a chain" sharing one PreviousContactId
(StartTaskContact doc); the 13th is refused with ServiceQuotaExceededException."""
MAX_SCHEDULE_AHEAD: Final = timedelta(days=6)
"""ScheduledTime "cannot be in the past. It must be within up to 6 days in future" (doc)."""
CONTACT_EXPIRY: Final = "connect:ContactExpiry"
"""SegmentAttributes key: ``{"ValueMap": {"ExpiryDuration": {"ValueInteger": MINUTES}}}`` (doc)."""
CREATED_BY_USER: Final = "connect:CreatedByUser"
"""SegmentAttributes key: ``{"ValueString": AGENT_ARN}`` (doc)."""
_VALUE_MEMBERS: Final = ("ValueString", "ValueMap", "ValueInteger", "ValueList", "ValueArn")
_SYSTEM_ONLY: Final = frozenset({"ValueList", "ValueArn"})  # "only ... system-defined" (doc)
_USER_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")  # "keys can include only alphanumeric, -, _"
_AGENT_ARN: Final = re.compile(
    r"arn:aws(?:-[a-z]+)*:connect:[a-z]{2}(?:-[a-z]+)+-[0-9]+:[0-9]{12}:"
    r"instance/[A-Za-z0-9-]{1,100}/agent/[A-Za-z0-9-]{1,100}"
)
_S3_HOST: Final = re.compile(
    r"(?:[a-z0-9][a-z0-9.-]*\.)?s3(?:[.-](?:[a-z0-9-]+))*\.amazonaws\.com(?:\.cn)?"
)
_SIGV4_PARAMS: Final = ("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Signature")
_SIGV2_PARAMS: Final = ("AWSAccessKeyId", "Expires", "Signature")
_INT32_MIN: Final = -(2**31)  # the model's "integer" shapes are 32-bit signed
_INT32_MAX: Final = 2**31 - 1


def _invalid(field: str, value: object, rule: str) -> ConnectRequestError:
    return ConnectRequestError(_OP, [Problem(field, value, rule)])


# --- flow choice and schedule ----------------------------------------------------------------


def flow_choice_problems(chosen: Mapping[str, object], problems: list[Problem]) -> None:
    """Exactly one of ContactFlowId, QuickConnectId, TaskTemplateId (keyed by API name)."""
    named = [name for name in FLOW_CHOICE if chosen.get(name) is not None]
    if len(named) == 1:
        return
    given = {name: chosen[name] for name in named}
    if not named:
        rule = "name the flow to run with one of ContactFlowId, QuickConnectId or TaskTemplateId"
    else:
        rule = "name only one of ContactFlowId, QuickConnectId and TaskTemplateId"
    problems.append(Problem(FLOW_CHOICE_FIELD, given, rule))


def scheduled_time(value: object, now: datetime, problems: list[Problem]) -> datetime | None:
    """ScheduledTime: aware, not before ``now``, at most six days after it; in UTC."""
    field = "ScheduledTime"
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        problems.append(Problem(field, value, "must be a timezone-aware datetime"))
        return None
    try:
        when = value.astimezone(UTC)
    except OverflowError:
        problems.append(Problem(field, value, "must fall within the years 1..9999 in UTC"))
        return None
    if when < now:
        problems.append(Problem(field, value, f"cannot be in the past (now {now.isoformat()})"))
        return None
    if when - now > MAX_SCHEDULE_AHEAD:
        problems.append(
            Problem(field, value, f"must be at most 6 days after now ({now.isoformat()})")
        )
        return None
    return when


# --- attachments -----------------------------------------------------------------------------


def presigned_s3_url_problem(url: str) -> str | None:
    """Why ``url`` is not a presigned HTTPS S3 URL, or None when it is.

    Example:
        >>> presigned_s3_url_problem("https://b.s3.us-east-1.amazonaws.com/k.pdf?X-Amz-Algorithm="
        ...     "AWS4-HMAC-SHA256&X-Amz-Credential=c&X-Amz-Date=d&X-Amz-Signature=s") is None
        True
        >>> presigned_s3_url_problem("https://example.com/k.pdf")
        'must be an S3 URL (host *.s3[.REGION].amazonaws.com)'
    """
    if any(ch.isspace() for ch in url):
        return "must be a URL without spaces"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "must be a URL"
    if parts.scheme != "https":
        return "must be an https:// URL"
    if not host or _S3_HOST.fullmatch(host) is None:
        return "must be an S3 URL (host *.s3[.REGION].amazonaws.com)"
    query = parse_qs(parts.query, keep_blank_values=True)
    signed = all(query.get(name, [""])[0] for name in _SIGV4_PARAMS) or all(
        query.get(name, [""])[0] for name in _SIGV2_PARAMS
    )
    if not signed:
        return "must be presigned (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Signature)"
    return None


@dataclass(frozen=True, slots=True)
class TaskAttachment:
    """A file shown on the task: its name and a presigned HTTPS S3 URL (``{FileName, S3Url}``).

    Example:
        >>> TaskAttachment("a.pdf", "https://b.s3.amazonaws.com/a.pdf?AWSAccessKeyId=k"
        ...     "&Expires=1&Signature=s").to_api()["FileName"]
        'a.pdf'
    """

    file_name: str
    s3_url: str

    def __post_init__(self) -> None:
        problems: list[Problem] = []
        _attachment(0, {"FileName": self.file_name, "S3Url": self.s3_url}, problems)
        if problems:
            raise ConnectRequestError(_OP, problems)

    def to_api(self) -> dict[str, str]:
        """The API's ``{"FileName", "S3Url"}`` form."""
        return {"FileName": self.file_name, "S3Url": self.s3_url}


def _model_string(
    field: str, value: object, path: tuple[str, ...], problems: list[Problem]
) -> bool:
    if not isinstance(value, str):
        problems.append(Problem(field, value, "must be a string"))
        return False
    limits = _model.limits(_OP, *path)
    if limits.excludes(len(value)):
        problems.append(
            Problem(field, value, f"must be {limits.min}..{limits.max} characters", "model")
        )
        return False
    return True


def _attachment(index: int, item: object, problems: list[Problem]) -> dict[str, str] | None:
    path = f"Attachments[{index}]"
    if isinstance(item, TaskAttachment):
        return item.to_api()
    if not isinstance(item, Mapping) or set(item) != {"FileName", "S3Url"}:
        problems.append(Problem(path, item, "must be a TaskAttachment or {'FileName', 'S3Url'}"))
        return None
    name, url = item["FileName"], item["S3Url"]
    found = len(problems)
    file_name = ("Attachments", "member", "FileName")  # pattern ^\P{C}*$: no C category
    if _model_string(f"{path}.FileName", name, file_name, problems) and any(
        unicodedata.category(ch).startswith("C") for ch in name
    ):
        problems.append(Problem(f"{path}.FileName", name, "must not hold control characters"))
    if _model_string(f"{path}.S3Url", url, ("Attachments", "member", "S3Url"), problems):
        reason = presigned_s3_url_problem(url)
        if reason is not None:
            problems.append(Problem(f"{path}.S3Url", url, reason))
    return {"FileName": name, "S3Url": url} if len(problems) == found else None


def attachments(value: object, problems: list[Problem]) -> list[dict[str, str]] | None:
    """Attachments: 1..5 files (model), each a presigned HTTPS S3 URL and a file name."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        problems.append(Problem("Attachments", value, "must be a list of attachments"))
        return None
    items = list(value)
    limits = _model.limits(_OP, "Attachments")
    if limits.excludes(len(items)):
        problems.append(
            Problem(
                "Attachments",
                f"<{len(items)} items>",
                f"must hold {limits.min}..{limits.max}",
                "model",
            )
        )
        return None
    built = [_attachment(index, item, problems) for index, item in enumerate(items)]
    return [item for item in built if item is not None]


# --- segment attributes ----------------------------------------------------------------------


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
    if limits.excludes(len(arn)) or _AGENT_ARN.fullmatch(arn) is None:
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
