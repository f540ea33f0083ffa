"""The GetMetricDataV2 pieces under the names its word-for-word tests were written with (one
namespace over metrics/catalogue and metrics/v2; ``_Problems`` is now the shared Checker)."""

from connect_runtime._checks import Checker
from connect_runtime.errors import Problem
from connect_runtime.metrics.catalogue import (
    _generic_metric_filter_keys,
    _spec,
    authorizing_filter_keys,
    filter_keys,
    grouping_keys,
    interval_ranges,
    metric_catalogue,
)
from connect_runtime.metrics.v2 import _threshold, _zones


class _Problems(Checker):
    """The shared Checker for GetMetricDataV2, with ``found`` as the tests read it."""

    def __init__(self) -> None:
        super().__init__("GetMetricDataV2")

    @property
    def found(self) -> list[Problem]:
        return self.problems


__all__ = [
    "_Problems",
    "_generic_metric_filter_keys",
    "_spec",
    "_threshold",
    "_zones",
    "authorizing_filter_keys",
    "filter_keys",
    "grouping_keys",
    "interval_ranges",
    "metric_catalogue",
]
