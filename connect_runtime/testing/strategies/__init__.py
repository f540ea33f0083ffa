"""Hypothesis strategies for every request builder, for property tests of your own code too.

One module per capability (``streaming``, ``tasks``, ``metrics``); every strategy imports
from here. Needs ``hypothesis`` (not a runtime dependency). ``*_kwargs`` draw keyword
arguments the builder accepts; ``broken_*`` draw ``(kwargs, field)`` pairs that break one
documented rule, ``field`` being the parameter path the error must name.

Example:
    >>> from hypothesis import given, settings
    >>> from connect_runtime import start_task_contact_request
    >>> @settings(max_examples=10)
    ... @given(start_task_contact_kwargs())
    ... def test_task_names_survive(kwargs):
    ...     assert start_task_contact_request(**kwargs)["Name"] == kwargs["name"]
    >>> test_task_names_survive()
"""

from connect_runtime.testing.strategies._common import (
    attribute_maps,
    client_tokens,
    contact_ids,
    instance_ids,
    sns_topic_arns,
)
from connect_runtime.testing.strategies.metrics import (
    broken_get_current_metric_data_kwargs,
    broken_get_metric_data_v2_kwargs,
    current_metrics,
    get_current_metric_data_kwargs,
    get_current_metric_data_model_kwargs,
    get_metric_data_kwargs,
    get_metric_data_v2_kwargs,
    historical_metrics,
    metric_windows,
)
from connect_runtime.testing.strategies.streaming import (
    broken_start_chat_contact_kwargs,
    start_chat_contact_kwargs,
    start_contact_streaming_kwargs,
    stop_contact_streaming_kwargs,
)
from connect_runtime.testing.strategies.tasks import (
    agent_arns,
    broken_start_task_contact_kwargs,
    flow_choices,
    presigned_s3_urls,
    reference_maps,
    references,
    segment_attribute_maps,
    start_task_contact_kwargs,
    start_task_contact_model_kwargs,
    task_attachment_lists,
)

__all__ = [
    "agent_arns",
    "attribute_maps",
    "broken_get_current_metric_data_kwargs",
    "broken_get_metric_data_v2_kwargs",
    "broken_start_chat_contact_kwargs",
    "broken_start_task_contact_kwargs",
    "client_tokens",
    "contact_ids",
    "current_metrics",
    "flow_choices",
    "get_current_metric_data_kwargs",
    "get_current_metric_data_model_kwargs",
    "get_metric_data_kwargs",
    "get_metric_data_v2_kwargs",
    "historical_metrics",
    "instance_ids",
    "metric_windows",
    "presigned_s3_urls",
    "reference_maps",
    "references",
    "segment_attribute_maps",
    "sns_topic_arns",
    "start_chat_contact_kwargs",
    "start_contact_streaming_kwargs",
    "start_task_contact_kwargs",
    "start_task_contact_model_kwargs",
    "stop_contact_streaming_kwargs",
    "task_attachment_lists",
]
