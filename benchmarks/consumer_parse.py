"""Consumer parsing cost: records per second for each delivery shape, batched as consumers get them.

Publishes a mixed chat (messages, events, attachments) through the local endpoint's state into
a recorder, renders each published item in every delivery shape, and times ``parse_batch`` over
batches of 10 (an SQS receive). Prints the median of the runs and their range.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from connect_runtime.streaming.consumer import parse_batch
from connect_runtime.testing import ConnectState, Published, RecordingPublisher, Stream

TOPIC = "arn:aws:sns:us-east-1:123456789012:chat-stream"


def published_items(count: int) -> list[Published]:
    publisher = RecordingPublisher()
    state = ConnectState(publisher=publisher)
    instance = state.add_instance("bench")
    instance.add_queue("q")
    chat = instance.add_contact(channel="CHAT", queue="q")
    instance.streams["s"] = Stream("s", chat.id, TOPIC, None, state.now())
    for index in range(count):
        if index % 5 == 3:
            instance.post_event(chat.id, "application/vnd.amazonaws.connect.event.typing")
        elif index % 5 == 4:
            instance.post_attachment(chat.id, f"file-{index}.pdf", "application/pdf")
        else:
            instance.post_message(chat.id, f"message {index} " + "x" * 80, role="AGENT")
    return publisher.messages


def _envelope(item: Published) -> dict[str, Any]:
    attributes = {k: {"Type": "String", "Value": v} for k, v in item.attributes.items()}
    return {
        "Type": "Notification",
        "MessageId": "n",
        "Message": item.message,
        "MessageAttributes": attributes,
    }


def sqs_raw(item: Published, index: int) -> dict[str, Any]:
    attributes = {k: {"StringValue": v, "DataType": "String"} for k, v in item.attributes.items()}
    return {"MessageId": str(index), "Body": item.message, "MessageAttributes": attributes}


def sqs_envelope(item: Published, index: int) -> dict[str, Any]:
    return {"MessageId": str(index), "Body": json.dumps(_envelope(item))}


def lambda_sns(item: Published, index: int) -> dict[str, Any]:
    return {"EventSource": "aws:sns", "Sns": {**_envelope(item), "MessageId": str(index)}}


def lambda_sqs(item: Published, index: int) -> dict[str, Any]:
    attributes = {k: {"stringValue": v, "dataType": "String"} for k, v in item.attributes.items()}
    return {
        "messageId": str(index),
        "eventSource": "aws:sqs",
        "body": item.message,
        "messageAttributes": attributes,
    }


SHAPES: dict[str, Callable[[Published, int], dict[str, Any]]] = {
    "sqs-raw": sqs_raw,
    "sqs-envelope": sqs_envelope,
    "lambda-sns": lambda_sns,
    "lambda-sqs": lambda_sqs,
}


def time_shape(records: list[dict[str, Any]], batch: int) -> float:
    start = time.perf_counter()
    parsed = 0
    for offset in range(0, len(records), batch):
        result = parse_batch({"Records": records[offset : offset + batch]})
        parsed += len(result.items)
        if result.failures:
            raise AssertionError(result.failures[0].error)
    seconds = time.perf_counter() - start
    assert parsed == len(records)
    return len(records) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=10)
    args = parser.parse_args()
    items = published_items(args.records)
    print(f"{args.records} records per run, batches of {args.batch}, {args.runs} runs")
    for name, render in SHAPES.items():
        records = [render(item, index) for index, item in enumerate(items)]
        rates = [time_shape(records, args.batch) for _ in range(args.runs)]
        print(
            f"  {name:<13} median {statistics.median(rates):>9,.0f} records/s"
            f"  (range {min(rates):,.0f} - {max(rates):,.0f})"
        )


if __name__ == "__main__":
    main()
