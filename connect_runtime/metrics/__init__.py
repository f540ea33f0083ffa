"""Metrics: GetCurrentMetricData, GetMetricData and GetMetricDataV2 builders, their metric
specs and catalogues, tidy rows, how one query is split into requests, and rendering.

The names ``connect_runtime.metrics`` had as one module import from here as before.
"""

from connect_runtime.metrics import catalogue, current, historical, rows, specs, split, v2
from connect_runtime.metrics.catalogue import *  # noqa: F403
from connect_runtime.metrics.current import *  # noqa: F403
from connect_runtime.metrics.historical import *  # noqa: F403
from connect_runtime.metrics.rows import *  # noqa: F403
from connect_runtime.metrics.specs import *  # noqa: F403
from connect_runtime.metrics.split import *  # noqa: F403
from connect_runtime.metrics.v2 import *  # noqa: F403

__all__ = [
    *catalogue.__all__,
    *current.__all__,
    *historical.__all__,
    *rows.__all__,
    *specs.__all__,
    *split.__all__,
    *v2.__all__,
]
