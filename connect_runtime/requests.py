"""Deprecated alias: the builders moved to their capabilities' folders.

:mod:`connect_runtime.streaming`, :mod:`connect_runtime.tasks` and :mod:`connect_runtime.metrics`
(every builder is also importable from ``connect_runtime`` itself).
"""

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.streaming, connect_runtime.tasks and connect_runtime.metrics")

from connect_runtime._checks import MAX_ATTRIBUTES_BYTES, check_instance_id  # noqa: E402
from connect_runtime.metrics.catalogue import (  # noqa: E402
    CHANNELS,
    GROUPINGS,
    MAX_QUEUES_PER_REQUEST,
)
from connect_runtime.metrics.current import get_current_metric_data_request  # noqa: E402
from connect_runtime.metrics.historical import (  # noqa: E402
    get_metric_data_paginator_input,
    get_metric_data_request,
)
from connect_runtime.metrics.v2 import get_metric_data_v2_request  # noqa: E402
from connect_runtime.streaming.requests import (  # noqa: E402
    CHAT_MESSAGE_CONTENT_TYPES,
    MAX_CHAT_MESSAGE_BYTES,
    SUPPORTED_MESSAGING_CONTENT_TYPES,
    start_chat_contact_request,
    start_contact_streaming_request,
    stop_contact_streaming_request,
)
from connect_runtime.tasks.requests import (  # noqa: E402
    MAX_REFERENCES_BYTES,
    start_task_contact_request,
)

__all__ = [
    "CHANNELS",
    "CHAT_MESSAGE_CONTENT_TYPES",
    "GROUPINGS",
    "MAX_ATTRIBUTES_BYTES",
    "MAX_CHAT_MESSAGE_BYTES",
    "MAX_QUEUES_PER_REQUEST",
    "MAX_REFERENCES_BYTES",
    "SUPPORTED_MESSAGING_CONTENT_TYPES",
    "check_instance_id",
    "get_current_metric_data_request",
    "get_metric_data_paginator_input",
    "get_metric_data_request",
    "get_metric_data_v2_request",
    "start_chat_contact_request",
    "start_contact_streaming_request",
    "start_task_contact_request",
    "stop_contact_streaming_request",
]
