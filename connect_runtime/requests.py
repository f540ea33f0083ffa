"""Deprecated alias: the builders moved to their capabilities' folders.

:mod:`connect_runtime.streaming`, :mod:`connect_runtime.tasks` and :mod:`connect_runtime.metrics`
(every builder is also importable from ``connect_runtime`` itself).
"""

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.streaming, connect_runtime.tasks and connect_runtime.metrics")

from connect_runtime._checks import MAX_ATTRIBUTES_BYTES, check_instance_id  # noqa: E402
from connect_runtime.metrics import current, historical  # noqa: E402
from connect_runtime.metrics.catalogue import (  # noqa: E402
    CHANNELS,
    GROUPINGS,
    MAX_QUEUES_PER_REQUEST,
)
from connect_runtime.metrics.current import *  # noqa: E402, F403
from connect_runtime.metrics.historical import *  # noqa: E402, F403
from connect_runtime.metrics.v2 import get_metric_data_v2_request  # noqa: E402
from connect_runtime.streaming import requests as streaming  # noqa: E402
from connect_runtime.streaming.requests import *  # noqa: E402, F403
from connect_runtime.tasks import requests as tasks  # noqa: E402
from connect_runtime.tasks.requests import *  # noqa: E402, F403

__all__ = [
    "CHANNELS",
    "GROUPINGS",
    "MAX_ATTRIBUTES_BYTES",
    "MAX_QUEUES_PER_REQUEST",
    "check_instance_id",
    "get_metric_data_v2_request",
    *current.__all__,
    *historical.__all__,
    *streaming.__all__,
    *tasks.__all__,
]
