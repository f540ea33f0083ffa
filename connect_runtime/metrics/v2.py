"""The GetMetricDataV2 builder: historical metrics of the last 3 months, per interval.

Every rule comes from the installed botocore Connect model: its shapes (enums, min/max) and,
where the model states a rule only in prose, the documentation strings of GetMetricDataV2's
input members, read in :mod:`connect_runtime.metrics.catalogue` or kept here with their sentence.
"""

from __future__ import annotations

import calendar
import functools
import math
import zoneinfo
from collections.abc import Hashable, Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, Required, TypedDict, cast

from connect_runtime import _model
from connect_runtime._checks import Checker, items_or_none
from connect_runtime.arns import INSTANCE_ARN
from connect_runtime.metrics.catalogue import (
    DEFAULT_INTERVAL,
    MAX_FILTER_VALUES,
    SERVICE_LEVEL_THRESHOLD_RANGE,
    UNCOUNTED_FILTER_KEY,
    MetricSpecV2,
    authorizing_filter_keys,
    filter_keys,
    grouping_keys,
    interval_ranges,
    metric_catalogue,
)
from connect_runtime.metrics.specs import MetricFilterV2, MetricV2

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import (
        FilterV2TypeDef,
        GetMetricDataV2RequestTypeDef,
        IntervalDetailsTypeDef,
    )

__all__ = [
    "OPERATION",
    "RETENTION_MONTHS",
    "MetricDataV2Options",
    "filters_from_list",
    "get_metric_data_v2_request",
    "months_before",
]


OPERATION: Final = "GetMetricDataV2"


RETENTION_MONTHS: Final = 3
"""StartTime doc: "Historical metrics are available for 3 months"."""


def _bounds(*path: str, most: int) -> tuple[int, int]:
    """The model's min and max for the member at ``path`` (1, and ``most``, the documented
    number, where the model states none)."""
    low, high = _model.limits(OPERATION, *path)
    return low or 1, high or most


def _bounded_string(check: Checker, field: str, value: object, *path: str) -> str | None:
    if not isinstance(value, str):
        check.problem(field, value, f"must be a string, not {type(value).__name__}")
        return None
    low, high = _model.limits(OPERATION, *path)
    if len(value) < (low or 1):
        check.problem(field, value, f"must be at least {low or 1} characters long", "model")
        return None
    if high is not None and len(value) > high:
        check.problem(field, value, f"must be at most {high} characters long", "model")
        return None
    return value


def _aware(check: Checker, field: str, value: object) -> datetime | None:
    return check.timestamp(field, value, naive="must be a timezone-aware datetime")


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the day clamped to the month).

    Example:
        >>> months_before(datetime(2026, 5, 31, tzinfo=UTC), 3).date()
        datetime.date(2026, 2, 28)
    """
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


def _window(
    check: Checker, start: object, end: object, period: str, now: datetime | None
) -> tuple[datetime | None, datetime | None]:
    """The window's own rules; the ones against ``now`` only when ``now`` itself is valid."""
    begin, finish = _aware(check, "StartTime", start), _aware(check, "EndTime", end)
    if begin is None or finish is None:
        return begin, finish
    if finish <= begin:
        check.problem("EndTime", finish, "must be later than StartTime")
    limit = interval_ranges().get(period)
    if limit is not None and finish - begin >= limit:
        check.problem(
            "EndTime",
            finish,
            f"with IntervalPeriod {period}, must be less than {limit.days} days after StartTime",
        )
    if now is None:  # a broken ``now`` is reported; judging against another clock would lie
        return begin, finish
    if finish > now:
        check.problem("EndTime", finish, f"must not be later than now ({now.isoformat()})")
    oldest = months_before(now, RETENTION_MONTHS)
    if begin < oldest:
        check.problem(
            "StartTime",
            begin,
            f"must be within the {RETENTION_MONTHS} months kept (not before {oldest.isoformat()})",
        )
    return begin, finish


_INTERVAL_MEMBERS: Final = ("IntervalPeriod", "TimeZone")


def _interval_parts(
    check: Checker, interval: object, period: object, time_zone: object
) -> tuple[object, object] | None:
    """(IntervalPeriod, TimeZone) from the API's one ``Interval`` value or the two keywords;
    None once the Interval value itself is told to be broken."""
    if interval is None:
        return period, time_zone
    if period is not None or time_zone is not None:
        check.problem(
            "Interval",
            interval,
            "pass either interval or interval_period and time_zone, not both",
        )
        return None
    if not isinstance(interval, Mapping) or set(interval) - set(_INTERVAL_MEMBERS):
        check.problem("Interval", interval, "must be an {'IntervalPeriod', 'TimeZone'} dict")
        return None
    return interval.get("IntervalPeriod"), interval.get("TimeZone")


def _interval(check: Checker, period: object, time_zone: object) -> dict[str, str] | None:
    interval: dict[str, str] = {}
    if period is not None:
        allowed = _model.enum(OPERATION, "Interval", "IntervalPeriod")
        if not isinstance(period, str) or period not in allowed:
            check.problem(
                "Interval.IntervalPeriod",
                period,
                "must be one of " + ", ".join(sorted(allowed)),
                "model",
            )
        else:
            interval["IntervalPeriod"] = period
    if time_zone is not None:
        if not isinstance(time_zone, str) or not _known_zone(time_zone):
            check.problem(
                "Interval.TimeZone",
                time_zone,
                "must be an IANA time zone name, such as Europe/London",
            )
        else:
            interval["TimeZone"] = time_zone
    return interval or None


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _known_zone(name: str) -> bool:
    return name in _zones() or name == "UTC"


_FILTER_MEMBERS: Final = ("FilterKey", "FilterValues")


def filters_from_list(check: Checker, value: object) -> Mapping[object, object] | None:
    """The API's own ``[{"FilterKey", "FilterValues"}]`` form read into the mapping form.

    A list of anything but dicts is neither form (None, told as before); a broken item or a key
    named twice is told at ``Filters[i]``, and the rest is read so its own rules still apply.
    """
    items = items_or_none(value)
    if items is None or (items and not any(isinstance(item, Mapping) for item in items)):
        check.problem("Filters", value, "must be a mapping of filter key to values")
        return None
    mapping: dict[object, object] = {}
    for index, item in enumerate(items):
        path = f"Filters[{index}]"
        if not isinstance(item, Mapping) or set(item) - {*_FILTER_MEMBERS, "StringCondition"}:
            check.problem(path, item, "must be a {'FilterKey', 'FilterValues'} dict (FilterV2)")
            continue
        if "StringCondition" in item:
            check.problem(
                f"{path}.StringCondition",
                item["StringCondition"],
                "is not supported by this builder; name the FilterValues to match",
            )
            continue
        key = item.get("FilterKey")
        if not isinstance(key, Hashable):
            check.problem(f"{path}.FilterKey", key, "must be a string")
            continue
        if key in mapping:
            check.problem(f"{path}.FilterKey", key, "names a filter key given before")
            continue
        mapping[key] = item.get("FilterValues")
    return mapping


def _filters(check: Checker, value: object) -> list[dict[str, Any]]:
    if not isinstance(value, Mapping):
        found = len(check.problems)
        listed = filters_from_list(check, value)
        if listed is None or (not listed and len(check.problems) > found):
            return []
        value = listed
    low, high = _bounds("Filters", most=5)  # Filters doc: "up to 5 filter keys"
    if not low <= len(value) <= high:
        check.problem(
            "Filters",
            f"<{len(value)} keys>",
            f"must name {low} to {high} filter keys",
            "model",
        )
    built: list[dict[str, Any]] = []
    counted = 0
    for key, raw in value.items():
        path = f"Filters[{key!r}]" if isinstance(key, str) and len(key) <= 60 else "Filters[<key>]"
        if not isinstance(key, str) or key not in filter_keys():
            check.problem(path, key, "must be a filter key the GetMetricDataV2 documentation lists")
            continue
        values = _filter_values(check, path, raw)
        if values is None:
            continue
        if key != UNCOUNTED_FILTER_KEY:
            counted += len(values)
        built.append({"FilterKey": key, "FilterValues": values})
    if counted > MAX_FILTER_VALUES:
        check.problem(
            "Filters",
            f"<{counted} values>",
            f"at most {MAX_FILTER_VALUES} filter values across all keys (CHANNEL not counted)",
        )
    if not authorizing_filter_keys().intersection(k for k in value if isinstance(k, str)):
        keys = ", ".join(sorted(authorizing_filter_keys()))
        check.problem(
            "Filters", sorted(map(str, value)), f"needs at least one authorizing key: {keys}"
        )
    return built


def _filter_values(check: Checker, path: str, raw: object) -> list[str] | None:
    items = check.items(path, raw)
    if items is None:
        return None
    low, high = _bounds("Filters", "member", "FilterValues", most=MAX_FILTER_VALUES)
    if not low <= len(items) <= high:
        check.problem(path, f"<{len(items)} values>", f"must name {low} to {high} values", "model")
        return None
    values = [
        _bounded_string(check, f"{path}[{i}]", item, "Filters", "member", "FilterValues", "member")
        for i, item in enumerate(items)
    ]
    return [v for v in values if v is not None] if all(v is not None for v in values) else None


def _groupings(check: Checker, value: object) -> list[str] | None:
    items = check.optional_items("Groupings", value)
    if items is None:
        return None
    high = _model.limits(OPERATION, "Groupings").max
    if high is not None and len(items) > high:
        check.problem("Groupings", value, f"must name at most {high} groupings", "model")
    if len(set(map(str, items))) < len(items):
        check.problem("Groupings", value, "must not name a grouping twice")
    valid = []
    for index, item in enumerate(items):
        if isinstance(item, str) and item in grouping_keys():
            valid.append(item)
        else:
            check.problem(
                f"Groupings[{index}]",
                item,
                "must be a grouping key the GetMetricDataV2 documentation lists",
            )
    return valid


def _threshold(
    check: Checker, path: str, spec: MetricSpecV2, raw: object
) -> list[dict[str, Any]] | None:
    if not spec.threshold_comparisons:
        check.problem(f"{path}.Threshold", raw, f"{spec.name} takes no Threshold")
        return None
    items = check.items(f"{path}.Threshold", raw) if raw is not None else []
    # the model's Threshold list holds at most 1; the builder needs one (the metric takes it)
    if items is None or len(items) != 1 or not isinstance(items[0], Mapping):
        check.problem(
            f"{path}.Threshold",
            raw,
            f"{spec.name} needs exactly one {{'Comparison', 'ThresholdValue'}}",
        )
        return None
    item = items[0]
    comparison, number = item.get("Comparison"), item.get("ThresholdValue")
    found = len(check.problems)
    if set(item) - {"Comparison", "ThresholdValue"}:
        check.problem(
            f"{path}.Threshold[0]", item, "unknown keys; expected Comparison and ThresholdValue"
        )
    if not isinstance(comparison, str) or comparison not in spec.threshold_comparisons:
        check.problem(
            f"{path}.Threshold[0].Comparison",
            comparison,
            f"{spec.name} takes " + " or ".join(sorted(spec.threshold_comparisons)),
        )
    low, top = spec.threshold_range or SERVICE_LEVEL_THRESHOLD_RANGE
    if (
        isinstance(number, bool)
        or not isinstance(number, int | float)
        or not math.isfinite(number)
        or not float(number).is_integer()
        or not low <= number <= top
    ):
        check.problem(
            f"{path}.Threshold[0].ThresholdValue",
            number,
            f"must be a whole number of seconds from {low} to {top}",
        )
    if len(check.problems) > found:
        return None
    return [{"Comparison": comparison, "ThresholdValue": float(item["ThresholdValue"])}]


def _metric_filters(
    check: Checker, path: str, spec: MetricSpecV2, raw: object
) -> list[dict[str, Any]] | None:
    items = check.items(f"{path}.MetricFilters", raw)
    if items is None:
        return None
    low, high = _bounds("Metrics", "member", "MetricFilters", most=2)
    if not spec.metric_filter_keys:
        check.problem(f"{path}.MetricFilters", raw, f"{spec.name} takes no metric filters")
        return None
    if not low <= len(items) <= high:
        check.problem(
            f"{path}.MetricFilters",
            f"<{len(items)} filters>",
            f"must hold {low} to {high} metric filters",
            "model",
        )
        return None
    built = [
        _metric_filter(check, f"{path}.MetricFilters[{i}]", spec, item)
        for i, item in enumerate(items)
    ]
    return [b for b in built if b is not None]  # the caller counts the problems found


def _metric_filter(
    check: Checker, path: str, spec: MetricSpecV2, item: object
) -> dict[str, Any] | None:
    if isinstance(item, MetricFilterV2):
        item = item.to_api()
    allowed = {"MetricFilterKey", "MetricFilterValues", "Negate"}
    if not isinstance(item, Mapping) or set(item) - allowed:
        check.problem(
            path,
            item,
            "must be a MetricFilterV2 or a"
            " {'MetricFilterKey', 'MetricFilterValues', 'Negate'} dict",
        )
        return None
    key, negate = item.get("MetricFilterKey"), item.get("Negate", False)
    found = len(check.problems)
    if not isinstance(key, str) or key not in spec.metric_filter_keys:
        check.problem(
            f"{path}.MetricFilterKey",
            key,
            f"{spec.name} takes metric filter keys " + ", ".join(sorted(spec.metric_filter_keys)),
        )
    if not isinstance(negate, bool):
        check.problem(f"{path}.Negate", negate, "must be true or false")
    elif negate and not spec.negate:
        check.problem(f"{path}.Negate", negate, f"Negate is not applicable for {spec.name}")
    values = check.items(f"{path}.MetricFilterValues", item.get("MetricFilterValues"))
    low, high = _bounds(
        "Metrics", "member", "MetricFilters", "member", "MetricFilterValues", most=10
    )
    if values is not None and not low <= len(values) <= high:
        check.problem(
            f"{path}.MetricFilterValues",
            f"<{len(values)} values>",
            f"must hold {low} to {high} values",
            "model",
        )
    elif values is not None and not all(isinstance(v, str) and v for v in values):
        check.problem(f"{path}.MetricFilterValues", values, "values must be non-empty strings")
    if len(check.problems) > found:
        return None
    return {"MetricFilterKey": key, "MetricFilterValues": values, "Negate": negate}


def _metric(check: Checker, index: int, item: object) -> dict[str, Any] | None:
    path = f"Metrics[{index}]"
    if isinstance(item, str):
        item = {"Name": item}
    elif isinstance(item, MetricV2):
        item = item.to_api()
    if not isinstance(item, Mapping) or set(item) - {"Name", "Threshold", "MetricFilters"}:
        check.problem(
            path,
            item,
            "must be a MetricV2, a metric name or a {'Name', 'Threshold', 'MetricFilters'} dict",
        )
        return None
    name = item.get("Name")
    spec = metric_catalogue().get(name) if isinstance(name, str) else None
    if spec is None:
        check.problem(
            f"{path}.Name", name, "must be a metric the GetMetricDataV2 documentation lists"
        )
        return None
    metric: dict[str, Any] = {"Name": spec.name}
    found = len(check.problems)
    if "Threshold" in item or spec.threshold_comparisons:
        metric["Threshold"] = _threshold(check, path, spec, item.get("Threshold"))
    if "MetricFilters" in item:
        metric["MetricFilters"] = _metric_filters(check, path, spec, item["MetricFilters"])
    return None if len(check.problems) > found else metric


def _metrics(
    check: Checker, value: object, filter_keys_given: set[str], groupings: list[str]
) -> list[dict[str, Any]]:
    items = check.items("Metrics", value)
    if items is None:
        return []
    if not items:
        check.problem("Metrics", value, "must name at least 1 metric")
    built = [_metric(check, index, item) for index, item in enumerate(items)]
    metrics = [m for m in built if m is not None]
    counts: dict[str, int] = {}
    for metric in metrics:
        counts[metric["Name"]] = counts.get(metric["Name"], 0) + 1
    for name, count in counts.items():
        spec = metric_catalogue()[name]
        if spec.max_per_request is not None and count > spec.max_per_request:
            check.problem(
                "Metrics",
                f"<{count} {name} metrics>",
                f"at most {spec.max_per_request} {name} metrics per request",
            )
        allowed = spec.groupings
        outside = sorted(set(groupings) - allowed) if allowed is not None else []
        if outside:
            check.problem("Groupings", outside, f"{name} cannot be grouped by {', '.join(outside)}")
        if spec.required_filter_key and spec.required_filter_key not in filter_keys_given:
            check.problem(
                "Filters",
                sorted(filter_keys_given),
                f"{name} needs a {spec.required_filter_key} filter",
            )
    return metrics


def _paging(check: Checker, next_token: object, max_results: object) -> dict[str, Any]:
    paging: dict[str, Any] = {}
    if next_token is not None:
        token = _bounded_string(check, "NextToken", next_token, "NextToken")
        if token is not None:
            paging["NextToken"] = token
    if max_results is not None:
        low, high = _bounds("MaxResults", most=100)
        if (
            isinstance(max_results, bool)
            or not isinstance(max_results, int)
            or not low <= max_results <= high
        ):
            check.problem(
                "MaxResults", max_results, f"must be an integer from {low} to {high}", "model"
            )
        else:
            paging["MaxResults"] = max_results
    return paging


def _resource_arn(check: Checker, value: object) -> str | None:
    arn = _bounded_string(check, "ResourceArn", value, "ResourceArn")
    if arn is not None and not INSTANCE_ARN.fullmatch(arn):
        check.problem(
            "ResourceArn",
            arn,
            "must be an instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID)",
        )
    return arn


class MetricDataV2Options(TypedDict, total=False):
    """What :meth:`ConnectRuntime.get_metric_data_v2` takes beyond the instance ARN, the window
    and the metrics (the builder's keywords of the same names; the runtime pages itself)."""

    filters: Required[Mapping[str, Iterable[str]] | Iterable[FilterV2TypeDef]]
    groupings: Iterable[str] | None
    interval_period: str | None
    time_zone: str | None
    max_results: int | None
    now: datetime | None
    interval: IntervalDetailsTypeDef | None


def get_metric_data_v2_request(
    *,
    resource_arn: str,
    start_time: datetime,
    end_time: datetime,
    metrics: Iterable[MetricV2 | str | Mapping[str, Any]],
    filters: Mapping[str, Iterable[str]] | Iterable[FilterV2TypeDef],
    groupings: Iterable[str] | None = None,
    interval_period: str | None = None,
    time_zone: str | None = None,
    next_token: str | None = None,
    max_results: int | None = None,
    now: datetime | None = None,
    interval: IntervalDetailsTypeDef | None = None,
) -> GetMetricDataV2RequestTypeDef:
    """Build ``GetMetricDataV2`` kwargs: historical metrics of the last 3 months, per interval.

    ``resource_arn`` is the instance ARN. ``filters`` maps filter keys to values: 1 to 5 keys,
    at least one authorizing key (QUEUE, ROUTING_PROFILE, AGENT, AGENT_HIERARCHY_LEVEL_*, ...),
    at most 100 values in all (CHANNEL's not counted); the API's own list of
    ``{"FilterKey", "FilterValues"}`` dicts is taken too. ``interval`` is the API's
    ``{"IntervalPeriod", "TimeZone"}`` value, instead of ``interval_period`` and ``time_zone``.
    The range must stay under the
    interval's limit (3 days for FIFTEEN_MIN..HOUR, 35 for DAY, WEEK and TOTAL, the default),
    end no later than ``now``, start within the 3 months kept. Metrics: :func:`metric_catalogue`.

    Example:
        >>> from datetime import datetime, timezone
        >>> now = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
        >>> request = get_metric_data_v2_request(
        ...     resource_arn="arn:aws:connect:us-east-1:123456789012:instance/inst-1",
        ...     start_time=datetime(2026, 11, 24, tzinfo=timezone.utc), end_time=now, now=now,
        ...     filters={"QUEUE": ["q-1"]}, groupings=["QUEUE"], interval_period="HOUR",
        ...     metrics=["CONTACTS_HANDLED", MetricV2("SERVICE_LEVEL", threshold=60)])
        >>> request["Filters"], request["Interval"]
        ([{'FilterKey': 'QUEUE', 'FilterValues': ['q-1']}], {'IntervalPeriod': 'HOUR'})
    """
    check = Checker(OPERATION)
    arn = _resource_arn(check, resource_arn)
    clock = datetime.now(UTC) if now is None else _aware(check, "now", now)
    parts = _interval_parts(check, interval, interval_period, time_zone)
    built_interval = None if parts is None else _interval(check, *parts)
    period = (built_interval or {}).get("IntervalPeriod", DEFAULT_INTERVAL)
    start, end = _window(check, start_time, end_time, period, clock)
    built_filters = _filters(check, filters)
    group_list = _groupings(check, groupings)
    given = {f["FilterKey"] for f in built_filters}
    built_metrics = _metrics(check, metrics, given, group_list or [])
    paging = _paging(check, next_token, max_results)
    check.done()
    request: dict[str, Any] = {"ResourceArn": arn, "StartTime": start, "EndTime": end}
    if built_interval is not None:
        request["Interval"] = built_interval
    request["Filters"] = built_filters
    if group_list:
        request["Groupings"] = group_list
    request["Metrics"] = built_metrics
    request.update(paging)
    return cast("GetMetricDataV2RequestTypeDef", request)
