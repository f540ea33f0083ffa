"""Deprecated alias of the GetMetricDataV2 modules of :mod:`connect_runtime.metrics`."""

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.metrics (v2, catalogue, rows, split, specs)")

from connect_runtime.metrics import *  # noqa: E402, F403
from connect_runtime.metrics import __all__ as __all__  # noqa: E402
from connect_runtime.metrics.v2 import months_before  # noqa: E402, F401
