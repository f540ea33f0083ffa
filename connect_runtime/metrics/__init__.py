"""Metrics: GetCurrentMetricData, GetMetricData and GetMetricDataV2 builders, their metric
specs and catalogues, tidy rows, how one query is split into requests, and rendering.

The names ``connect_runtime.metrics`` had as one module import from here as before.
"""

from connect_runtime.metrics.catalogue import (
    CURRENT_METRIC_UNITS,
    HISTORICAL_METRIC_UNITS,
    MAX_FILTER_VALUES,
    MAX_SERVICE_LEVEL_METRICS,
    SERVICE_LEVEL_THRESHOLD_RANGE,
    MetricSpecV2,
    authorizing_filter_keys,
    filter_keys,
    grouping_keys,
    interval_ranges,
    metric_catalogue,
)
from connect_runtime.metrics.current import get_current_metric_data_request
from connect_runtime.metrics.historical import (
    get_metric_data_paginator_input,
    get_metric_data_request,
)
from connect_runtime.metrics.rows import (
    MetricRow,
    MetricRowV2,
    rows_from_response,
    rows_from_v2_response,
)
from connect_runtime.metrics.specs import CurrentMetric, HistoricalMetric, MetricFilterV2, MetricV2
from connect_runtime.metrics.split import RequestPart, split_v2_query
from connect_runtime.metrics.v2 import RETENTION_MONTHS, get_metric_data_v2_request

__all__ = [
    "CURRENT_METRIC_UNITS",
    "HISTORICAL_METRIC_UNITS",
    "MAX_FILTER_VALUES",
    "MAX_SERVICE_LEVEL_METRICS",
    "RETENTION_MONTHS",
    "SERVICE_LEVEL_THRESHOLD_RANGE",
    "CurrentMetric",
    "HistoricalMetric",
    "MetricFilterV2",
    "MetricRow",
    "MetricRowV2",
    "MetricSpecV2",
    "MetricV2",
    "RequestPart",
    "authorizing_filter_keys",
    "filter_keys",
    "get_current_metric_data_request",
    "get_metric_data_paginator_input",
    "get_metric_data_request",
    "get_metric_data_v2_request",
    "grouping_keys",
    "interval_ranges",
    "metric_catalogue",
    "rows_from_response",
    "rows_from_v2_response",
    "split_v2_query",
]
