"""The GetMetricData builder: historical metrics of the last 24 hours, on 5-minute boundaries.

The metric tables and time rules come from the API reference of 2021-10-29.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, TypedDict, cast

from connect_runtime import _model
from connect_runtime._checks import Checker
from connect_runtime.metrics._members import (
    basic_filters,
    filter_keywords,
    finish,
    metric_item,
    metric_list,
)
from connect_runtime.metrics._members import paging as paging_members
from connect_runtime.metrics.catalogue import (
    GROUPINGS,
    HISTORICAL_METRIC_UNITS,
    MAX_SERVICE_LEVEL_METRICS,
    SERVICE_LEVEL,
)
from connect_runtime.metrics.specs import (
    HistoricalMetric,
    threshold_problem,
    warn_if_dropped_metric,
)

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import (
        FiltersTypeDef,
        GetMetricDataRequestPaginateTypeDef,
        GetMetricDataRequestTypeDef,
    )

__all__ = [
    "HISTORICAL_WINDOW",
    "TIME_BOUNDARY",
    "HistoricalMetricsOptions",
    "get_metric_data_paginator_input",
    "get_metric_data_request",
]


HISTORICAL_WINDOW: Final = timedelta(hours=24)
"""StartTime no earlier than this before now; EndTime - StartTime strictly less than this."""


TIME_BOUNDARY: Final = timedelta(minutes=5)


_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def _groupings(check: Checker, value: object) -> list[str] | None:
    items = check.optional_items("Groupings", value)
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


def _historical_metric(check: Checker, index: int, item: object) -> dict[str, Any] | None:
    path = f"HistoricalMetrics[{index}]"
    allowed = ("Name", "Unit", "Statistic", "Threshold")
    built, item, ok = metric_item(check, path, item, HistoricalMetric, allowed, ", ".join(allowed))
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


def _service_level_threshold(check: Checker, path: str, threshold: object) -> dict[str, Any] | None:
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


class HistoricalMetricsOptions(TypedDict, total=False):
    """What :meth:`ConnectRuntime.historical_metrics` takes beyond the window and the metrics
    (the builder's keywords of the same names; the runtime pages itself)."""

    queues: Iterable[str] | None
    routing_profiles: Iterable[str] | None
    channels: Iterable[str] | None
    groupings: Iterable[str] | None
    max_results: int | None
    now: datetime | None


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
    check = Checker("GetMetricData")
    instance = check.string("InstanceId", instance_id, ("InstanceId",), required=True)
    start = check.timestamp("StartTime", start_time)
    end = check.timestamp("EndTime", end_time)
    clock = datetime.now(UTC) if now is None else check.timestamp("now", now)
    _check_window(check, start, end, clock)
    keywords = filter_keywords(queues=queues, routing_profiles=routing_profiles, channels=channels)
    built_filters = basic_filters(check, check.either("Filters", ("filters", filters), keywords))
    group_list = _groupings(check, groupings)
    built = _historical_metrics(check, metrics)
    paging = paging_members(check, next_token, max_results)
    check.done()
    request: dict[str, Any] = {
        "InstanceId": instance,
        "StartTime": start,
        "EndTime": end,
        "Filters": built_filters,
        "HistoricalMetrics": built,
    }
    return cast("GetMetricDataRequestTypeDef", finish(request, group_list, paging))


def _historical_metrics(check: Checker, metrics: object) -> list[dict[str, Any]] | None:
    built = metric_list(check, "HistoricalMetrics", metrics, _historical_metric)
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
    check: Checker, start: datetime | None, end: datetime | None, now: datetime | None
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
