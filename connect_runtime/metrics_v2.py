"""Deprecated alias of the GetMetricDataV2 modules of :mod:`connect_runtime.metrics`."""

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.metrics (v2, catalogue, rows, split, specs)")

from connect_runtime.metrics.catalogue import (  # noqa: E402
    MAX_FILTER_VALUES,
    MetricSpecV2,
    authorizing_filter_keys,
    filter_keys,
    grouping_keys,
    interval_ranges,
    metric_catalogue,
)
from connect_runtime.metrics.rows import MetricRowV2, rows_from_v2_response  # noqa: E402
from connect_runtime.metrics.specs import MetricFilterV2, MetricV2  # noqa: E402
from connect_runtime.metrics.split import RequestPart, split_v2_query  # noqa: E402
from connect_runtime.metrics.v2 import (  # noqa: E402
    RETENTION_MONTHS,
    get_metric_data_v2_request,
    months_before,
)

__all__ = [
    "MAX_FILTER_VALUES",
    "RETENTION_MONTHS",
    "MetricFilterV2",
    "MetricRowV2",
    "MetricSpecV2",
    "MetricV2",
    "RequestPart",
    "authorizing_filter_keys",
    "filter_keys",
    "get_metric_data_v2_request",
    "grouping_keys",
    "interval_ranges",
    "metric_catalogue",
    "months_before",
    "rows_from_v2_response",
    "split_v2_query",
]
