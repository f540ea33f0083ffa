"""Pure request builders: one per API, returning the exact keyword arguments for boto3.

Every documented rule is checked before anything reaches the network. Problems are collected
and raised together as one :class:`~connect_runtime.errors.ConnectRequestError` naming each
parameter path, the value and the rule. String lengths come from botocore's Connect model;
the rules the model cannot express (metric tables, time windows, byte budgets, patterns) come
from the API reference of 2021-10-29.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, cast

from connect_runtime import _model
from connect_runtime import tasks as _tasks
from connect_runtime.errors import ConnectRequestError, Problem
from connect_runtime.metrics import (
    ESTIMATED_WAIT_TIME,
    HISTORICAL_METRIC_UNITS,
    MAX_SERVICE_LEVEL_METRICS,
    SERVICE_LEVEL,
    CurrentMetric,
    HistoricalMetric,
    current_metric_unit,
    current_metric_units_today,
    threshold_problem,
    warn_if_dropped_metric,
)
from connect_runtime.metrics_v2 import get_metric_data_v2_request
from connect_runtime.references import (
    Reference,
    creation_reference_type_problem,
    reference_value_problem,
)
from connect_runtime.tasks import TaskAttachment

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import (
        ChatMessageTypeDef,
        ChatStreamingConfigurationTypeDef,
        FiltersTypeDef,
        GetCurrentMetricDataRequestTypeDef,
        GetMetricDataRequestPaginateTypeDef,
        GetMetricDataRequestTypeDef,
        ParticipantDetailsTypeDef,
        ReferenceTypeDef,
        StartChatContactRequestTypeDef,
        StartContactStreamingRequestTypeDef,
        StartTaskContactRequestTypeDef,
        StopContactStreamingRequestTypeDef,
    )

__all__ = [
    "CHANNELS",
    "GROUPINGS",
    "MAX_ATTRIBUTES_BYTES",
    "MAX_QUEUES_PER_REQUEST",
    "MAX_REFERENCES_BYTES",
    "get_current_metric_data_request",
    "get_metric_data_paginator_input",
    "get_metric_data_request",
    "get_metric_data_v2_request",
    "start_chat_contact_request",
    "start_contact_streaming_request",
    "start_task_contact_request",
    "stop_contact_streaming_request",
]

MAX_QUEUES_PER_REQUEST: Final = 100
MAX_ATTRIBUTES_BYTES: Final = 32_768
MAX_REFERENCES_BYTES: Final = 4_096
GROUPINGS: Final = ("QUEUE", "CHANNEL", "ROUTING_PROFILE", "INSTANCE")
"""The groupings of the 2021-10-29 API (newer models add ones that need newer filters)."""
CHANNELS: Final = ("VOICE", "CHAT", "TASK")
"""The channels of the 2021-10-29 API (Filters.Channels; today's model adds EMAIL)."""
HISTORICAL_WINDOW: Final = timedelta(hours=24)
"""StartTime no earlier than this before now; EndTime - StartTime strictly less than this."""
TIME_BOUNDARY: Final = timedelta(minutes=5)

# Metrics that need a RoutingProfiles filter when grouped by ROUTING_PROFILE (API doc).
_NEEDS_PROFILE_FILTER: Final = frozenset(
    {"CONTACTS_SCHEDULED", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE"}
)
_ATTRIBUTE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_SNS_TOPIC_ARN: Final = re.compile(
    r"arn:aws(?:-[a-z]+)*:sns:[a-z]{2}(?:-[a-z]+)+-[0-9]+:[0-9]{12}:(?P<name>[A-Za-z0-9_.-]{1,256})"
)
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


class _Checker:
    """Collects problems for one request, then raises them all at once."""

    def __init__(self, operation: str, *, label: str | None = None) -> None:
        self.operation = operation  # whose model constraints apply
        self.label = label or operation  # what the error calls the request
        self.problems: list[Problem] = []

    def problem(self, field: str, value: object, rule: str, source: str = "API doc") -> None:
        self.problems.append(Problem(field, value, rule, source))

    def done(self) -> None:
        if self.problems:
            raise ConnectRequestError(self.label, self.problems)

    def string(
        self,
        field: str,
        value: object,
        model_path: tuple[str, ...],
        *,
        required: bool,
        min_chars: int = 0,
    ) -> str | None:
        """A string member: type, presence and the model's length limits."""
        if value is None:
            if required:
                self.problem(field, value, "is required")
            return None
        if not isinstance(value, str):
            self.problem(field, value, f"must be a string, not {type(value).__name__}")
            return None
        model_low, high = _model.limits(self.operation, *model_path)
        if len(value) < (model_low or 0):
            self.problem(field, value, f"must be at least {model_low} characters long", "model")
            return None
        if len(value) < min_chars:
            self.problem(field, value, "must not be empty")
            return None
        if high is not None and len(value) > high:
            self.problem(field, value, f"must be at most {high} characters long", "model")
            return None
        return value

    def items(self, field: str, value: object) -> list[object] | None:
        """A list-like parameter: any iterable except a string, bytes or mapping."""
        if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Iterable):
            self.problem(field, value, "must be a list")
            return None
        return list(value)

    def mapping(self, field: str, value: object) -> Mapping[object, object] | None:
        if not isinstance(value, Mapping):
            self.problem(field, value, f"must be a mapping, not {type(value).__name__}")
            return None
        return value

    def either(
        self,
        field: str,
        whole: tuple[str, object],
        split: Mapping[str, tuple[str, object]],
    ) -> dict[str, object] | None:
        """``field``'s members, from the API's own one-value form or from the split keywords.

        ``whole``: (keyword, value) of the API form, a dict of the members ``split`` names;
        ``split``: member -> (keyword, value), unset when None. None once the API form is
        told to be broken (then its members are not checked again), or both forms are given.
        """
        keyword, value = whole
        if value is None:
            return {member: given for member, (_, given) in split.items()}
        shown = ", ".join(repr(member) for member in split)
        named = [name for name, given in split.values() if given is not None]
        if named:
            self.problem(field, value, f"pass either {keyword} or {' and '.join(named)}, not both")
        elif not isinstance(value, Mapping):
            self.problem(field, value, f"must be a {{{shown}}} dict, not {type(value).__name__}")
        elif unknown := sorted(str(key) for key in value if key not in split):
            self.problem(field, value, f"unknown keys {unknown}; expected {shown}")
        else:
            return {member: value.get(member) for member in split}
        return None

    def client_token(self, value: object) -> str | None:
        if value is None:
            return str(uuid.uuid4())
        return self.string("ClientToken", value, ("ClientToken",), required=True, min_chars=1)

    def timestamp(self, field: str, value: object) -> datetime | None:
        if not isinstance(value, datetime):
            self.problem(field, value, "must be a timezone-aware datetime")
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            self.problem(field, value, "must be timezone-aware; naive datetimes are ambiguous")
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            self.problem(field, value, "must fall within the years 1..9999 in UTC")
            return None


def check_instance_id(instance_id: object, *, label: str = "ConnectRuntime") -> str:
    """``instance_id`` checked against the model's InstanceId rules, or ConnectRequestError.

    Example:
        >>> check_instance_id("inst-1")
        'inst-1'
    """
    check = _Checker("StartTaskContact", label=label)
    checked = check.string("instance_id", instance_id, ("InstanceId",), required=True)
    check.done()
    assert checked is not None  # done() raised otherwise
    return checked


# --- streaming -------------------------------------------------------------------------------


def start_contact_streaming_request(
    *,
    instance_id: str,
    contact_id: str,
    streaming_endpoint_arn: str | None = None,
    client_token: str | None = None,
    chat_streaming_configuration: ChatStreamingConfigurationTypeDef | None = None,
) -> StartContactStreamingRequestTypeDef:
    """Build ``StartContactStreaming`` kwargs: stream a chat contact's messages to SNS.

    ``streaming_endpoint_arn`` must be a standard (not FIFO) SNS topic ARN; or pass the API's
    own ``chat_streaming_configuration={"StreamingEndpointArn": ...}`` instead. ``client_token``
    defaults to a fresh UUID4; pass the same token to retry the same logical request.

    Example:
        >>> request = start_contact_streaming_request(
        ...     instance_id="inst-1", contact_id="contact-1",
        ...     streaming_endpoint_arn="arn:aws:sns:us-east-1:123456789012:chat-stream",
        ...     client_token="token-1")
        >>> request["ChatStreamingConfiguration"]
        {'StreamingEndpointArn': 'arn:aws:sns:us-east-1:123456789012:chat-stream'}
    """
    check = _Checker("StartContactStreaming")
    instance = check.string("InstanceId", instance_id, ("InstanceId",), required=True)
    contact = check.string("ContactId", contact_id, ("ContactId",), required=True)
    arn = _streaming_arn(check, streaming_endpoint_arn, chat_streaming_configuration)
    token = check.client_token(client_token)
    check.done()
    return cast(
        "StartContactStreamingRequestTypeDef",
        {
            "InstanceId": instance,
            "ContactId": contact,
            "ChatStreamingConfiguration": {"StreamingEndpointArn": arn},
            "ClientToken": token,
        },
    )


def stop_contact_streaming_request(
    *, instance_id: str, contact_id: str, streaming_id: str
) -> StopContactStreamingRequestTypeDef:
    """Build ``StopContactStreaming`` kwargs.

    Example:
        >>> stop_contact_streaming_request(instance_id="i", contact_id="c", streaming_id="s")
        {'InstanceId': 'i', 'ContactId': 'c', 'StreamingId': 's'}
    """
    check = _Checker("StopContactStreaming")
    instance = check.string("InstanceId", instance_id, ("InstanceId",), required=True)
    contact = check.string("ContactId", contact_id, ("ContactId",), required=True)
    streaming = check.string("StreamingId", streaming_id, ("StreamingId",), required=True)
    check.done()
    return cast(
        "StopContactStreamingRequestTypeDef",
        {"InstanceId": instance, "ContactId": contact, "StreamingId": streaming},
    )


# --- metrics ---------------------------------------------------------------------------------


def _id_list(check: _Checker, field: str, value: object, limit: int) -> list[str] | None:
    items = check.items(field, value)
    if items is None:
        return None
    if not items:
        check.problem(field, value, "must name at least 1 item; pass None to leave it out", "model")
        return None
    if len(items) > limit:
        check.problem(field, f"<{len(items)} items>", f"must name at most {limit} items")
    ids: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item:
            check.problem(f"{field}[{index}]", item, "must be a non-empty string (ID or ARN)")
        else:
            ids.append(item)
    return ids


def _filters(check: _Checker, members: Mapping[str, object] | None) -> dict[str, list[str]]:
    """Filters.Queues, .RoutingProfiles and .Channels (``members``: None once told broken)."""
    filters: dict[str, list[str]] = {}
    if members is None:
        return filters
    queues, routing_profiles = members["Queues"], members["RoutingProfiles"]
    channels = members["Channels"]
    if queues is not None:
        limit = _model.limits(check.operation, "Filters", "Queues").max or MAX_QUEUES_PER_REQUEST
        found = _id_list(check, "Filters.Queues", queues, min(limit, MAX_QUEUES_PER_REQUEST))
        if found is not None:
            filters["Queues"] = found
    if routing_profiles is not None:
        limit = _model.limits(check.operation, "Filters", "RoutingProfiles").max or 100
        found = _id_list(check, "Filters.RoutingProfiles", routing_profiles, limit)
        if found is not None:
            filters["RoutingProfiles"] = found
    if channels is not None:
        items = check.items("Filters.Channels", channels)
        if items is not None:
            allowed = _channels(check.operation)
            channel_limit = _model.limits(check.operation, "Filters", "Channels").max
            if channel_limit is not None and len(items) > channel_limit:
                check.problem(
                    "Filters.Channels",
                    channels,
                    f"must name at most {channel_limit} channels",
                    "model",
                )
            if not items:
                check.problem(
                    "Filters.Channels",
                    channels,
                    "must name at least 1 channel; pass None to leave it out",
                )
            for index, item in enumerate(items):
                if item not in allowed:
                    check.problem(
                        f"Filters.Channels[{index}]", item, "must be one of " + ", ".join(allowed)
                    )
            if items and all(item in allowed for item in items):
                filters["Channels"] = cast("list[str]", items)
    if queues is None and routing_profiles is None and channels is None:
        check.problem("Filters", None, "must name queues, routing profiles or channels")
    return filters


def _channels(operation: str) -> tuple[str, ...]:
    # Newer channels in the installed model (EMAIL) are accepted: harmless to pass through.
    extra = sorted(_model.enum(operation, "Filters", "Channels", "member") - set(CHANNELS))
    return (*CHANNELS, *extra)


def _groupings(check: _Checker, value: object) -> list[str] | None:
    if value is None:
        return None
    items = check.items("Groupings", value)
    if items is None:
        return None
    limit = _model.limits(check.operation, "Groupings").max
    if limit is not None and len(items) > limit:
        check.problem("Groupings", value, f"must name at most {limit} groupings", "model")
    valid: list[str] = []
    for index, item in enumerate(items):
        if isinstance(item, str) and item in GROUPINGS:
            if item not in _model.enum(check.operation, "Groupings", "member"):
                _model.warn_dropped(f"Groupings[{index}]", item)
            valid.append(item)
        else:
            check.problem(f"Groupings[{index}]", item, "must be one of " + ", ".join(GROUPINGS))
    return valid


def _paging(check: _Checker, next_token: object, max_results: object) -> dict[str, Any]:
    paging: dict[str, Any] = {}
    token = check.string("NextToken", next_token, ("NextToken",), required=False, min_chars=1)
    if token is not None:
        paging["NextToken"] = token
    if max_results is not None:
        low, high = _model.limits(check.operation, "MaxResults")
        low, high = low or 1, high or 100
        if isinstance(max_results, bool) or not isinstance(max_results, int):
            check.problem("MaxResults", max_results, "must be an integer")
        elif not low <= max_results <= high:
            check.problem("MaxResults", max_results, f"must be from {low} to {high}", "model")
        else:
            paging["MaxResults"] = max_results
    return paging


def _metric_item(
    check: _Checker, path: str, item: object, spec: type, keys: tuple[str, ...], expected: str
) -> tuple[dict[str, Any] | None, Mapping[str, Any] | None, bool]:
    """One metric item read: (built from a spec object, or the dict form to check, and whether
    the dict form has no unknown keys). ``keys``: the dict form's, ``expected``: said of them."""
    if isinstance(item, spec):
        return dict(item.to_api()), None, True  # type: ignore[attr-defined]
    if not isinstance(item, Mapping):
        shown = ", ".join(repr(key) for key in keys if key != "Threshold")
        check.problem(path, item, f"must be a {spec.__name__} or a {{{shown}}} dict")
        return None, None, False
    unknown = sorted(str(key) for key in item if key not in keys)
    if unknown:
        check.problem(path, item, f"unknown keys {unknown}; expected {expected}")
    return None, item, not unknown


def _current_metric(check: _Checker, index: int, item: object) -> dict[str, Any] | None:
    path = f"CurrentMetrics[{index}]"
    keys = ("Name", "Unit")
    built, given, known = _metric_item(check, path, item, CurrentMetric, keys, "Name and Unit")
    if given is None:
        return built
    name, unit = given.get("Name"), given.get("Unit")
    legal = current_metric_unit(name)
    if legal is None:
        check.problem(
            f"{path}.Name",
            name,
            "must be one of " + ", ".join(sorted(current_metric_units_today())),
        )
        return None
    if unit != legal:
        check.problem(f"{path}.Unit", unit, f"{name} takes Unit {legal}")
        return None
    return {"Name": name, "Unit": unit} if known else None


def _metrics(check: _Checker, field: str, value: object, one: Any) -> list[dict[str, Any]] | None:
    items = check.items(field, value)
    if items is None:
        return None
    if not items:
        check.problem(field, value, "must name at least 1 metric")
        return None
    built = [one(check, index, item) for index, item in enumerate(items)]
    return [metric for metric in built if metric is not None]


# Filters and groupings GetCurrentMetricData gained after 2021; their rules are written only in
# the model's documentation strings of GetCurrentMetricData.Filters and .Groupings.
_NEEDS_QUEUE_FILTER: Final = ("AgentStatuses", "Subtypes", "ValidationTestTypes")
_MAX_AGENT_STATUSES: Final = 50
"""Filters.AgentStatuses: "A list of up to 50 agent status IDs or ARNs" (model doc; no max)."""
_UNSORTABLE: Final = frozenset({"SLOTS_ACTIVE", "SLOTS_AVAILABLE"})
"""SortCriteria: "Sorting on SLOTS_ACTIVE and SLOTS_AVAILABLE is not supported" (model doc)."""
_SECOND_AFTER_QUEUE: Final = frozenset({"SUBTYPE", "VALIDATION_TEST_TYPE"})


def _current_groupings(check: _Checker, value: object) -> list[str] | None:
    """Today's groupings: the model's enum, plus the 2021 INSTANCE (with a warning)."""
    if value is None:
        return None
    items = check.items("Groupings", value)
    if items is None:
        return None
    allowed = sorted(_model.enum(check.operation, "Groupings", "member"))
    limit = _model.limits(check.operation, "Groupings").max
    if limit is not None and len(items) > limit:
        check.problem("Groupings", value, f"must name at most {limit} groupings", "model")
    names = [item for item in items if isinstance(item, str)]
    if len(set(names)) < len(names):
        check.problem("Groupings", value, "must not name a grouping twice")
    valid: list[str] = []
    for index, item in enumerate(items):
        if isinstance(item, str) and item in allowed:
            valid.append(item)
        elif isinstance(item, str) and item in GROUPINGS:  # INSTANCE: 2021 API only
            _model.warn_dropped(f"Groupings[{index}]", item)
            valid.append(item)
        else:
            check.problem(
                f"Groupings[{index}]", item, "must be one of " + ", ".join(allowed), "model"
            )
    return valid


def _string_list(
    check: _Checker, member: str, value: object, limit: int | None
) -> list[str] | None:
    field = f"Filters.{member}"
    items = check.items(field, value)
    if items is None:
        return None
    if not items:
        check.problem(field, value, "must name at least 1 item; pass None to leave it out")
        return None
    if limit is not None and len(items) > limit:
        check.problem(field, f"<{len(items)} items>", f"must name at most {limit} items")
    found: list[str] = []
    for index, item in enumerate(items):
        text = check.string(
            f"{field}[{index}]", item, ("Filters", member, "member"), required=True, min_chars=1
        )
        if text is not None:
            found.append(text)
    return found if len(found) == len(items) else None


def _current_filters_today(check: _Checker, values: Mapping[str, object]) -> dict[str, list[str]]:
    members = ("RoutingStepExpressions", "AgentStatuses", "Subtypes", "ValidationTestTypes")
    filters: dict[str, list[str]] = {}
    for member in members:
        if values.get(member) is None:
            continue
        limit = _model.limits(check.operation, "Filters", member).max
        if member == "AgentStatuses":
            limit = _MAX_AGENT_STATUSES
        found = _string_list(check, member, values[member], limit)
        if found is not None:
            filters[member] = found
    return filters


def _current_rules_today(
    check: _Checker,
    filters: Mapping[str, list[str]],
    groupings: list[str],
    metrics: list[dict[str, Any]],
) -> None:
    queues = filters.get("Queues")
    for member in _NEEDS_QUEUE_FILTER:
        if member in filters and queues is None:
            check.problem(f"Filters.{member}", filters[member], "needs a Queues filter")
    if "RoutingStepExpressions" in filters:
        if queues is None or len(queues) != 1:
            check.problem(
                "Filters.Queues", queues, "a RoutingStepExpressions filter needs exactly one queue"
            )
        if "ROUTING_STEP_EXPRESSION" not in groupings:
            check.problem(
                "Groupings",
                groupings,
                "a RoutingStepExpressions filter needs grouping by ROUTING_STEP_EXPRESSION",
            )
    names = {metric["Name"] for metric in metrics}
    if "AGENT_STATUS" in groupings:
        if groupings[0] != "QUEUE" or queues is None:
            check.problem(
                "Groupings",
                groupings,
                "grouping by AGENT_STATUS needs QUEUE as the first grouping and a Queues filter",
            )
        if names - {"AGENTS_ONLINE"}:
            check.problem(
                "CurrentMetrics",
                sorted(names),
                "grouped by AGENT_STATUS, the only metric is AGENTS_ONLINE",
            )
    if (
        len(groupings) > 1
        and groupings[1] in _SECOND_AFTER_QUEUE
        and (groupings[0] != "QUEUE" or queues is None)
    ):
        check.problem(
            "Groupings",
            groupings,
            f"{groupings[1]} as the second grouping needs QUEUE first and a Queues filter",
        )
    if ESTIMATED_WAIT_TIME in names and not _estimated_wait_time_ok(filters, groupings):
        check.problem(
            "CurrentMetrics",
            ESTIMATED_WAIT_TIME,
            "ESTIMATED_WAIT_TIME needs Queues and Channels filters grouped by [QUEUE, CHANNEL], or"
            " one queue, one channel and RoutingStepExpressions grouped by"
            " [ROUTING_STEP_EXPRESSION]",
        )


def _estimated_wait_time_ok(filters: Mapping[str, list[str]], groupings: list[str]) -> bool:
    queues, channels = filters.get("Queues"), filters.get("Channels")
    if queues is None or channels is None:
        return False
    if sorted(groupings) == ["CHANNEL", "QUEUE"]:
        return True
    return (
        groupings == ["ROUTING_STEP_EXPRESSION"]
        and len(queues) == 1
        and len(channels) == 1
        and "RoutingStepExpressions" in filters
    )


def _sort_criteria(check: _Checker, value: object) -> list[dict[str, str]] | None:
    if value is None:
        return None
    items = check.items("SortCriteria", value)
    if items is None:
        return None
    limit = _model.limits(check.operation, "SortCriteria").max or 1
    if len(items) > limit:
        check.problem("SortCriteria", value, f"must name at most {limit} sort criterion", "model")
        return None
    names = _model.enum(check.operation, "SortCriteria", "member", "SortByMetric")
    orders = _model.enum(check.operation, "SortCriteria", "member", "SortOrder")
    built: list[dict[str, str]] = []
    for index, item in enumerate(items):
        path = f"SortCriteria[{index}]"
        if not isinstance(item, Mapping) or set(item) - {"SortByMetric", "SortOrder"}:
            check.problem(path, item, "must be a {'SortByMetric', 'SortOrder'} dict")
            continue
        metric, order = item.get("SortByMetric"), item.get("SortOrder")
        if metric not in names:
            check.problem(
                f"{path}.SortByMetric",
                metric,
                "must be one of " + ", ".join(sorted(names)),
                "model",
            )
        elif metric in _UNSORTABLE:
            check.problem(
                f"{path}.SortByMetric",
                metric,
                "sorting on SLOTS_ACTIVE or SLOTS_AVAILABLE is not supported",
            )
        if order is not None and order not in orders:
            check.problem(
                f"{path}.SortOrder", order, "must be one of " + ", ".join(sorted(orders)), "model"
            )
        built.append({key: str(val) for key, val in item.items() if val is not None})
    return built


def _current_grouping_rules(
    check: _Checker,
    group_list: list[str] | None,
    built: list[dict[str, Any]] | None,
    filters: set[str],
) -> None:
    """The 2021 rules for grouping by CHANNEL and ROUTING_PROFILE (``filters``: those given)."""
    groups = set(group_list or ())
    if "CHANNEL" in groups and "Channels" not in filters:
        check.problem(
            "Groupings", group_list, "grouping by CHANNEL needs a Filters.Channels filter"
        )
    if "ROUTING_PROFILE" not in groups:
        return
    if "Queues" not in filters and "RoutingProfiles" not in filters:
        check.problem(
            "Groupings",
            group_list,
            "grouping by ROUTING_PROFILE needs a queue or routing profile filter",
        )
    if "RoutingProfiles" not in filters:
        for metric in built or ():
            if metric["Name"] in _NEEDS_PROFILE_FILTER:
                check.problem(
                    "Filters.RoutingProfiles",
                    None,
                    f"{metric['Name']} grouped by ROUTING_PROFILE needs a routing profile filter",
                )


def get_current_metric_data_request(
    *,
    instance_id: str,
    metrics: Iterable[CurrentMetric | Mapping[str, Any]],
    queues: Iterable[str] | None = None,
    routing_profiles: Iterable[str] | None = None,
    channels: Iterable[str] | None = None,
    groupings: Iterable[str] | None = None,
    next_token: str | None = None,
    max_results: int | None = None,
    routing_step_expressions: Iterable[str] | None = None,
    agent_statuses: Iterable[str] | None = None,
    subtypes: Iterable[str] | None = None,
    validation_test_types: Iterable[str] | None = None,
    sort_criteria: Iterable[Mapping[str, str]] | None = None,
    filters: FiltersTypeDef | None = None,
) -> GetCurrentMetricDataRequestTypeDef:
    """Build ``GetCurrentMetricData`` kwargs for real-time metrics.

    Filters (the keywords, or the API's own ``filters`` dict) name queues (at most 100),
    routing profiles or channels, not both queues and routing profiles. Grouping by CHANNEL
    needs a channel filter; by ROUTING_PROFILE a queue or routing-profile filter, and a
    routing-profile one for CONTACTS_SCHEDULED, CONTACTS_IN_QUEUE and OLDEST_CONTACT_AGE.
    Newer members follow the rules the model's documentation states (README).

    Example:
        >>> request = get_current_metric_data_request(
        ...     instance_id="inst-1", queues=["q-1"], groupings=["QUEUE"],
        ...     metrics=[CurrentMetric("CONTACTS_IN_QUEUE"), CurrentMetric("OLDEST_CONTACT_AGE")])
        >>> request["CurrentMetrics"][1]
        {'Name': 'OLDEST_CONTACT_AGE', 'Unit': 'SECONDS'}
    """
    check = _Checker("GetCurrentMetricData")
    instance = check.string("InstanceId", instance_id, ("InstanceId",), required=True)
    keywords = _filter_keywords(
        queues=queues,
        routing_profiles=routing_profiles,
        channels=channels,
        routing_step_expressions=routing_step_expressions,
        agent_statuses=agent_statuses,
        subtypes=subtypes,
        validation_test_types=validation_test_types,
    )
    members = check.either("Filters", ("filters", filters), keywords)
    built_filters = _current_filters(check, members)
    group_list = _current_groupings(check, groupings)
    built = _metrics(check, "CurrentMetrics", metrics, _current_metric)
    built_filters.update(_current_filters_today(check, members or {}))
    _current_rules_today(check, built_filters, group_list or [], built or [])
    sort = _sort_criteria(check, sort_criteria)
    given = {member for member, value in (members or {}).items() if value is not None}
    _current_grouping_rules(check, group_list, built, given)
    paging = _paging(check, next_token, max_results)
    check.done()
    request = {"InstanceId": instance, "Filters": built_filters, "CurrentMetrics": built}
    return cast("GetCurrentMetricDataRequestTypeDef", _finish(request, group_list, paging, sort))


_FILTER_KEYWORDS: Final = {
    "Queues": "queues",
    "RoutingProfiles": "routing_profiles",
    "Channels": "channels",
    "RoutingStepExpressions": "routing_step_expressions",
    "AgentStatuses": "agent_statuses",
    "Subtypes": "subtypes",
    "ValidationTestTypes": "validation_test_types",
}
"""Filters member -> the builders' keyword for it."""


def _filter_keywords(**given: object) -> dict[str, tuple[str, object]]:
    """The Filters members a builder takes, as :meth:`_Checker.either` reads them."""
    return {
        member: (keyword, given[keyword])
        for member, keyword in _FILTER_KEYWORDS.items()
        if keyword in given
    }


def _current_filters(check: _Checker, members: Mapping[str, object] | None) -> dict[str, Any]:
    """The 2021 filters of ``GetCurrentMetricData``: never queues and routing profiles both."""
    filters = _filters(check, members)
    if members is None:
        return filters
    queues, routing_profiles = members["Queues"], members["RoutingProfiles"]
    if queues is not None and routing_profiles is not None:
        check.problem(
            "Filters",
            "Queues and RoutingProfiles",
            "cannot filter by both queues and routing profiles",
        )
    return filters


def _finish(
    request: dict[str, Any],
    groupings: list[str] | None,
    paging: Mapping[str, Any],
    sort: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """``request`` with its groupings and sort criteria (when given) and paging added."""
    if groupings is not None:
        request["Groupings"] = groupings
    if sort is not None:
        request["SortCriteria"] = sort
    request.update(paging)
    return request


def _historical_metric(check: _Checker, index: int, item: object) -> dict[str, Any] | None:
    path = f"HistoricalMetrics[{index}]"
    allowed = ("Name", "Unit", "Statistic", "Threshold")
    built, item, ok = _metric_item(check, path, item, HistoricalMetric, allowed, ", ".join(allowed))
    if item is None:
        return built
    name = item.get("Name")
    if not isinstance(name, str) or name not in HISTORICAL_METRIC_UNITS:
        names = ", ".join(sorted(HISTORICAL_METRIC_UNITS))
        check.problem(f"{path}.Name", name, f"must be one of {names}")
        return None
    unit, statistic = HISTORICAL_METRIC_UNITS[name]
    warn_if_dropped_metric(name)
    if item.get("Unit") != unit:
        check.problem(f"{path}.Unit", item.get("Unit"), f"{name} takes Unit {unit}")
        ok = False
    if item.get("Statistic") != statistic:
        check.problem(
            f"{path}.Statistic", item.get("Statistic"), f"{name} takes Statistic {statistic}"
        )
        ok = False
    metric: dict[str, Any] = {"Name": name, "Unit": unit, "Statistic": statistic}
    threshold = item.get("Threshold")
    if name != SERVICE_LEVEL:
        if "Threshold" in item:
            check.problem(f"{path}.Threshold", threshold, "only SERVICE_LEVEL takes a Threshold")
            ok = False
        return metric if ok else None
    checked = _service_level_threshold(check, path, threshold)
    if checked is None:
        return None
    metric["Threshold"] = checked
    return metric if ok else None


def _service_level_threshold(
    check: _Checker, path: str, threshold: object
) -> dict[str, Any] | None:
    """SERVICE_LEVEL's ``Threshold`` as the API takes it, or ``None`` once a problem is told."""
    if not isinstance(threshold, Mapping):
        check.problem(
            f"{path}.Threshold",
            threshold,
            "SERVICE_LEVEL needs a Threshold dict with Comparison and ThresholdValue",
        )
        return None
    ok = True
    extra = sorted(str(key) for key in threshold if key not in ("Comparison", "ThresholdValue"))
    if extra:
        check.problem(
            f"{path}.Threshold",
            threshold,
            f"unknown keys {extra}; expected Comparison and ThresholdValue",
        )
        ok = False
    if threshold.get("Comparison") != "LT":
        check.problem(f"{path}.Threshold.Comparison", threshold.get("Comparison"), "must be LT")
        ok = False
    value = threshold.get("ThresholdValue")
    reason = threshold_problem(value)
    if reason is not None:
        check.problem(f"{path}.Threshold.ThresholdValue", value, reason)
        return None
    return {"Comparison": "LT", "ThresholdValue": float(cast("float", value))} if ok else None


def get_metric_data_request(
    *,
    instance_id: str,
    start_time: datetime,
    end_time: datetime,
    metrics: Iterable[HistoricalMetric | Mapping[str, Any]],
    queues: Iterable[str] | None = None,
    routing_profiles: Iterable[str] | None = None,
    channels: Iterable[str] | None = None,
    groupings: Iterable[str] | None = None,
    next_token: str | None = None,
    max_results: int | None = None,
    now: datetime | None = None,
    filters: FiltersTypeDef | None = None,
) -> GetMetricDataRequestTypeDef:
    """Build ``GetMetricData`` kwargs for historical metrics.

    ``start_time`` and ``end_time`` must be timezone-aware, on 5-minute boundaries, less than
    24 hours apart, with the start no earlier than 24 hours before ``now`` (the current time
    unless given; inject it for tests). Each metric takes its documented unit and statistic;
    SERVICE_LEVEL takes a threshold (at most 20 of them per request). ``filters`` takes the
    API's own ``Filters`` dict (Queues, RoutingProfiles, Channels) instead of the keywords.

    Example:
        >>> from datetime import datetime, timezone
        >>> now = datetime(2021, 10, 29, 12, 3, tzinfo=timezone.utc)
        >>> request = get_metric_data_request(
        ...     instance_id="inst-1", queues=["q-1"], now=now,
        ...     start_time=datetime(2021, 10, 29, 11, 0, tzinfo=timezone.utc),
        ...     end_time=datetime(2021, 10, 29, 12, 0, tzinfo=timezone.utc),
        ...     metrics=[HistoricalMetric("CONTACTS_HANDLED"), HistoricalMetric.service_level(20)])
        >>> request["HistoricalMetrics"][0]
        {'Name': 'CONTACTS_HANDLED', 'Unit': 'COUNT', 'Statistic': 'SUM'}
    """
    check = _Checker("GetMetricData")
    instance = check.string("InstanceId", instance_id, ("InstanceId",), required=True)
    start = check.timestamp("StartTime", start_time)
    end = check.timestamp("EndTime", end_time)
    clock = datetime.now(UTC) if now is None else check.timestamp("now", now)
    _check_window(check, start, end, clock)
    keywords = _filter_keywords(queues=queues, routing_profiles=routing_profiles, channels=channels)
    built_filters = _filters(check, check.either("Filters", ("filters", filters), keywords))
    group_list = _groupings(check, groupings)
    built = _historical_metrics(check, metrics)
    paging = _paging(check, next_token, max_results)
    check.done()
    request: dict[str, Any] = {
        "InstanceId": instance,
        "StartTime": start,
        "EndTime": end,
        "Filters": built_filters,
        "HistoricalMetrics": built,
    }
    return cast("GetMetricDataRequestTypeDef", _finish(request, group_list, paging))


def _historical_metrics(check: _Checker, metrics: object) -> list[dict[str, Any]] | None:
    built = _metrics(check, "HistoricalMetrics", metrics, _historical_metric)
    service_levels = sum(1 for metric in built or () if metric["Name"] == SERVICE_LEVEL)
    if service_levels > MAX_SERVICE_LEVEL_METRICS:
        check.problem(
            "HistoricalMetrics",
            f"<{service_levels} SERVICE_LEVEL metrics>",
            f"at most {MAX_SERVICE_LEVEL_METRICS} SERVICE_LEVEL metrics per request",
        )
    return built


def get_metric_data_paginator_input(
    request: GetMetricDataRequestTypeDef,
) -> GetMetricDataRequestPaginateTypeDef:
    """A built GetMetricData request as the input of botocore's ``get_metric_data`` paginator.

    The paginator follows NextToken itself and takes the page size in ``PaginationConfig``, so
    ``NextToken`` and ``MaxResults`` move out of the request. (GetCurrentMetricData and
    GetMetricDataV2 have no botocore paginator: :class:`~connect_runtime.ConnectRuntime` pages
    them, restarting a sweep whose token expired, which a paginator cannot do.)

    Example:
        >>> from datetime import datetime, timezone
        >>> now = datetime(2021, 10, 29, 12, 0, tzinfo=timezone.utc)
        >>> request = get_metric_data_request(
        ...     instance_id="i", queues=["q"], metrics=[HistoricalMetric("CONTACTS_HANDLED")],
        ...     start_time=now.replace(hour=11), end_time=now, now=now, max_results=50)
        >>> get_metric_data_paginator_input(request)["PaginationConfig"]
        {'PageSize': 50}
    """
    paginate: dict[str, Any] = {
        key: value for key, value in request.items() if key not in ("NextToken", "MaxResults")
    }
    if "MaxResults" in request:
        paginate["PaginationConfig"] = {"PageSize": request["MaxResults"]}
    return cast("GetMetricDataRequestPaginateTypeDef", paginate)


def _check_window(
    check: _Checker, start: datetime | None, end: datetime | None, now: datetime | None
) -> None:
    for field, value in (("StartTime", start), ("EndTime", end)):
        if value is not None and (value - _EPOCH) % TIME_BOUNDARY:
            check.problem(field, value, "must be on a 5-minute boundary (such as 10:05:00)")
    if start is None or end is None:
        return
    if end <= start:
        check.problem("EndTime", end, "must be later than StartTime")
    elif end - start >= HISTORICAL_WINDOW:
        check.problem("EndTime", end, "must be less than 24 hours after StartTime")
    if now is not None and now - start > HISTORICAL_WINDOW:
        check.problem(
            "StartTime", start, f"must be no earlier than 24 hours before now ({now.isoformat()})"
        )


# --- tasks -----------------------------------------------------------------------------------


def _attributes(check: _Checker, value: object) -> dict[str, str] | None:
    mapping = check.mapping("Attributes", value)
    if mapping is None:
        return None
    _, key_high = _model.limits(check.operation, "Attributes", "key")
    _, value_high = _model.limits(check.operation, "Attributes", "value")
    total = 0
    result: dict[str, str] = {}
    for key, item in mapping.items():
        path = (
            f"Attributes[{key!r}]"
            if isinstance(key, str) and len(key) <= 60
            else "Attributes[<key>]"
        )
        if not isinstance(key, str):
            check.problem("Attributes", key, "keys must be strings")
            continue
        if not _ATTRIBUTE_KEY.fullmatch(key):
            check.problem(path, key, "keys may contain only ASCII letters, digits, '-' and '_'")
        elif key_high is not None and len(key) > key_high:
            check.problem(path, key, f"keys must be at most {key_high} characters long", "model")
        if not isinstance(item, str):
            check.problem(path, item, "values must be strings")
            continue
        if value_high is not None and len(item) > value_high:
            check.problem(
                path, item, f"values must be at most {value_high} characters long", "model"
            )
        total += _utf8_len(key) + _utf8_len(item)
        result[key] = item
    if total > MAX_ATTRIBUTES_BYTES:
        check.problem(
            "Attributes",
            f"<{total} UTF-8 bytes>",
            f"keys and values must total at most {MAX_ATTRIBUTES_BYTES} UTF-8 bytes",
        )
    return result


def _utf8_len(text: str) -> int:
    # surrogates cannot be sent at all; count them so the encode never raises here
    return len(text.encode("utf-8", "surrogatepass"))


def _references(check: _Checker, value: object) -> dict[str, dict[str, str]] | None:
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
        total += _utf8_len(name) + _utf8_len(ref_value)
        result[name] = reference
    if total > MAX_REFERENCES_BYTES:
        check.problem(
            "References",
            f"<{total} UTF-8 bytes>",
            f"names and values must total at most {MAX_REFERENCES_BYTES} UTF-8 bytes",
        )
    return result


def _reference(check: _Checker, path: str, item: object) -> dict[str, str] | None:
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


def _task_today_fields(
    check: _Checker,
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
        else _tasks.scheduled_time(scheduled_time, clock, check.problems),
        "SegmentAttributes": None
        if segment_attributes is None
        else _tasks.segment_attributes(segment_attributes, check.problems),
        "Attachments": None
        if attachments is None
        else _tasks.attachments(attachments, check.problems),
    }


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
    check = _Checker("StartTaskContact")
    flows = (contact_flow_id, quick_connect_id, task_template_id)
    given = dict(zip(_tasks.FLOW_CHOICE, flows, strict=True))
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
    _tasks.flow_choice_problems(given, check.problems)
    request["Attributes"] = None if attributes is None else _attributes(check, attributes)
    request["References"] = None if references is None else _references(check, references)
    today = (related_contact_id, scheduled_time, segment_attributes, attachments, now)
    request.update(_task_today_fields(check, *today))
    request["ClientToken"] = check.client_token(client_token)
    check.done()
    return cast(
        "StartTaskContactRequestTypeDef", {k: v for k, v in request.items() if v is not None}
    )


# --- chat --------------------------------------------------------------------------------------

# From the botocore 1.44 Connect model's StartChatContact documentation strings (the current API
# reference, https://docs.aws.amazon.com/connect/latest/APIReference/API_StartChatContact.html).
CHAT_MESSAGE_CONTENT_TYPES: Final = (
    "text/plain",
    "text/markdown",
    "application/json",
    "application/vnd.amazonaws.connect.message.interactive.response",
)
"""InitialMessage.ContentType: "Supported types are text/plain, text/markdown, application/json,
and application/vnd.amazonaws.connect.message.interactive.response" (ChatMessage doc)."""
SUPPORTED_MESSAGING_CONTENT_TYPES: Final = (
    "text/plain",
    "text/markdown",
    "application/json",
    "application/vnd.amazonaws.connect.message.interactive",
    "application/vnd.amazonaws.connect.message.interactive.response",
)
"""SupportedMessagingContentTypes: these, and "Content types must always contain text/plain"."""
MAX_CHAT_MESSAGE_BYTES: Final = 16_384
"""InitialMessage.Content: "Maximum of 16,384 bytes for all content types" (ChatMessage doc)."""


def _streaming_arn(check: _Checker, arn: object, configuration: object) -> str | None:
    """ChatStreamingConfiguration.StreamingEndpointArn, from either form of the member."""
    members = check.either(
        "ChatStreamingConfiguration",
        ("chat_streaming_configuration", configuration),
        {"StreamingEndpointArn": ("streaming_endpoint_arn", arn)},
    )
    if members is None:
        return None
    return _topic_arn(
        check,
        "ChatStreamingConfiguration.StreamingEndpointArn",
        members["StreamingEndpointArn"],
        ("ChatStreamingConfiguration", "StreamingEndpointArn"),
    )


def _topic_arn(check: _Checker, field: str, value: object, path: tuple[str, ...]) -> str | None:
    arn = check.string(field, value, path, required=True)
    if arn is None:
        return None
    match = _SNS_TOPIC_ARN.fullmatch(arn)
    if match is None:
        check.problem(field, arn, "must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)")
    elif match["name"].endswith(".fifo"):
        check.problem(field, arn, "must be a standard SNS topic; FIFO topics are not supported")
    elif "." in match["name"]:
        check.problem(field, arn, "topic names use only letters, digits, '-' and '_'")
    return arn


def _initial_message(
    check: _Checker, content: object, content_type: object
) -> dict[str, str] | None:
    if isinstance(content, Mapping):  # the API's own ChatMessage form
        given = None if content_type == "text/plain" else content_type  # the keyword's default
        members = check.either(
            "InitialMessage",
            ("initial_message", content),
            {
                "ContentType": ("initial_message_content_type", given),
                "Content": ("initial_message", None),
            },
        )
        if members is None:
            return None
        content, content_type = members["Content"], members["ContentType"]
    text = check.string(
        "InitialMessage.Content", content, ("InitialMessage", "Content"), required=True
    )
    if text is not None and _utf8_len(text) > MAX_CHAT_MESSAGE_BYTES:
        check.problem(
            "InitialMessage.Content",
            f"<{_utf8_len(text)} UTF-8 bytes>",
            f"must be at most {MAX_CHAT_MESSAGE_BYTES} UTF-8 bytes",
        )
    if content_type not in CHAT_MESSAGE_CONTENT_TYPES:
        check.problem(
            "InitialMessage.ContentType",
            content_type,
            "must be one of " + ", ".join(CHAT_MESSAGE_CONTENT_TYPES),
        )
    return {"ContentType": cast("str", content_type), "Content": cast("str", text)}


def _supported_types(check: _Checker, value: object) -> list[str] | None:
    items = check.items("SupportedMessagingContentTypes", value)
    if items is None:
        return None
    for index, item in enumerate(items):
        if item not in SUPPORTED_MESSAGING_CONTENT_TYPES:
            check.problem(
                f"SupportedMessagingContentTypes[{index}]",
                item,
                "must be one of " + ", ".join(SUPPORTED_MESSAGING_CONTENT_TYPES),
            )
    if "text/plain" not in items:
        check.problem("SupportedMessagingContentTypes", value, "must always contain text/plain")
    return cast("list[str]", items)


def _participant(check: _Checker, display_name: object, details: object) -> dict[str, object]:
    members = check.either(
        "ParticipantDetails",
        ("participant_details", details),
        {"DisplayName": ("display_name", display_name)},
    )
    if members is None:
        return {"DisplayName": None}
    name = check.string(
        "ParticipantDetails.DisplayName",
        members["DisplayName"],
        ("ParticipantDetails", "DisplayName"),
        required=True,
    )
    return {"DisplayName": name}


def _chat_duration(check: _Checker, value: object) -> int | None:
    low, high = _model.limits(check.operation, "ChatDurationInMinutes")
    if isinstance(value, bool) or not isinstance(value, int):
        check.problem("ChatDurationInMinutes", value, "must be an integer number of minutes")
        return None
    if not (low or 0) <= value <= (high or value):
        check.problem("ChatDurationInMinutes", value, f"must be from {low} to {high}", "model")
        return None
    return value


def _chat_optional(
    check: _Checker,
    *,
    attributes: object,
    initial_message: object,
    initial_message_content_type: object,
    streaming_endpoint_arn: object,
    chat_streaming_configuration: object,
    chat_duration_in_minutes: object,
    supported_messaging_content_types: object,
    related_contact_id: object,
    customer_id: object,
) -> dict[str, Any]:
    """StartChatContact's optional members, checked (None where not given)."""
    return {
        "Attributes": None if attributes is None else _attributes(check, attributes),
        "InitialMessage": None
        if initial_message is None
        else _initial_message(check, initial_message, initial_message_content_type),
        "ChatStreamingConfiguration": None
        if streaming_endpoint_arn is None and chat_streaming_configuration is None
        else {
            "StreamingEndpointArn": _streaming_arn(
                check, streaming_endpoint_arn, chat_streaming_configuration
            )
        },
        "ChatDurationInMinutes": None
        if chat_duration_in_minutes is None
        else _chat_duration(check, chat_duration_in_minutes),
        "SupportedMessagingContentTypes": None
        if supported_messaging_content_types is None
        else _supported_types(check, supported_messaging_content_types),
        "RelatedContactId": check.string(
            "RelatedContactId", related_contact_id, ("RelatedContactId",), required=False
        ),
        "CustomerId": check.string("CustomerId", customer_id, ("CustomerId",), required=False),
    }


def start_chat_contact_request(
    *,
    instance_id: str,
    contact_flow_id: str,
    display_name: str | None = None,
    initial_message: str | ChatMessageTypeDef | None = None,
    initial_message_content_type: str = "text/plain",
    streaming_endpoint_arn: str | None = None,
    attributes: Mapping[str, str] | None = None,
    chat_duration_in_minutes: int | None = None,
    supported_messaging_content_types: Iterable[str] | None = None,
    related_contact_id: str | None = None,
    customer_id: str | None = None,
    client_token: str | None = None,
    participant_details: ParticipantDetailsTypeDef | None = None,
    chat_streaming_configuration: ChatStreamingConfigurationTypeDef | None = None,
) -> StartChatContactRequestTypeDef:
    """Build ``StartChatContact`` kwargs; ``streaming_endpoint_arn`` streams from the first message.

    With ``streaming_endpoint_arn`` (a standard SNS topic) the chat is streamed from its first
    message through ``ChatStreamingConfiguration``: no StartContactStreaming call is needed.
    The API's own forms are taken too: ``participant_details={"DisplayName": ...}`` instead of
    ``display_name``, ``initial_message={"ContentType": ..., "Content": ...}`` and
    ``chat_streaming_configuration={"StreamingEndpointArn": ...}``.

    Example:
        >>> request = start_chat_contact_request(instance_id="inst-1", contact_flow_id="flow-1",
        ...     display_name="Jane", initial_message="Hi!", client_token="t-1",
        ...     streaming_endpoint_arn="arn:aws:sns:us-east-1:123456789012:chat-stream")
        >>> request["ChatStreamingConfiguration"], request["InitialMessage"]
        ({'StreamingEndpointArn': 'arn:aws:sns:us-east-1:123456789012:chat-stream'}, \
{'ContentType': 'text/plain', 'Content': 'Hi!'})
    """
    check = _Checker("StartChatContact")
    request: dict[str, Any] = {
        "InstanceId": check.string("InstanceId", instance_id, ("InstanceId",), required=True),
        "ContactFlowId": check.string(
            "ContactFlowId", contact_flow_id, ("ContactFlowId",), required=True, min_chars=1
        ),
        "ParticipantDetails": _participant(check, display_name, participant_details),
    }
    optional = _chat_optional(
        check,
        attributes=attributes,
        initial_message=initial_message,
        initial_message_content_type=initial_message_content_type,
        streaming_endpoint_arn=streaming_endpoint_arn,
        chat_streaming_configuration=chat_streaming_configuration,
        chat_duration_in_minutes=chat_duration_in_minutes,
        supported_messaging_content_types=supported_messaging_content_types,
        related_contact_id=related_contact_id,
        customer_id=customer_id,
    )
    request.update({key: value for key, value in optional.items() if value is not None})
    request["ClientToken"] = check.client_token(client_token)
    check.done()
    return cast("StartChatContactRequestTypeDef", request)
