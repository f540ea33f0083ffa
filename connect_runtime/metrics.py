"""Metric specs that can only be built valid, the spec's metric tables, and tidy result rows.

The name/unit (and statistic) tables come from the API reference of 2021-10-29; botocore's
model lists the names and units but not which unit belongs to which name.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

from connect_runtime.errors import ConnectRequestError, Problem

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import CurrentMetricTypeDef, HistoricalMetricTypeDef

__all__ = [
    "CURRENT_METRIC_UNITS",
    "HISTORICAL_METRIC_UNITS",
    "MAX_SERVICE_LEVEL_METRICS",
    "SERVICE_LEVEL_THRESHOLD_RANGE",
    "CurrentMetric",
    "HistoricalMetric",
    "MetricRow",
    "rows_from_response",
]

# Typing's copies of the model's Unit (with the 2021 MILLISECONDS) and Statistic enums;
# tests/runtime/test_single_sources.py holds them equal to the model.
Unit = Literal["SECONDS", "MILLISECONDS", "COUNT", "PERCENT"]
Statistic = Literal["SUM", "MAX", "AVG"]

CURRENT_METRIC_UNITS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "AGENTS_AFTER_CONTACT_WORK": "COUNT",
        "AGENTS_AVAILABLE": "COUNT",
        "AGENTS_ERROR": "COUNT",
        "AGENTS_NON_PRODUCTIVE": "COUNT",
        "AGENTS_ON_CALL": "COUNT",
        "AGENTS_ON_CONTACT": "COUNT",
        "AGENTS_ONLINE": "COUNT",
        "AGENTS_STAFFED": "COUNT",
        "CONTACTS_IN_QUEUE": "COUNT",
        "CONTACTS_SCHEDULED": "COUNT",
        "OLDEST_CONTACT_AGE": "SECONDS",
        "SLOTS_ACTIVE": "COUNT",
        "SLOTS_AVAILABLE": "COUNT",
    }
)
"""Real-time metric name -> the only unit the API accepts for it."""

_COUNT_SUM: Final = ("COUNT", "SUM")
_SECONDS_AVG: Final = ("SECONDS", "AVG")

HISTORICAL_METRIC_UNITS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "ABANDON_TIME": _SECONDS_AVG,
        "AFTER_CONTACT_WORK_TIME": _SECONDS_AVG,
        "API_CONTACTS_HANDLED": _COUNT_SUM,
        "CALLBACK_CONTACTS_HANDLED": _COUNT_SUM,
        "CONTACTS_ABANDONED": _COUNT_SUM,
        "CONTACTS_AGENT_HUNG_UP_FIRST": _COUNT_SUM,
        "CONTACTS_CONSULTED": _COUNT_SUM,
        "CONTACTS_HANDLED": _COUNT_SUM,
        "CONTACTS_HANDLED_INCOMING": _COUNT_SUM,
        "CONTACTS_HANDLED_OUTBOUND": _COUNT_SUM,
        "CONTACTS_HOLD_ABANDONS": _COUNT_SUM,
        "CONTACTS_MISSED": _COUNT_SUM,
        "CONTACTS_QUEUED": _COUNT_SUM,
        "CONTACTS_TRANSFERRED_IN": _COUNT_SUM,
        # The 2021 enum lists the two *_BY_AGENT names without a table row; they are counts
        # like their siblings. Newer botocore models dropped them.
        "CONTACTS_TRANSFERRED_IN_BY_AGENT": _COUNT_SUM,
        "CONTACTS_TRANSFERRED_IN_FROM_QUEUE": _COUNT_SUM,
        "CONTACTS_TRANSFERRED_OUT": _COUNT_SUM,
        "CONTACTS_TRANSFERRED_OUT_BY_AGENT": _COUNT_SUM,
        "CONTACTS_TRANSFERRED_OUT_FROM_QUEUE": _COUNT_SUM,
        "HANDLE_TIME": _SECONDS_AVG,
        "HOLD_TIME": _SECONDS_AVG,
        "INTERACTION_AND_HOLD_TIME": _SECONDS_AVG,
        "INTERACTION_TIME": _SECONDS_AVG,
        "OCCUPANCY": ("PERCENT", "AVG"),
        "QUEUE_ANSWER_TIME": _SECONDS_AVG,
        "QUEUED_TIME": ("SECONDS", "MAX"),
        "SERVICE_LEVEL": ("PERCENT", "AVG"),
    }
)
"""Historical metric name -> (unit, statistic), the only pair the API accepts for it."""

SERVICE_LEVEL: Final = "SERVICE_LEVEL"
SERVICE_LEVEL_THRESHOLD_RANGE: Final = (1, 604_800)
"""SERVICE_LEVEL ThresholdValue: a whole number of seconds, inclusive bounds."""
MAX_SERVICE_LEVEL_METRICS: Final = 20
OLDEST_CONTACT_AGE: Final = "OLDEST_CONTACT_AGE"


ESTIMATED_WAIT_TIME: Final = "ESTIMATED_WAIT_TIME"


@functools.cache
def current_metric_units_today() -> Mapping[str, str]:
    """Real-time metric name -> unit, as the installed model's documentation lists them.

    The botocore model's ``GetCurrentMetricData.CurrentMetrics`` documentation is a
    ``<dt>NAME</dt><dd><p>Unit: UNIT</p>...`` list; names it adds to the 2021 table
    (ESTIMATED_WAIT_TIME) are read from there, never retyped.

    Example:
        >>> current_metric_units_today()["ESTIMATED_WAIT_TIME"]
        'SECONDS'
    """
    from connect_runtime import _model  # deferred: the model loads on first use

    text = _model.shape_at("GetCurrentMetricData", "CurrentMetrics").documentation
    found = dict(re.findall(r"<dt>\s*([A-Z_]+)\s*</dt>\s*<dd>\s*<p>\s*Unit:\s*([A-Z]+)", text))
    return MappingProxyType({**found, **CURRENT_METRIC_UNITS})


def current_metric_unit(name: object) -> str | None:
    """The only unit GetCurrentMetricData accepts for ``name``, or None for an unknown name."""
    if not isinstance(name, str):
        return None
    return current_metric_units_today().get(name)


def _fail(operation: str, path: str, value: object, rule: str) -> ConnectRequestError:
    return ConnectRequestError(operation, [Problem(path, value, rule)])


def threshold_problem(value: object) -> str | None:
    """Why ``value`` is not a valid SERVICE_LEVEL ThresholdValue, or None when it is."""
    low, high = SERVICE_LEVEL_THRESHOLD_RANGE
    rule = f"must be a whole number of seconds from {low} to {high}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return rule
    if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
        return rule
    if not low <= value <= high:
        return rule
    return None


@dataclass(frozen=True, slots=True)
class CurrentMetric:
    """A real-time metric for GetCurrentMetricData; the unit defaults to the only legal one.

    Example:
        >>> CurrentMetric("CONTACTS_IN_QUEUE").to_api()
        {'Name': 'CONTACTS_IN_QUEUE', 'Unit': 'COUNT'}
    """

    name: str
    unit: str | None = None

    def __post_init__(self) -> None:
        op = "GetCurrentMetricData"
        legal = current_metric_unit(self.name)
        if legal is None:
            raise _fail(
                op, "CurrentMetrics[].Name", self.name, _one_of(current_metric_units_today())
            )
        if self.unit is None:
            object.__setattr__(self, "unit", legal)
        elif self.unit != legal:
            raise _fail(op, "CurrentMetrics[].Unit", self.unit, f"{self.name} takes Unit {legal}")

    def to_api(self) -> CurrentMetricTypeDef:
        """The API's ``{"Name", "Unit"}`` form."""
        return {"Name": self.name, "Unit": self.unit}  # type: ignore[typeddict-item]


@dataclass(frozen=True, slots=True)
class HistoricalMetric:
    """A historical metric for GetMetricData; unit and statistic default to the legal pair.

    SERVICE_LEVEL needs ``threshold_seconds`` (whole seconds, 1..604800); use
    :meth:`service_level`.

    Example:
        >>> HistoricalMetric.service_level(60).to_api()["Threshold"]
        {'Comparison': 'LT', 'ThresholdValue': 60.0}
    """

    name: str
    unit: str | None = None
    statistic: str | None = None
    threshold_seconds: int | None = field(default=None)

    def __post_init__(self) -> None:
        op = "GetMetricData"
        if not isinstance(self.name, str) or self.name not in HISTORICAL_METRIC_UNITS:
            raise _fail(op, "HistoricalMetrics[].Name", self.name, _one_of(HISTORICAL_METRIC_UNITS))
        unit, statistic = HISTORICAL_METRIC_UNITS[self.name]
        warn_if_dropped_metric(self.name)
        if self.unit is None:
            object.__setattr__(self, "unit", unit)
        elif self.unit != unit:
            raise _fail(op, "HistoricalMetrics[].Unit", self.unit, f"{self.name} takes Unit {unit}")
        if self.statistic is None:
            object.__setattr__(self, "statistic", statistic)
        elif self.statistic != statistic:
            raise _fail(
                op,
                "HistoricalMetrics[].Statistic",
                self.statistic,
                f"{self.name} takes Statistic {statistic}",
            )
        path = "HistoricalMetrics[].Threshold.ThresholdValue"
        if self.name == SERVICE_LEVEL:
            reason = threshold_problem(self.threshold_seconds)
            if reason is not None:
                raise _fail(op, path, self.threshold_seconds, reason)
            object.__setattr__(self, "threshold_seconds", int(self.threshold_seconds))  # type: ignore[arg-type]
        elif self.threshold_seconds is not None:
            raise _fail(op, path, self.threshold_seconds, "only SERVICE_LEVEL takes a Threshold")

    @classmethod
    def service_level(cls, threshold_seconds: int) -> HistoricalMetric:
        """SERVICE_LEVEL: percent of contacts answered in under ``threshold_seconds``."""
        return cls(SERVICE_LEVEL, threshold_seconds=threshold_seconds)

    def to_api(self) -> HistoricalMetricTypeDef:
        """The API's ``{"Name", "Unit", "Statistic"[, "Threshold"]}`` form."""
        api: dict[str, Any] = {"Name": self.name, "Unit": self.unit, "Statistic": self.statistic}
        if self.threshold_seconds is not None:
            api["Threshold"] = {"Comparison": "LT", "ThresholdValue": float(self.threshold_seconds)}
        return api  # type: ignore[return-value]


def warn_if_dropped_metric(name: str) -> None:
    """Warn (:class:`ModelDroppedWarning`) for a historical metric the model no longer lists."""
    from connect_runtime import _model

    if name not in _model.enum("GetMetricData", "HistoricalMetrics", "member", "Name"):
        _model.warn_dropped("HistoricalMetrics[].Name", name)


def _one_of(names: Mapping[str, object]) -> str:
    return "must be one of " + ", ".join(sorted(names))


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
