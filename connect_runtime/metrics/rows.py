"""Tidy metric rows: one value per metric and dimensions, from each metrics API's response."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from connect_runtime.metrics.catalogue import OLDEST_CONTACT_AGE, metric_catalogue

__all__ = ["MetricRow", "MetricRowV2", "rows_from_response", "rows_from_v2_response"]


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One metric value with its dimensions flattened: what a table, CSV or DataFrame wants.

    Dimensions the request did not group by are None. ``value`` is None when the service
    could not compute it (no data, divide by zero).
    """

    metric_name: str
    unit: str
    value: float | None
    statistic: str | None = None
    threshold: float | None = None
    queue_id: str | None = None
    queue_arn: str | None = None
    queue_type: str | None = None
    channel: str | None = None
    routing_profile_id: str | None = None
    routing_profile_arn: str | None = None
    instance_id: str | None = None
    instance_arn: str | None = None
    data_snapshot_time: datetime | None = None
    routing_step_expression: str | None = None
    agent_status_id: str | None = None
    agent_status_arn: str | None = None
    subtype: str | None = None
    validation_test_type: str | None = None
    approximate_total_count: int | None = None
    """GetCurrentMetricData's count of results over all pages (None for GetMetricData)."""

    def as_dict(self) -> dict[str, Any]:
        """The row as a plain dict (JSON-friendly apart from ``data_snapshot_time``)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _text(mapping: Mapping[str, Any], key: str) -> str | None:
    value = mapping.get(key)
    return value if isinstance(value, str) else None


def rows_from_response(response: Mapping[str, Any], *, grouped: bool) -> Iterator[MetricRow]:
    """Flatten a GetCurrentMetricData or GetMetricData response into :class:`MetricRow` s.

    With no groupings the service reports OLDEST_CONTACT_AGE in milliseconds while its Unit
    says SECONDS (API doc); those values are divided by 1000 so that every row's value is in
    the unit it names.

    Example:
        >>> response = {"MetricResults": [{"Dimensions": {}, "Collections": [
        ...     {"Metric": {"Name": "OLDEST_CONTACT_AGE", "Unit": "SECONDS"}, "Value": 24113.0}]}]}
        >>> next(rows_from_response(response, grouped=False)).value
        24.113
    """
    snapshot = response.get("DataSnapshotTime")
    total = response.get("ApproximateTotalCount")
    for result in response.get("MetricResults") or ():
        dims: Mapping[str, Any] = result.get("Dimensions") or {}
        queue: Mapping[str, Any] = dims.get("Queue") or {}
        profile: Mapping[str, Any] = dims.get("RoutingProfile") or {}
        instance: Mapping[str, Any] = dims.get("InstanceReference") or {}
        status: Mapping[str, Any] = dims.get("AgentStatus") or {}
        for collection in result.get("Collections") or ():
            metric: Mapping[str, Any] = collection.get("Metric") or {}
            name = str(metric.get("Name", ""))
            value = collection.get("Value")
            if value is not None:
                value = float(value)
                if name == OLDEST_CONTACT_AGE and not grouped:
                    value = value / 1000.0
            threshold = (metric.get("Threshold") or {}).get("ThresholdValue")
            yield MetricRow(
                metric_name=name,
                unit=str(metric.get("Unit", "")),
                value=value,
                statistic=_text(metric, "Statistic"),
                threshold=None if threshold is None else float(threshold),
                queue_id=_text(queue, "Id"),
                queue_arn=_text(queue, "Arn"),
                queue_type=_text(queue, "QueueType"),
                channel=_text(dims, "Channel"),
                routing_profile_id=_text(profile, "Id"),
                routing_profile_arn=_text(profile, "Arn"),
                instance_id=_text(instance, "Id"),
                instance_arn=_text(instance, "Arn"),
                data_snapshot_time=snapshot if isinstance(snapshot, datetime) else None,
                routing_step_expression=_text(dims, "RoutingStepExpression"),
                agent_status_id=_text(status, "Id"),
                agent_status_arn=_text(status, "Arn"),
                subtype=_text(dims, "Subtype"),
                validation_test_type=_text(dims, "ValidationTestType"),
                approximate_total_count=total if isinstance(total, int) else None,
            )


@dataclass(frozen=True, slots=True)
class MetricRowV2:
    """One V2 metric value for one interval and one combination of dimensions.

    ``dimensions`` maps grouping keys (QUEUE, CHANNEL, ...) to their values; ``unit`` comes
    from :func:`metric_catalogue`. ``value`` is None when the service could not compute it.
    """

    metric_name: str
    unit: str
    value: float | None
    interval_period: str | None
    interval_start: datetime | None
    interval_end: datetime | None
    dimensions: Mapping[str, str] = field(default_factory=dict)
    threshold_comparison: str | None = None
    threshold_value: float | None = None
    metric_filters: tuple[tuple[str, tuple[str, ...], bool], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The row as a plain dict, dimensions flattened (JSON-friendly but for the times)."""
        record = {name: getattr(self, name) for name in self.__dataclass_fields__}
        record["dimensions"] = dict(self.dimensions)
        record["metric_filters"] = [
            {"key": key, "values": list(values), "negate": negate}
            for key, values, negate in self.metric_filters
        ]
        return record


def _row(
    metric: Mapping[str, Any],
    value: float | None,
    interval: Mapping[str, Any],
    dims: Mapping[str, str],
) -> MetricRowV2:
    name = str(metric.get("Name") or metric.get("MetricId") or "")
    spec = metric_catalogue().get(name)
    thresholds: Sequence[Mapping[str, Any]] = metric.get("Threshold") or ()
    threshold = thresholds[0] if thresholds else {}
    number = threshold.get("ThresholdValue")
    start, end = interval.get("StartTime"), interval.get("EndTime")
    return MetricRowV2(
        metric_name=name,
        unit=spec.unit if spec else "",
        value=None if value is None else float(value),
        interval_period=interval.get("Interval"),
        interval_start=start if isinstance(start, datetime) else None,
        interval_end=end if isinstance(end, datetime) else None,
        dimensions=MappingProxyType(dict(dims)),
        threshold_comparison=threshold.get("Comparison"),
        threshold_value=None if number is None else float(number),
        metric_filters=tuple(
            (
                str(f.get("MetricFilterKey")),
                tuple(f.get("MetricFilterValues") or ()),
                bool(f.get("Negate")),
            )
            for f in metric.get("MetricFilters") or ()
        ),
    )


def rows_from_v2_response(response: Mapping[str, Any]) -> Iterator[MetricRowV2]:
    """Flatten a GetMetricDataV2 response into :class:`MetricRowV2` s.

    Example:
        >>> from datetime import datetime, timezone
        >>> start, end = (datetime(2026, 11, 24, h, tzinfo=timezone.utc) for h in (9, 10))
        >>> response = {"MetricResults": [{"Dimensions": {"QUEUE": "q-1"},
        ...     "MetricInterval": {"Interval": "HOUR", "StartTime": start, "EndTime": end},
        ...     "Collections": [{"Metric": {"Name": "CONTACTS_HANDLED"}, "Value": 4.0}]}]}
        >>> row = next(rows_from_v2_response(response))
        >>> row.dimensions["QUEUE"], row.value, row.unit, row.interval_end.hour
        ('q-1', 4.0, 'COUNT', 10)
    """
    for result in response.get("MetricResults") or ():
        dims: Mapping[str, str] = result.get("Dimensions") or {}
        interval: Mapping[str, Any] = result.get("MetricInterval") or {}
        for collection in result.get("Collections") or ():
            yield _row(collection.get("Metric") or {}, collection.get("Value"), interval, dims)
