"""Streaming fan-out over 1,000 chats at the documented quota: ConnectRuntime vs plain boto3.

Prints each run's time, its share of the quota-bound time, and the throttling it met.
"""

from __future__ import annotations

import argparse
import statistics
import time
import uuid
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.exceptions import ClientError

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


@dataclass
class Run:
    name: str
    seconds: float
    requests: int
    streams: int
    throttled_by_endpoint: int
    throttling_errors_to_caller: int


def fan_out_with_runtime(endpoint: ConnectEndpoint, chats: list[str]) -> int:
    runtime = endpoint.runtime()
    errors = 0
    for chat in chats:
        token = str(uuid.uuid4())
        while True:
            try:
                runtime.start_contact_streaming(chat, TOPIC, client_token=token)
                break
            except ClientError as error:
                if error.response["Error"]["Code"] != "ThrottlingException":
                    raise
                errors += 1
    return errors


def fan_out_with_plain_boto3(endpoint: ConnectEndpoint, chats: list[str]) -> int:
    """boto3 defaults; a throttling error that reaches the loop is counted and the call
    repeated with the same ClientToken, so no chat gets two streams."""
    client: Any = boto3.client(
        "connect",
        endpoint_url=endpoint.url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    errors = 0
    for chat in chats:
        token = str(uuid.uuid4())
        while True:
            try:
                client.start_contact_streaming(
                    InstanceId="bench",
                    ContactId=chat,
                    ChatStreamingConfiguration={"StreamingEndpointArn": TOPIC},
                    ClientToken=token,
                )
                break
            except ClientError as error:
                if error.response["Error"]["Code"] != "ThrottlingException":
                    raise
                errors += 1
    return errors


def measure(name: str, contacts: int, latency: float, fan_out: Any) -> Run:
    state, chats = build_state(contacts)
    with ConnectEndpoint(state, latency=latency) as endpoint:
        started = time.perf_counter()
        errors = fan_out(endpoint, chats)
        seconds = time.perf_counter() - started
        streams = len(state["bench"].streams)
        assert streams == contacts, f"{name}: {streams} streams for {contacts} chats"
        return Run(
            name,
            seconds,
            endpoint.stats.requests[OPERATION],
            streams,
            endpoint.stats.throttled[OPERATION],
            errors,
        )


def _spread(values: list[float], fmt: str) -> str:
    return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


def summarise(results: dict[str, list[Run]], bound: float) -> None:
    """Median (range) per kind of run, and the time ratio of the runs made side by side."""
    runs = len(next(iter(results.values())))
    print(f"median (range) over {runs} run(s):")
    for name, kind in results.items():
        shares = [100.0 * bound / run.seconds for run in kind]
        print(
            f"  {name:<18} seconds {_spread([run.seconds for run in kind], '.2f')};"
            f" quota-bound share {_spread(shares, '.1f')}%; requests"
            f" {_spread([float(run.requests) for run in kind], '.0f')}; 429s sent"
            f" {_spread([float(run.throttled_by_endpoint) for run in kind], '.0f')};"
            " throttling errors to caller"
            f" {_spread([float(run.throttling_errors_to_caller) for run in kind], '.0f')}"
        )
    if len(results) == 2:
        mine, plain = results.values()
        ratios = [a.seconds / b.seconds for a, b in zip(mine, plain, strict=True)]
        print(f"  ConnectRuntime / plain loop time, run by run: {_spread(ratios, '.3f')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per answer")
    parser.add_argument("--skip-plain", action="store_true", help="only the ConnectRuntime run")
    parser.add_argument("--runs", type=int, default=1, help="runs of each, side by side")
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
    kinds = [("ConnectRuntime", fan_out_with_runtime)]
    if not args.skip_plain:
        kinds.append(("plain boto3 loop", fan_out_with_plain_boto3))
    print(
        f"{'#':>3} {'run':<18} {'seconds':>8} {'% quota-bound':>14} {'requests':>9}"
        f" {'streams':>8} {'429s sent':>10} {'throttling errors to caller':>28}",
        flush=True,
    )
    results: dict[str, list[Run]] = {name: [] for name, _ in kinds}
    for number in range(1, args.runs + 1):
        for name, fan_out in kinds:
            run = measure(name, args.contacts, args.latency, fan_out)
            results[name].append(run)
            share = 100.0 * bound / run.seconds if run.seconds else 0.0
            print(
                f"{number:>3} {run.name:<18} {run.seconds:>8.2f} {share:>13.1f}%"
                f" {run.requests:>9} {run.streams:>8} {run.throttled_by_endpoint:>10}"
                f" {run.throttling_errors_to_caller:>28}",
                flush=True,
            )
    summarise(results, bound)


if __name__ == "__main__":
    main()
