"""Pulumi components for Amazon Connect chat streaming and tasks, one folder per capability:
``streaming`` (the endpoint), ``roles``, ``flows`` (the flow language, and its components in
``flows.component``), ``templates``; ``environment`` composes them for one stack.

``from connect_streaming import ChatStreamingEndpoint`` (and the other components) loads
pulumi on first use only, so the pure modules (``connect_streaming.flows``, the folders'
``documents`` and ``templates.definition``, ``connect_streaming.fields``,
``connect_streaming.names``) import without the Pulumi SDK; ``connect_streaming.config`` reads
the components' types, so it needs the infra extra (pulumi, pydantic) but creates nothing.
Every error the package raises derives from :class:`connect_streaming.errors.ConnectStreamingError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from connect_streaming._lazy import lazy_exports

if TYPE_CHECKING:
    from connect_streaming.environment import StreamingEnvironment
    from connect_streaming.flows.component import TaskCreatingFlow, TaskRoutingFlow
    from connect_streaming.roles.component import (
        MetricsReaderRole,
        StreamingControllerRole,
        TaskStarterRole,
    )
    from connect_streaming.streaming.component import ChatStreamingEndpoint
    from connect_streaming.templates.component import TaskTemplate

_COMPONENTS = {
    "ChatStreamingEndpoint": "connect_streaming.streaming.component",
    "StreamingControllerRole": "connect_streaming.roles.component",
    "MetricsReaderRole": "connect_streaming.roles.component",
    "TaskStarterRole": "connect_streaming.roles.component",
    "TaskRoutingFlow": "connect_streaming.flows.component",
    "TaskCreatingFlow": "connect_streaming.flows.component",
    "StreamingEnvironment": "connect_streaming.environment",
    "TaskTemplate": "connect_streaming.templates.component",
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

__getattr__ = lazy_exports("connect_streaming", _COMPONENTS)
