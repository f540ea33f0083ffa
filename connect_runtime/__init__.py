"""connect_runtime: typed, checked calls to five Amazon Connect APIs through boto3.

StartContactStreaming, StopContactStreaming, GetCurrentMetricData, GetMetricData and
StartTaskContact (and StartChatContact, which can stream a chat from its first message).
Request builders are pure; :class:`ConnectRuntime` adds retries that keep
one ClientToken per logical call, client-side rate limits, pagination and tidy metric rows.

Names are imported on first use (PEP 562), so ``import connect_runtime.references`` (pure
flow code) never loads boto3.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from connect_runtime.client import (
        ConnectRuntime,
        StartedChat,
        is_expired_next_token,
        is_retryable,
    )
    from connect_runtime.errors import (
        ConnectRequestError,
        ConnectRuntimeError,
        DeadlineExceededError,
        InvalidArgumentError,
        ModelDroppedWarning,
        Problem,
    )
    from connect_runtime.metrics import CurrentMetric, HistoricalMetric, MetricRow
    from connect_runtime.metrics_v2 import MetricFilterV2, MetricRowV2, MetricV2
    from connect_runtime.ratelimit import (
        DEFAULT_RATE_LIMITS,
        RateLimit,
        RateLimiter,
        shared_limiter,
    )
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
    "DeadlineExceededError",
    "HistoricalMetric",
    "InvalidArgumentError",
    "MetricFilterV2",
    "MetricRow",
    "MetricRowV2",
    "MetricV2",
    "ModelDroppedWarning",
    "Problem",
    "RateLimit",
    "RateLimiter",
    "Reference",
    "StartedChat",
    "get_current_metric_data_request",
    "get_metric_data_request",
    "get_metric_data_v2_request",
    "is_expired_next_token",
    "is_retryable",
    "shared_limiter",
    "start_chat_contact_request",
    "start_contact_streaming_request",
    "start_task_contact_request",
    "stop_contact_streaming_request",
]

_HOMES: Final[dict[str, str]] = {
    "ConnectRuntime": "client",
    "StartedChat": "client",
    "is_expired_next_token": "client",
    "is_retryable": "client",
    "ConnectRequestError": "errors",
    "ConnectRuntimeError": "errors",
    "DeadlineExceededError": "errors",
    "InvalidArgumentError": "errors",
    "ModelDroppedWarning": "errors",
    "Problem": "errors",
    "CurrentMetric": "metrics",
    "HistoricalMetric": "metrics",
    "MetricRow": "metrics",
    "MetricFilterV2": "metrics_v2",
    "MetricRowV2": "metrics_v2",
    "MetricV2": "metrics_v2",
    "DEFAULT_RATE_LIMITS": "ratelimit",
    "RateLimit": "ratelimit",
    "RateLimiter": "ratelimit",
    "shared_limiter": "ratelimit",
    "Reference": "references",
    "get_current_metric_data_request": "requests",
    "get_metric_data_request": "requests",
    "get_metric_data_v2_request": "requests",
    "start_chat_contact_request": "requests",
    "start_contact_streaming_request": "requests",
    "start_task_contact_request": "requests",
    "stop_contact_streaming_request": "requests",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'connect_runtime' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"connect_runtime.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
