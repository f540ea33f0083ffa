"""Deprecated alias of :mod:`connect_runtime.testing.strategies`."""
# ruff: noqa: E402

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.testing.strategies")

from connect_runtime.testing.strategies import (
    broken_get_current_metric_data_kwargs as broken_current_metric_data_today_kwargs,
)
from connect_runtime.testing.strategies import (
    broken_get_metric_data_v2_kwargs,
    get_metric_data_v2_kwargs,
)
from connect_runtime.testing.strategies import (
    get_current_metric_data_model_kwargs as current_metric_data_today_kwargs,
)

__all__ = [
    "broken_current_metric_data_today_kwargs",
    "broken_get_metric_data_v2_kwargs",
    "current_metric_data_today_kwargs",
    "get_metric_data_v2_kwargs",
]
