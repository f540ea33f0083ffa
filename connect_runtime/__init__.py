"""connect_runtime: typed, checked calls to five Amazon Connect APIs through boto3.

StartContactStreaming, StopContactStreaming, GetCurrentMetricData, GetMetricData and
StartTaskContact. Request builders are pure; :class:`ConnectRuntime` adds retries that keep
one ClientToken per logical call, client-side rate limits, pagination and tidy metric rows.

Names are imported on first use (PEP 562), so ``import connect_runtime.references`` (pure
flow code) never loads boto3.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from connect_runtime.client import ConnectRuntime, is_expired_next_token, is_retryable
    from connect_runtime.errors import (
        ConnectRequestError,
        ConnectRuntimeError,
        DeadlineExceededError,
        InvalidArgumentError,
        Problem,
    )
    from connect_runtime.metrics import CurrentMetric, HistoricalMetric, MetricRow
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
    "MetricRow",
    "Problem",
    "RateLimit",
    "RateLimiter",
    "Reference",
    "get_current_metric_data_request",
    "get_metric_data_request",
    "is_expired_next_token",
    "is_retryable",
    "shared_limiter",
    "start_contact_streaming_request",
    "start_task_contact_request",
    "stop_contact_streaming_request",
]

_HOMES: Final[dict[str, str]] = {
    "ConnectRuntime": "client",
    "is_expired_next_token": "client",
    "is_retryable": "client",
    "ConnectRequestError": "errors",
    "ConnectRuntimeError": "errors",
    "DeadlineExceededError": "errors",
    "InvalidArgumentError": "errors",
    "Problem": "errors",
    "CurrentMetric": "metrics",
    "HistoricalMetric": "metrics",
    "MetricRow": "metrics",
    "DEFAULT_RATE_LIMITS": "ratelimit",
    "RateLimit": "ratelimit",
    "RateLimiter": "ratelimit",
    "shared_limiter": "ratelimit",
    "Reference": "references",
    "get_current_metric_data_request": "requests",
    "get_metric_data_request": "requests",
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
