"""Streaming fan-out over 1,000 chats at the documented quota: ConnectRuntime vs plain boto3.

Prints each run's time, its share of the quota-bound time, and the throttling it met.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

if not __package__:  # run as a file: make the benchmarks package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import (
    QuotaRun,
    add_run_arguments,
    plain_boto3_client,
    retry_throttled,
    run_side_by_side,
    summarise,
)
from connect_runtime import DEFAULT_RATE_LIMITS
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
        errors += retry_throttled(start)[1]
    return errors


def fan_out_with_plain_boto3(endpoint: ConnectEndpoint, chats: list[str]) -> int:
    """boto3 defaults; a throttling error that reaches the loop is counted and the call
    repeated with the same ClientToken, so no chat gets two streams."""
    client = plain_boto3_client(endpoint)
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
        errors += retry_throttled(start)[1]
    return errors


def measure(
    name: str, contacts: int, latency: float, fan_out: Callable[[ConnectEndpoint, list[str]], int]
) -> QuotaRun:
    state, chats = build_state(contacts)
    with ConnectEndpoint(state, latency=latency) as endpoint:
        started = time.perf_counter()
        errors = fan_out(endpoint, chats)
        seconds = time.perf_counter() - started
        streams = len(state["bench"].streams)
        assert streams == contacts, f"{name}: {streams} streams for {contacts} chats"
        return QuotaRun(
            name,
            seconds,
            endpoint.stats.requests[OPERATION],
            endpoint.stats.throttled[OPERATION],
            errors,
            produced=streams,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--skip-plain", action="store_true", help="only the ConnectRuntime run")
    add_run_arguments(parser)
    args = parser.parse_args()
    limit = DEFAULT_RATE_LIMITS[OPERATION]
    bound = limit.min_seconds(args.contacts)
    print(
        f"{args.contacts} chats; latency {args.latency * 1000:.0f} ms;"
        f" quota {limit.rate:g}/s burst {limit.burst}"
    )
    print(
        f"quota-bound lower time: ({args.contacts} - {limit.burst}) / {limit.rate:g}"
        f" = {bound:.2f} s",
        flush=True,
    )
    kinds = {"ConnectRuntime": fan_out_with_runtime}
    if not args.skip_plain:
        kinds["plain boto3 loop"] = fan_out_with_plain_boto3
    runs = {
        name: functools.partial(measure, name, args.contacts, args.latency, fan_out)
        for name, fan_out in kinds.items()
    }
    results = run_side_by_side(runs, args.runs, bound, produced="streams")
    summarise(results, bound, ratio="ConnectRuntime / plain loop time")


if __name__ == "__main__":
    main()
