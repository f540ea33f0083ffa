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
from connect_runtime.errors import ConnectRequestError, Problem
from connect_runtime.metrics import (
    CURRENT_METRIC_UNITS,
    HISTORICAL_METRIC_UNITS,
    MAX_SERVICE_LEVEL_METRICS,
    SERVICE_LEVEL,
    CurrentMetric,
    HistoricalMetric,
    threshold_problem,
)
from connect_runtime.references import REFERENCE_TYPES, Reference, reference_value_problem

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import (
        GetCurrentMetricDataRequestTypeDef,
        GetMetricDataRequestTypeDef,
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
    "get_metric_data_request",
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
    streaming_endpoint_arn: str,
    client_token: str | None = None,
) -> StartContactStreamingRequestTypeDef:
    """Build ``StartContactStreaming`` kwargs: stream a chat contact's messages to SNS.

    ``streaming_endpoint_arn`` must be a standard (not FIFO) SNS topic ARN. ``client_token``
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
    field = "ChatStreamingConfiguration.StreamingEndpointArn"
    arn = check.string(
        field,
        streaming_endpoint_arn,
        ("ChatStreamingConfiguration", "StreamingEndpointArn"),
        required=True,
    )
    if arn is not None:
        match = _SNS_TOPIC_ARN.fullmatch(arn)
        if match is None:
            check.problem(field, arn, "must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)")
        elif match["name"].endswith(".fifo"):
            check.problem(field, arn, "must be a standard SNS topic; FIFO topics are not supported")
        elif "." in match["name"]:
            check.problem(field, arn, "topic names use only letters, digits, '-' and '_'")
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


def _filters(
    check: _Checker,
    *,
    queues: object,
    routing_profiles: object,
    channels: object,
) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
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


def _current_metric(check: _Checker, index: int, item: object) -> dict[str, Any] | None:
    path = f"CurrentMetrics[{index}]"
    if isinstance(item, CurrentMetric):
        return dict(item.to_api())
    if not isinstance(item, Mapping):
        check.problem(path, item, "must be a CurrentMetric or a {'Name', 'Unit'} dict")
        return None
    unknown = sorted(str(key) for key in item if key not in ("Name", "Unit"))
    if unknown:
        check.problem(path, item, f"unknown keys {unknown}; expected Name and Unit")
    name, unit = item.get("Name"), item.get("Unit")
    if not isinstance(name, str) or name not in CURRENT_METRIC_UNITS:
        check.problem(
            f"{path}.Name", name, "must be one of " + ", ".join(sorted(CURRENT_METRIC_UNITS))
        )
        return None
    legal = CURRENT_METRIC_UNITS[name]
    if unit != legal:
        check.problem(f"{path}.Unit", unit, f"{name} takes Unit {legal}")
        return None
    return {"Name": name, "Unit": unit} if not unknown else None


def _metrics(check: _Checker, field: str, value: object, one: Any) -> list[dict[str, Any]] | None:
    items = check.items(field, value)
    if items is None:
        return None
    if not items:
        check.problem(field, value, "must name at least 1 metric")
        return None
    built = [one(check, index, item) for index, item in enumerate(items)]
    return [metric for metric in built if metric is not None]


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
) -> GetCurrentMetricDataRequestTypeDef:
    """Build ``GetCurrentMetricData`` kwargs for real-time metrics.

    Filters must name queues (at most 100), routing profiles or channels, not both queues and
    routing profiles. Grouping by CHANNEL needs a channel filter; grouping by ROUTING_PROFILE
    needs a queue or routing-profile filter, and a routing-profile filter for
    CONTACTS_SCHEDULED, CONTACTS_IN_QUEUE and OLDEST_CONTACT_AGE.

    Example:
        >>> request = get_current_metric_data_request(
        ...     instance_id="inst-1", queues=["q-1"], groupings=["QUEUE"],
        ...     metrics=[CurrentMetric("CONTACTS_IN_QUEUE"), CurrentMetric("OLDEST_CONTACT_AGE")])
        >>> request["CurrentMetrics"][1]
        {'Name': 'OLDEST_CONTACT_AGE', 'Unit': 'SECONDS'}
    """
    check = _Checker("GetCurrentMetricData")
    instance = check.string("InstanceId", instance_id, ("InstanceId",), required=True)
    filters = _filters(check, queues=queues, routing_profiles=routing_profiles, channels=channels)
    if queues is not None and routing_profiles is not None:
        check.problem(
            "Filters",
            "Queues and RoutingProfiles",
            "cannot filter by both queues and routing profiles",
        )
    group_list = _groupings(check, groupings)
    built = _metrics(check, "CurrentMetrics", metrics, _current_metric)
    groups = set(group_list or ())
    if "CHANNEL" in groups and channels is None:
        check.problem(
            "Groupings", group_list, "grouping by CHANNEL needs a Filters.Channels filter"
        )
    if "ROUTING_PROFILE" in groups:
        if queues is None and routing_profiles is None:
            check.problem(
                "Groupings",
                group_list,
                "grouping by ROUTING_PROFILE needs a queue or routing profile filter",
            )
        if routing_profiles is None:
            for metric in built or ():
                if metric["Name"] in _NEEDS_PROFILE_FILTER:
                    check.problem(
                        "Filters.RoutingProfiles",
                        None,
                        f"{metric['Name']} grouped by ROUTING_PROFILE needs a routing profile"
                        " filter",
                    )
    paging = _paging(check, next_token, max_results)
    check.done()
    request: dict[str, Any] = {"InstanceId": instance, "Filters": filters, "CurrentMetrics": built}
    if group_list is not None:
        request["Groupings"] = group_list
    request.update(paging)
    return cast("GetCurrentMetricDataRequestTypeDef", request)


def _historical_metric(check: _Checker, index: int, item: object) -> dict[str, Any] | None:
    path = f"HistoricalMetrics[{index}]"
    if isinstance(item, HistoricalMetric):
        return dict(item.to_api())
    if not isinstance(item, Mapping):
        check.problem(
            path, item, "must be a HistoricalMetric or a {'Name', 'Unit', 'Statistic'} dict"
        )
        return None
    allowed = ("Name", "Unit", "Statistic", "Threshold")
    unknown = sorted(str(key) for key in item if key not in allowed)
    if unknown:
        check.problem(path, item, f"unknown keys {unknown}; expected {', '.join(allowed)}")
    name = item.get("Name")
    if not isinstance(name, str) or name not in HISTORICAL_METRIC_UNITS:
        names = ", ".join(sorted(HISTORICAL_METRIC_UNITS))
        check.problem(f"{path}.Name", name, f"must be one of {names}")
        return None
    unit, statistic = HISTORICAL_METRIC_UNITS[name]
    ok = not unknown
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
    if not isinstance(threshold, Mapping):
        check.problem(
            f"{path}.Threshold",
            threshold,
            "SERVICE_LEVEL needs a Threshold dict with Comparison and ThresholdValue",
        )
        return None
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
    metric["Threshold"] = {"Comparison": "LT", "ThresholdValue": float(cast("float", value))}
    return metric if ok else None


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
) -> GetMetricDataRequestTypeDef:
    """Build ``GetMetricData`` kwargs for historical metrics.

    ``start_time`` and ``end_time`` must be timezone-aware, on 5-minute boundaries, less than
    24 hours apart, with the start no earlier than 24 hours before ``now`` (the current time
    unless given; inject it for tests). Each metric takes its documented unit and statistic;
    SERVICE_LEVEL takes a threshold (at most 20 of them per request).

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
    filters = _filters(check, queues=queues, routing_profiles=routing_profiles, channels=channels)
    group_list = _groupings(check, groupings)
    built = _metrics(check, "HistoricalMetrics", metrics, _historical_metric)
    service_levels = sum(1 for metric in built or () if metric["Name"] == SERVICE_LEVEL)
    if service_levels > MAX_SERVICE_LEVEL_METRICS:
        check.problem(
            "HistoricalMetrics",
            f"<{service_levels} SERVICE_LEVEL metrics>",
            f"at most {MAX_SERVICE_LEVEL_METRICS} SERVICE_LEVEL metrics per request",
        )
    paging = _paging(check, next_token, max_results)
    check.done()
    request: dict[str, Any] = {
        "InstanceId": instance,
        "StartTime": start,
        "EndTime": end,
        "Filters": filters,
        "HistoricalMetrics": built,
    }
    if group_list is not None:
        request["Groupings"] = group_list
    request.update(paging)
    return cast("GetMetricDataRequestTypeDef", request)


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
        return {"Value": item.value, "Type": item.type}
    if not isinstance(item, Mapping):
        check.problem(path, item, "must be a Reference or a {'Value', 'Type'} dict")
        return None
    unknown = sorted(str(key) for key in item if key not in ("Value", "Type"))
    if unknown:
        check.problem(path, item, f"unknown keys {unknown}; expected Value and Type")
        return None
    ref_type, ref_value = item.get("Type"), item.get("Value")
    if ref_type not in REFERENCE_TYPES:
        check.problem(f"{path}.Type", ref_type, "must be one of " + ", ".join(REFERENCE_TYPES))
        return None
    if not isinstance(ref_value, str):
        check.problem(f"{path}.Value", ref_value, "is required and must be a string")
        return None
    reason = reference_value_problem(cast("str", ref_type), ref_value)
    if reason is not None:
        check.problem(f"{path}.Value", ref_value, reason)
        return None
    return {"Value": ref_value, "Type": cast("str", ref_type)}


def start_task_contact_request(
    *,
    instance_id: str,
    contact_flow_id: str,
    name: str,
    description: str | None = None,
    attributes: Mapping[str, str] | None = None,
    references: Mapping[str, Reference | Mapping[str, str]] | None = None,
    previous_contact_id: str | None = None,
    client_token: str | None = None,
) -> StartTaskContactRequestTypeDef:
    """Build ``StartTaskContact`` kwargs: start a task through a contact flow.

    Attributes: keys of ASCII letters, digits, ``-`` and ``_``; at most 32,768 UTF-8 bytes
    of keys and values in all. References: typed values (see :class:`Reference`), at most
    4,096 UTF-8 bytes of names and values in all. ``client_token`` defaults to a fresh UUID4.

    Example:
        >>> request = start_task_contact_request(
        ...     instance_id="inst-1", contact_flow_id="flow-1", name="Call back",
        ...     attributes={"case-id": "42"},
        ...     references={"case": Reference.url("https://crm.example.com/case/42")},
        ...     client_token="token-1")
        >>> request["References"]["case"]
        {'Value': 'https://crm.example.com/case/42', 'Type': 'URL'}
    """
    check = _Checker("StartTaskContact")
    request: dict[str, Any] = {
        "InstanceId": check.string("InstanceId", instance_id, ("InstanceId",), required=True),
        "ContactFlowId": check.string(
            "ContactFlowId", contact_flow_id, ("ContactFlowId",), required=True, min_chars=1
        ),
        "Name": check.string("Name", name, ("Name",), required=True),
    }
    optional = {
        "Description": check.string("Description", description, ("Description",), required=False),
        "PreviousContactId": check.string(
            "PreviousContactId", previous_contact_id, ("PreviousContactId",), required=False
        ),
        "Attributes": None if attributes is None else _attributes(check, attributes),
        "References": None if references is None else _references(check, references),
    }
    request.update({key: value for key, value in optional.items() if value is not None})
    request["ClientToken"] = check.client_token(client_token)
    check.done()
    return cast("StartTaskContactRequestTypeDef", request)
