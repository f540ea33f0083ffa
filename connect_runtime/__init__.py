"""connect_runtime: typed, checked calls to five Amazon Connect APIs through boto3.

StartContactStreaming, StopContactStreaming, GetCurrentMetricData, GetMetricData and
StartTaskContact (and StartChatContact, which can stream a chat from its first message).
Request builders are pure; :class:`ConnectRuntime` adds retries that keep
one ClientToken per logical call, client-side rate limits, pagination and tidy metric rows.

One folder per capability (``streaming``, ``tasks``, ``metrics``) beside the cross-cutting
modules (``client``, ``errors``, ``ratelimit``, ``model``, ``cli``). Names are imported on
first use (PEP 562), so ``import connect_runtime.tasks`` (pure) never loads boto3.
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
    from connect_runtime.metrics.current import get_current_metric_data_request
    from connect_runtime.metrics.historical import get_metric_data_request
    from connect_runtime.metrics.rows import MetricRow, MetricRowV2
    from connect_runtime.metrics.specs import (
        CurrentMetric,
        HistoricalMetric,
        MetricFilterV2,
        MetricV2,
    )
    from connect_runtime.metrics.v2 import get_metric_data_v2_request
    from connect_runtime.ratelimit import (
        DEFAULT_RATE_LIMITS,
        RateLimit,
        RateLimiter,
        shared_limiter,
    )
    from connect_runtime.streaming.requests import (
        start_chat_contact_request,
        start_contact_streaming_request,
        stop_contact_streaming_request,
    )
    from connect_runtime.tasks.references import Reference
    from connect_runtime.tasks.requests import start_task_contact_request


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
    "CurrentMetric": "metrics.specs",
    "HistoricalMetric": "metrics.specs",
    "MetricFilterV2": "metrics.specs",
    "MetricV2": "metrics.specs",
    "MetricRow": "metrics.rows",
    "MetricRowV2": "metrics.rows",
    "DEFAULT_RATE_LIMITS": "ratelimit",
    "RateLimit": "ratelimit",
    "RateLimiter": "ratelimit",
    "shared_limiter": "ratelimit",
    "Reference": "tasks.references",
    "get_current_metric_data_request": "metrics.current",
    "get_metric_data_request": "metrics.historical",
    "get_metric_data_v2_request": "metrics.v2",
    "start_chat_contact_request": "streaming.requests",
    "start_contact_streaming_request": "streaming.requests",
    "stop_contact_streaming_request": "streaming.requests",
    "start_task_contact_request": "tasks.requests",
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
