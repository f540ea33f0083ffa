"""connect_runtime: typed, checked calls to five Amazon Connect APIs through boto3.

StartContactStreaming, StopContactStreaming, GetCurrentMetricData, GetMetricData and
StartTaskContact (and StartChatContact, which can stream a chat from its first message).
Request builders are pure; :class:`ConnectRuntime` adds retries that keep
one ClientToken per logical call, client-side rate limits, pagination and tidy metric rows.
"""

from connect_runtime.client import (
    ConnectRuntime,
    StartedChat,
    is_expired_next_token,
    is_retryable,
)
from connect_runtime.errors import (
    ConnectRequestError,
    ConnectRuntimeError,
    ModelDroppedWarning,
    Problem,
)
from connect_runtime.metrics import CurrentMetric, HistoricalMetric, MetricRow
from connect_runtime.metrics_v2 import MetricFilterV2, MetricRowV2, MetricV2
from connect_runtime.ratelimit import DEFAULT_RATE_LIMITS, RateLimit
from connect_runtime.references import Reference
from connect_runtime.requests import (
    get_current_metric_data_request,
    get_metric_data_request,
    get_metric_data_v2_request,
    start_chat_contact_request,
    start_contact_streaming_request,
    start_task_contact_request,
    stop_contact_streaming_request,
)

__all__ = [
    "DEFAULT_RATE_LIMITS",
    "ConnectRequestError",
    "ConnectRuntime",
    "ConnectRuntimeError",
    "CurrentMetric",
    "HistoricalMetric",
    "MetricFilterV2",
    "MetricRow",
    "MetricRowV2",
    "MetricV2",
    "ModelDroppedWarning",
    "Problem",
    "RateLimit",
    "Reference",
    "StartedChat",
    "get_current_metric_data_request",
    "get_metric_data_request",
    "get_metric_data_v2_request",
    "is_expired_next_token",
    "is_retryable",
    "start_chat_contact_request",
    "start_contact_streaming_request",
    "start_task_contact_request",
    "stop_contact_streaming_request",
]
