"""The StartTaskContact builder: flow choice, schedule, attributes and references checked.

Lengths come from botocore's Connect model; the rules written only in its documentation
strings (the API reference of StartTaskContact) live here, each with the sentence it comes from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, TypedDict, cast

from connect_runtime import _model
from connect_runtime._checks import Checker, utf8_len
from connect_runtime._checks import attributes as checked_attributes
from connect_runtime.errors import Problem
from connect_runtime.tasks.attachments import TaskAttachment
from connect_runtime.tasks.attachments import attachments as checked_attachments
from connect_runtime.tasks.references import (
    Reference,
    creation_reference_type_problem,
    reference_value_problem,
)
from connect_runtime.tasks.segment_attributes import (
    segment_attributes as checked_segment_attributes,
)

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import ReferenceTypeDef, StartTaskContactRequestTypeDef

__all__ = [
    "FLOW_CHOICE",
    "FLOW_CHOICE_FIELD",
    "MAX_LINKED_TASKS",
    "MAX_REFERENCES_BYTES",
    "MAX_SCHEDULE_AHEAD",
    "StartTaskContactOptions",
    "start_task_contact_request",
]


FLOW_CHOICE: Final = ("ContactFlowId", "QuickConnectId", "TaskTemplateId")
"""Exactly one picks the flow: "include only one of these parameters: ContactFlowID,
QuickConnectID, or TaskTemplateID" (StartTaskContact doc). A template alone needs a flow on it."""


FLOW_CHOICE_FIELD: Final = "|".join(FLOW_CHOICE)


MAX_LINKED_TASKS: Final = 12
""""There can be a maximum of 12 linked task contacts in a chain" sharing one PreviousContactId
(StartTaskContact doc); the 13th is refused with ServiceQuotaExceededException."""


MAX_SCHEDULE_AHEAD: Final = timedelta(days=6)
"""ScheduledTime "cannot be in the past. It must be within up to 6 days in future" (doc)."""


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


def _scheduled_at(value: object, now: datetime, problems: list[Problem]) -> datetime | None:
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


MAX_REFERENCES_BYTES: Final = 4_096


def _references(check: Checker, value: object) -> dict[str, dict[str, str]] | None:
    mapping = check.mapping("References", value)
    if mapping is None:
        return None
    _, key_high = _model.limits(check.operation, "References", "key")
    _, value_high = _model.limits(check.operation, "References", "value", "Value")
    total = 0
    result: dict[str, dict[str, str]] = {}
    for name, item in mapping.items():
        if not isinstance(name, str) or not name:
            check.problem("References", name, "names must be non-empty strings")
            continue
        path = f"References[{name!r}]" if len(name) <= 60 else "References[<name>]"
        if key_high is not None and len(name) > key_high:
            check.problem(path, name, f"names must be at most {key_high} characters long", "model")
        reference = _reference(check, path, item)
        if reference is None:
            continue
        ref_value = reference["Value"]
        if value_high is not None and len(ref_value) > value_high:
            check.problem(
                f"{path}.Value", ref_value, f"must be at most {value_high} characters long", "model"
            )
        total += utf8_len(name) + utf8_len(ref_value)
        result[name] = reference
    check.byte_budget("References", total, MAX_REFERENCES_BYTES, "names and values")
    return result


def _reference(check: Checker, path: str, item: object) -> dict[str, str] | None:
    if isinstance(item, Reference):
        type_problem = creation_reference_type_problem(item.type)
        if type_problem is not None:
            check.problem(f"{path}.Type", item.type, type_problem)
            return None
        return {"Value": item.value, "Type": item.type}
    if not isinstance(item, Mapping):
        check.problem(path, item, "must be a Reference or a {'Value', 'Type'} dict")
        return None
    unknown = sorted(str(key) for key in item if key not in ("Value", "Type"))
    if unknown:
        check.problem(path, item, f"unknown keys {unknown}; expected Value and Type")
        return None
    ref_type, ref_value = item.get("Type"), item.get("Value")
    type_problem = creation_reference_type_problem(ref_type)
    if type_problem is not None:
        check.problem(f"{path}.Type", ref_type, type_problem)
        return None
    if not isinstance(ref_value, str):
        check.problem(f"{path}.Value", ref_value, "is required and must be a string")
        return None
    reason = reference_value_problem(cast("str", ref_type), ref_value)
    if reason is not None:
        check.problem(f"{path}.Value", ref_value, reason)
        return None
    return {"Value": ref_value, "Type": cast("str", ref_type)}


def _task_fields(
    check: Checker,
    related_contact_id: object,
    scheduled_time: object,
    segment_attributes: object,
    attachments: object,
    now: datetime | None,
) -> dict[str, Any]:
    """The StartTaskContact fields the 2021 API did not have (None where not given)."""
    clock = datetime.now(UTC) if now is None else check.timestamp("now", now)
    return {
        "RelatedContactId": check.string(
            "RelatedContactId", related_contact_id, ("RelatedContactId",), required=False
        ),
        "ScheduledTime": None
        if scheduled_time is None or clock is None
        else _scheduled_at(scheduled_time, clock, check.problems),
        "SegmentAttributes": None
        if segment_attributes is None
        else checked_segment_attributes(segment_attributes, check.problems),
        "Attachments": None
        if attachments is None
        else checked_attachments(attachments, check.problems),
    }


class StartTaskContactOptions(TypedDict, total=False):
    """What :meth:`ConnectRuntime.start_task_contact` takes beyond the flow and the name (the
    builder's keywords of the same names)."""

    quick_connect_id: str | None
    task_template_id: str | None
    description: str | None
    attributes: Mapping[str, str] | None
    references: Mapping[str, Reference | ReferenceTypeDef | Mapping[str, str]] | None
    previous_contact_id: str | None
    related_contact_id: str | None
    scheduled_time: datetime | None
    segment_attributes: Mapping[str, Mapping[str, Any]] | None
    attachments: Iterable[TaskAttachment | Mapping[str, str]] | None
    client_token: str | None
    now: datetime | None


def start_task_contact_request(
    *,
    instance_id: str,
    name: str,
    contact_flow_id: str | None = None,
    quick_connect_id: str | None = None,
    task_template_id: str | None = None,
    description: str | None = None,
    attributes: Mapping[str, str] | None = None,
    references: Mapping[str, Reference | ReferenceTypeDef | Mapping[str, str]] | None = None,
    previous_contact_id: str | None = None,
    related_contact_id: str | None = None,
    scheduled_time: datetime | None = None,
    segment_attributes: Mapping[str, Mapping[str, Any]] | None = None,
    attachments: Iterable[TaskAttachment | Mapping[str, str]] | None = None,
    client_token: str | None = None,
    now: datetime | None = None,
) -> StartTaskContactRequestTypeDef:
    """Build ``StartTaskContact`` kwargs: start a task through a flow, template or quick connect.

    Exactly one of ``contact_flow_id``, ``quick_connect_id``, ``task_template_id``. Attributes:
    keys of ASCII letters, digits, ``-``, ``_``; 32,768 UTF-8 bytes in all. References: URL,
    NUMBER, STRING, DATE or EMAIL (:class:`Reference`); 4,096 bytes in all. ``scheduled_time``:
    from ``now`` (default: the current time) to 6 days after. ``segment_attributes``,
    ``attachments``: see :mod:`connect_runtime.tasks`. ``client_token`` defaults to a UUID4.

    Example:
        >>> request = start_task_contact_request(
        ...     instance_id="inst-1", contact_flow_id="flow-1", name="Call back",
        ...     references={"case": Reference.url("https://crm.example.com/case/42")})
        >>> request["References"]["case"]
        {'Value': 'https://crm.example.com/case/42', 'Type': 'URL'}
    """
    check = Checker("StartTaskContact")
    flows = (contact_flow_id, quick_connect_id, task_template_id)
    given = dict(zip(FLOW_CHOICE, flows, strict=True))
    request: dict[str, Any] = {
        "InstanceId": check.string("InstanceId", instance_id, ("InstanceId",), required=True),
        "Name": check.string("Name", name, ("Name",), required=True),
        **{
            api: check.string(api, v, (api,), required=False, min_chars=1)
            for api, v in given.items()
        },
        "Description": check.string("Description", description, ("Description",), required=False),
        "PreviousContactId": check.string(
            "PreviousContactId", previous_contact_id, ("PreviousContactId",), required=False
        ),
    }
    flow_choice_problems(given, check.problems)
    request["Attributes"] = None if attributes is None else checked_attributes(check, attributes)
    request["References"] = None if references is None else _references(check, references)
    newer = (related_contact_id, scheduled_time, segment_attributes, attachments, now)
    request.update(_task_fields(check, *newer))
    request["ClientToken"] = check.client_token(client_token)
    check.done()
    return cast(
        "StartTaskContactRequestTypeDef", {k: v for k, v in request.items() if v is not None}
    )
