"""Deprecated alias of :mod:`connect_runtime.testing.strategies`."""

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.testing.strategies")

from connect_runtime.testing.strategies import (  # noqa: E402
    attribute_maps,
    client_tokens,
    contact_ids,
    current_metrics,
    get_current_metric_data_kwargs,
    get_metric_data_kwargs,
    historical_metrics,
    instance_ids,
    metric_windows,
    reference_maps,
    references,
    sns_topic_arns,
    start_contact_streaming_kwargs,
    start_task_contact_kwargs,
    stop_contact_streaming_kwargs,
)

__all__ = [
    "attribute_maps",
    "client_tokens",
    "contact_ids",
    "current_metrics",
    "get_current_metric_data_kwargs",
    "get_metric_data_kwargs",
    "historical_metrics",
    "instance_ids",
    "metric_windows",
    "reference_maps",
    "references",
    "sns_topic_arns",
    "start_contact_streaming_kwargs",
    "start_task_contact_kwargs",
    "stop_contact_streaming_kwargs",
]
