"""Fixtures for the endpoint tests: the shipped ones, plus fast botocore backoff."""

from __future__ import annotations

import contextlib
import http.client
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import botocore.retries.standard
import pytest
from botocore.config import Config

from connect_runtime.testing import ConnectEndpoint, ConnectState, ManualClock
from connect_runtime.testing.fixtures import (  # noqa: F401  (fixtures, found by name)
    connect_client,
    connect_endpoint,
    connect_runtime,
    connect_seed,
    moto_server,
)

INSTANCE = "demo-instance"
TOPIC = "arn:aws:sns:us-east-1:123456789012:chat-stream"
NOW = datetime(2021, 10, 29, 12, 2, 30, tzinfo=UTC)
ONE_ATTEMPT = Config(retries={"mode": "standard", "total_max_attempts": 1})


@pytest.fixture
def connect_endpoint_options() -> dict[str, Any]:
    """These tests want answers, not throttling, unless they ask for quotas."""
    return {"rate_limits": None}


@pytest.fixture
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore's retry backoff shrunk to a millisecond, so fault-heavy tests stay quick."""
    monkeypatch.setattr(
        botocore.retries.standard.ExponentialBackoff, "delay_amount", lambda self, ctx: 0.001
    )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@contextlib.contextmanager
def queued_chats(
    clock: ManualClock, *, queues: int, chats_modulo: int, waiting_from: int = 0
) -> Iterator[ConnectEndpoint]:
    """An endpoint with ``queues`` queues q-0..; queue i holds ``i % chats_modulo`` chats,
    enqueued ``waiting_from + i`` seconds before now."""
    state = ConnectState(clock=clock)
    instance = state.add_instance(INSTANCE)
    width = len(str(queues - 1))
    for index in range(queues):
        queue_id = f"q-{index:0{width}}"
        instance.add_queue(queue_id)
        for _ in range(index % chats_modulo):
            instance.add_contact(channel="CHAT", queue=queue_id, enqueued_at=waiting_from + index)
    with ConnectEndpoint(state, rate_limits=None) as endpoint:
        yield endpoint


def raw_request(
    endpoint: ConnectEndpoint,
    method: str,
    path: str,
    body: bytes | str | None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], Any]:
    """Send bytes as-is (no botocore) and decode the JSON answer."""
    host, port = endpoint.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        data = body.encode() if isinstance(body, str) else body
        connection.request(method, path, body=data, headers=headers or {})
        response = connection.getresponse()
        payload = response.read()
        answer_headers = {k.lower(): v for k, v in response.getheaders()}
        return response.status, answer_headers, json.loads(payload) if payload else None
    finally:
        connection.close()


@pytest.fixture
def small_state(clock: ManualClock) -> ConnectState:
    """Two queues, one routing profile, two agents, a flow: room for exact expectations."""
    state = ConnectState(clock=clock)
    instance = state.add_instance(INSTANCE)
    instance.add_queue("q-1")
    instance.add_queue("q-2")
    instance.add_routing_profile(
        "rp-1", queues=["q-1", "q-2"], concurrency={"VOICE": 1, "CHAT": 2, "TASK": 1}
    )
    instance.add_agent("a-1", routing_profile="rp-1")
    instance.add_agent("a-2", routing_profile="rp-1", status="Offline")
    instance.add_flow("flow-1", queue="q-2")
    instance.add_contact("chat-1", channel="CHAT", queue="q-1", enqueued_at=10)
    return state


@pytest.fixture
def small_endpoint(small_state: ConnectState) -> Iterator[ConnectEndpoint]:
    with ConnectEndpoint(small_state, rate_limits=None) as endpoint:
        yield endpoint
