"""Streaming fan-out over 1,000 chats at the documented quota: ConnectRuntime vs plain boto3.

Prints each run's time, its share of the quota-bound time, and the throttling it met.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
import uuid
from pathlib import Path
from typing import Any

if not __package__:  # run as a file: make the benchmarks package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _common
from connect_runtime.testing import ConnectEndpoint, ConnectState

OPERATION = "StartContactStreaming"
TOPIC = "arn:aws:sns:us-east-1:123456789012:chat-stream"


def build_state(contacts: int) -> tuple[ConnectState, list[str]]:
    state = ConnectState()
    instance = state.add_instance("bench")
    instance.add_queue("chat")
    chats = [instance.add_contact(channel="CHAT", queue="chat").id for _ in range(contacts)]
    return state, chats


def fan_out_with_runtime(endpoint: ConnectEndpoint, chats: list[str]) -> int:
    runtime = endpoint.runtime()
    errors = 0
    for chat in chats:
        token = str(uuid.uuid4())
        start = functools.partial(runtime.start_contact_streaming, chat, TOPIC, client_token=token)
        errors += _common.retry_throttled(start)[1]
    return errors


def fan_out_with_plain_boto3(endpoint: ConnectEndpoint, chats: list[str]) -> int:
    """boto3 defaults; a throttling error that reaches the loop is counted and the call
    repeated with the same ClientToken, so no chat gets two streams."""
    client: Any = endpoint.client()  # boto3's defaults
    errors = 0
    for chat in chats:
        token = str(uuid.uuid4())
        start = functools.partial(
            client.start_contact_streaming,
            InstanceId="bench",
            ContactId=chat,
            ChatStreamingConfiguration={"StreamingEndpointArn": TOPIC},
            ClientToken=token,
        )
        errors += _common.retry_throttled(start)[1]
    return errors


def measure(contacts: int, latency: float, name: str, plain: bool) -> _common.QuotaRun:
    state, chats = build_state(contacts)
    fan_out = fan_out_with_plain_boto3 if plain else fan_out_with_runtime
    with ConnectEndpoint(state, latency=latency) as endpoint:
        started = time.perf_counter()
        run = _common.QuotaRun.measured(
            name, endpoint, OPERATION, started, fan_out(endpoint, chats)
        )
    run.produced = len(state["bench"].streams)
    assert run.produced == contacts, f"{name}: {run.produced} streams for {contacts} chats"
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1000)
    _common.add_run_arguments(parser, skip_plain=True)
    args = parser.parse_args()
    bound = _common.quota_bound(OPERATION, args.contacts, f"{args.contacts} chats", args.latency)
    fan_out = functools.partial(measure, args.contacts, args.latency)
    _common.runtime_vs_plain(fan_out, args, bound, produced="streams")


if __name__ == "__main__":
    main()
