"""The component provider host: serves the components' schema and constructs them over gRPC.

``pulumi package add <repo>/components@<tag>`` runs ``components/__main__.py``, which calls
:func:`serve`; ``python -m connect_streaming.provider`` does the same from an installed wheel.
The schema is inferred from the components' type hints and docstrings.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import pulumi

from connect_streaming.environment import StreamingEnvironment
from connect_streaming.flows.component import TaskCreatingFlow, TaskRoutingFlow
from connect_streaming.roles.component import (
    MetricsReaderRole,
    StreamingControllerRole,
    TaskStarterRole,
)
from connect_streaming.streaming.component import ChatStreamingEndpoint
from connect_streaming.templates.component import TaskTemplate

PACKAGE_NAME = "connect-streaming"
COMPONENTS: list[type[pulumi.ComponentResource]] = [
    ChatStreamingEndpoint,
    StreamingControllerRole,
    MetricsReaderRole,
    TaskStarterRole,
    TaskRoutingFlow,
    TaskCreatingFlow,
    StreamingEnvironment,
    TaskTemplate,  # needs the templates extra (pulumi-aws-native) only when constructed
]


def package_version() -> str:
    """The installed distribution's version (the schema's version)."""
    try:
        return version(PACKAGE_NAME)
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "0.0.0"


def serve() -> None:
    """Start the provider host (reads the engine address from ``sys.argv``)."""
    from pulumi.provider.experimental import component_provider_host

    component_provider_host(name=PACKAGE_NAME, components=COMPONENTS, version=package_version())


if __name__ == "__main__":
    serve()
