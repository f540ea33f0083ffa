"""A runnable chat-streaming consumer: an SQS long-poll loop and a Lambda handler.

Both parse with :mod:`connect_runtime.consumer`; a malformed record never costs the rest of
its batch. Run ``python -m connect_runtime.testing.chat_consumer --queue-url URL`` (add
``--endpoint-url`` for moto) to print what a queue receives; ``connect-runtime demo`` uses
:func:`poll_queue` for what its subscribers print.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import boto3

from connect_runtime.streaming.consumer import ChatAttachment, ChatStreamItem, parse_batch

__all__ = ["PollStats", "describe", "lambda_handler", "main", "poll_queue"]

logger = logging.getLogger(__name__)
Handle = Callable[[ChatStreamItem], None]


def describe(item: ChatStreamItem) -> str:
    """One line per item: type, sender role, visibility, and its content or content type.

    Example:
        >>> from datetime import datetime, timezone
        >>> from connect_runtime.streaming.consumer import ChatStreamMessage
        >>> describe(ChatStreamMessage("i", "MESSAGE", "text/plain", "AGENT", "ALL", "c", "c",
        ...     "inst", "1", datetime(2021, 10, 29, tzinfo=timezone.utc), content="Hi"))
        'MESSAGE    AGENT    ALL      Hi'
    """
    if isinstance(item, ChatAttachment):
        shown = ", ".join(f"{a.name} ({a.content_type}, {a.status})" for a in item.attachments)
    else:
        shown = item.content or item.content_type
    return f"{item.type:<10} {item.participant_role:<8} {item.visibility:<8} {shown}"


@dataclass
class PollStats:
    """What :func:`poll_queue` did: items handled, records refused, receive calls made."""

    handled: int = 0
    refused: int = 0
    receives: int = 0


def poll_queue(
    sqs: Any,
    queue_url: str,
    handle: Handle,
    *,
    wait_seconds: int = 20,
    max_receives: int | None = None,
    stop: threading.Event | None = None,
) -> PollStats:
    """Long-poll ``queue_url``, hand each parsed item to ``handle``, delete what was handled.

    Refused records are logged and left on the queue: after the visibility timeout they return,
    and a redrive policy moves them to a dead-letter queue. Stops when ``stop`` is set, after
    ``max_receives`` calls, or (with ``wait_seconds=0``) when the queue is empty.
    """
    stats = PollStats()
    while not (stop is not None and stop.is_set()):
        if max_receives is not None and stats.receives >= max_receives:
            break
        answer = sqs.receive_message(
            QueueUrl=queue_url,
            MaxNumberOfMessages=10,
            WaitTimeSeconds=wait_seconds,
            MessageAttributeNames=["All"],
        )
        stats.receives += 1
        messages: list[Mapping[str, Any]] = answer.get("Messages", [])
        if not messages:
            if wait_seconds == 0:
                break
            continue
        batch = parse_batch(messages)
        for failure in batch.failures:
            stats.refused += 1
            logger.warning("left on the queue: %s", failure.error)
        for item in batch.items:
            handle(item)
            stats.handled += 1
        refused = {failure.index for failure in batch.failures}
        done = [m for index, m in enumerate(messages) if index not in refused]
        for message in done:
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    return stats


def lambda_handler(event: Mapping[str, Any], context: object = None) -> dict[str, Any]:
    """A Lambda handler for an SNS or SQS trigger: logs each item, reports refused records.

    The answer is Lambda's partial batch response (enable ``ReportBatchItemFailures`` on an SQS
    trigger), so only the refused records are retried.
    """
    batch = parse_batch(event)
    for item in batch.items:
        logger.info("%s %s", item.contact_id, describe(item))
    for failure in batch.failures:
        logger.error("refused: %s", failure.error)
    return batch.batch_item_failures()


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m connect_runtime.testing.chat_consumer --queue-url URL [--endpoint-url URL]``."""
    parser = argparse.ArgumentParser(prog="python -m connect_runtime.testing.chat_consumer")
    parser.add_argument("--queue-url", required=True)
    parser.add_argument("--endpoint-url", help="SQS endpoint, e.g. a moto server")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--wait", type=int, default=20, help="long-poll seconds (0: drain once)")
    parser.add_argument("--max-receives", type=int, help="stop after this many receive calls")
    args = parser.parse_args(argv)
    sqs = boto3.client("sqs", endpoint_url=args.endpoint_url, region_name=args.region)
    try:
        stats = poll_queue(
            sqs,
            args.queue_url,
            lambda item: print(describe(item), flush=True),
            wait_seconds=args.wait,
            max_receives=args.max_receives,
        )
    except KeyboardInterrupt:
        return 0
    print(f"handled {stats.handled}, refused {stats.refused}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
