"""pytest fixtures for the local Connect endpoint; enable them with ``pytest_plugins``.

``pytest_plugins = ["connect_runtime.testing.fixtures"]`` in a conftest; override ``connect_seed``
or ``connect_endpoint_options`` to change what is served.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from connect_runtime.client import ConnectRuntime
from connect_runtime.testing.endpoint import ConnectEndpoint
from connect_runtime.testing.seed import EXAMPLE_SEED
from connect_runtime.testing.sns import MotoServer
from connect_runtime.testing.state import ConnectState

if TYPE_CHECKING:
    from mypy_boto3_connect.client import ConnectClient

__all__ = [
    "connect_client",
    "connect_endpoint",
    "connect_endpoint_options",
    "connect_runtime",
    "connect_seed",
    "moto_server",
]


@pytest.fixture
def connect_seed() -> ConnectState | dict[str, Any] | str:
    """What the endpoint serves: a ConnectState, a seed mapping or a seed file path."""
    return dict(EXAMPLE_SEED)


@pytest.fixture
def connect_endpoint_options() -> dict[str, Any]:
    """Keyword arguments for :class:`ConnectEndpoint` (default: the documented quotas)."""
    return {}


@pytest.fixture
def connect_endpoint(
    connect_seed: ConnectState | dict[str, Any] | str, connect_endpoint_options: dict[str, Any]
) -> Iterator[ConnectEndpoint]:
    """A running endpoint, fresh for each test."""
    with ConnectEndpoint(connect_seed, **connect_endpoint_options) as endpoint:
        yield endpoint


@pytest.fixture
def connect_client(connect_endpoint: ConnectEndpoint) -> ConnectClient:
    """A boto3 Connect client pointed at :func:`connect_endpoint`."""
    return connect_endpoint.client()


@pytest.fixture
def connect_runtime(connect_endpoint: ConnectEndpoint) -> ConnectRuntime:
    """A :class:`ConnectRuntime` for the first seeded instance, pointed at the endpoint."""
    return connect_endpoint.runtime()


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoServer]:
    """A moto server (SNS, SQS) on loopback for the session; needs ``moto[server]``."""
    with MotoServer() as server:
        yield server
