"""Metric specs that can only be built valid: real-time, historical and GetMetricDataV2 ones."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from connect_runtime.errors import ConnectRequestError, Problem
from connect_runtime.metrics.catalogue import (
    HISTORICAL_METRIC_UNITS,
    SERVICE_LEVEL,
    SERVICE_LEVEL_THRESHOLD_RANGE,
    current_metric_unit,
    current_metric_units,
)

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import CurrentMetricTypeDef, HistoricalMetricTypeDef

__all__ = [
    "CurrentMetric",
    "HistoricalMetric",
    "MetricFilterV2",
    "MetricV2",
    "threshold_problem",
    "warn_if_dropped_metric",
]


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
            raise _fail(op, "CurrentMetrics[].Name", self.name, _one_of(current_metric_units()))
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
class MetricFilterV2:
    """A metric-level filter: ``key`` (e.g. INITIATION_METHOD) matching ``values``."""

    key: str
    values: tuple[str, ...]
    negate: bool = False

    def to_api(self) -> dict[str, Any]:
        """The API's ``{"MetricFilterKey", "MetricFilterValues", "Negate"}`` form."""
        return {
            "MetricFilterKey": self.key,
            "MetricFilterValues": list(self.values),
            "Negate": self.negate,
        }


@dataclass(frozen=True, slots=True)
class MetricV2:
    """A GetMetricDataV2 metric: a name, and a threshold or metric filters where it takes them.

    Example:
        >>> MetricV2("SERVICE_LEVEL", threshold=60).to_api()
        {'Name': 'SERVICE_LEVEL', 'Threshold': [{'Comparison': 'LT', 'ThresholdValue': 60.0}]}
    """

    name: str
    threshold: float | None = None
    comparison: str = "LT"
    filters: tuple[MetricFilterV2, ...] = field(default=())

    def to_api(self) -> dict[str, Any]:
        """The API's ``MetricV2`` form (checked by the builder, not here)."""
        api: dict[str, Any] = {"Name": self.name}
        if self.threshold is not None:
            value = self.threshold
            api["Threshold"] = [{"Comparison": self.comparison, "ThresholdValue": _float(value)}]
        if self.filters:
            api["MetricFilters"] = [item.to_api() for item in self.filters]
        return api


def _float(value: object) -> object:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
