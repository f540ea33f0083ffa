"""Pulumi components for Amazon Connect chat streaming and tasks.

The component classes load pulumi on first use only, so ``components.flows`` (pure) and
``components.documents`` stay importable without the Pulumi SDK's import cost.
"""

from importlib import import_module
from typing import Any

_COMPONENTS = {
    "ChatStreamingEndpoint": "components.streaming",
    "StreamingControllerRole": "components.roles",
    "MetricsReaderRole": "components.roles",
    "TaskStarterRole": "components.roles",
    "TaskRoutingFlow": "components.contact_flows",
    "TaskCreatingFlow": "components.contact_flows",
    "StreamingEnvironment": "components.environment",
}

__all__ = sorted(_COMPONENTS)


def __getattr__(name: str) -> Any:
    module = _COMPONENTS.get(name)
    if module is None:
        raise AttributeError(f"module 'components' has no attribute {name!r}")
    return getattr(import_module(module), name)
