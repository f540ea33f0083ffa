"""Pulumi components for Amazon Connect chat streaming and tasks.

``from connect_streaming import ChatStreamingEndpoint`` (and the other components) loads
pulumi on first use only, so the pure modules (``connect_streaming.flows``,
``connect_streaming.documents``, ``connect_streaming.fields``, ``connect_streaming.names``)
import without the Pulumi SDK; ``connect_streaming.config`` reads the components' types, so it
needs the infra extra (pulumi, pydantic) but creates nothing. Every error the package raises
derives from :class:`connect_streaming.errors.ConnectStreamingError`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connect_streaming.contact_flows import TaskCreatingFlow, TaskRoutingFlow
    from connect_streaming.environment import StreamingEnvironment
    from connect_streaming.roles import MetricsReaderRole, StreamingControllerRole, TaskStarterRole
    from connect_streaming.streaming import ChatStreamingEndpoint
    from connect_streaming.task_template import TaskTemplate

_COMPONENTS = {
    "ChatStreamingEndpoint": "connect_streaming.streaming",
    "StreamingControllerRole": "connect_streaming.roles",
    "MetricsReaderRole": "connect_streaming.roles",
    "TaskStarterRole": "connect_streaming.roles",
    "TaskRoutingFlow": "connect_streaming.contact_flows",
    "TaskCreatingFlow": "connect_streaming.contact_flows",
    "StreamingEnvironment": "connect_streaming.environment",
    "TaskTemplate": "connect_streaming.task_template",
}

__all__ = [
    "ChatStreamingEndpoint",
    "MetricsReaderRole",
    "StreamingControllerRole",
    "StreamingEnvironment",
    "TaskCreatingFlow",
    "TaskRoutingFlow",
    "TaskStarterRole",
    "TaskTemplate",
]


def __getattr__(name: str) -> Any:
    module = _COMPONENTS.get(name)
    if module is None:
        raise AttributeError(f"module 'connect_streaming' has no attribute {name!r}")
    return getattr(import_module(module), name)
