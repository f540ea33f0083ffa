"""Deprecated alias of :mod:`connect_runtime.testing.strategies`."""
# ruff: noqa: E402

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.testing.strategies")

from connect_runtime.testing.strategies import (
    agent_arns,
    broken_start_chat_contact_kwargs,
    broken_start_task_contact_kwargs,
    flow_choices,
    presigned_s3_urls,
    segment_attribute_maps,
    start_chat_contact_kwargs,
    task_attachment_lists,
)
from connect_runtime.testing.strategies import (
    start_task_contact_model_kwargs as start_task_contact_today_kwargs,
)

__all__ = [
    "agent_arns",
    "broken_start_chat_contact_kwargs",
    "broken_start_task_contact_kwargs",
    "flow_choices",
    "presigned_s3_urls",
    "segment_attribute_maps",
    "start_chat_contact_kwargs",
    "start_task_contact_today_kwargs",
    "task_attachment_lists",
]
