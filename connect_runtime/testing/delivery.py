"""Dead-letter queues on a local SNS/SQS (moto): a subscriber built as ChatStreamingEndpoint
builds it, a consumer that fails on purpose, counted receives, and a DLQ replay.

:func:`consume`, :func:`drain` and :func:`move_messages` take any boto3 SQS client, moto's or AWS's.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from connect_runtime.testing.sns import SqsSubscriber

__all__ = [
    "DEAD_LETTER_RETENTION_SECONDS",
    "ConsumeStats",
    "RedrivenSubscriber",
    "consume",
    "drain",
    "move_messages",
]

DEAD_LETTER_RETENTION_SECONDS: Final = 1_209_600
"""SQS's longest retention (14 days), which every dead-letter queue gets."""
SQSClient = Any
Message = Mapping[str, Any]


def _queue(sqs: SQSClient, name: str, attributes: Mapping[str, str]) -> tuple[str, str]:
    url: str = sqs.create_queue(QueueName=name, Attributes=dict(attributes))["QueueUrl"]
    answer = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    return url, str(answer["Attributes"]["QueueArn"])


@dataclass
class RedrivenSubscriber:
    """An SQS subscriber with both dead-letter queues, as ChatStreamingEndpoint makes them:
    ``<queue>-dlq`` takes what its consumer failed ``max_receive_count`` times, and
    ``<queue>-sns-dlq`` what SNS could not deliver (moto stores that redrive, never uses it)."""

    subscriber: SqsSubscriber
    dead_letter_url: str
    subscription_dead_letter_url: str
    max_receive_count: int

    @classmethod
    def of(
        cls,
        created: SqsSubscriber,
        *,
        max_receive_count: int = 5,
        retention_seconds: int = 345_600,
    ) -> RedrivenSubscriber:
        """Give a just-created subscriber (:meth:`SqsSubscriber.create`) its two DLQs and point
        both redrives at them, before anything is published.

        Example: ``RedrivenSubscriber.of(SqsSubscriber.create(url, topic, "q"))``.
        """
        sqs = created.sqs
        queue_name = created.queue_url.rsplit("/", 1)[-1]
        kept = {"MessageRetentionPeriod": str(DEAD_LETTER_RETENTION_SECONDS)}
        dead_letter_url, dead_letter_arn = _queue(sqs, f"{queue_name}-dlq", kept)
        sns_dead_letter_url, sns_dead_letter_arn = _queue(sqs, f"{queue_name}-sns-dlq", kept)
        redrive = {"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": max_receive_count}
        sqs.set_queue_attributes(
            QueueUrl=created.queue_url,
            Attributes={
                "MessageRetentionPeriod": str(retention_seconds),
                "RedrivePolicy": json.dumps(redrive),
            },
        )
        created.sns.set_subscription_attributes(
            SubscriptionArn=created.subscription_arn,
            AttributeName="RedrivePolicy",
            AttributeValue=json.dumps({"deadLetterTargetArn": sns_dead_letter_arn}),
        )
        return cls(created, dead_letter_url, sns_dead_letter_url, max_receive_count)


@dataclass
class ConsumeStats:
    """What :func:`consume` saw: receives per message ID, and the IDs it handled (deleted)."""

    receives: Counter[str] = field(default_factory=Counter)
    handled: list[str] = field(default_factory=list)
    calls: int = 0

    @property
    def failures(self) -> int:
        """Receives that did not end in a delete."""
        return sum(self.receives.values()) - len(self.handled)


def consume(
    sqs: SQSClient,
    queue_url: str,
    handle: Callable[[Message], object],
    *,
    visibility_timeout: int = 0,
    max_calls: int = 10_000,
) -> ConsumeStats:
    """Receive until the queue answers empty; delete each message ``handle`` returns from.

    A message whose ``handle`` raises stays: it is visible again after ``visibility_timeout``
    seconds, and once received ``maxReceiveCount`` times the queue's redrive moves it to the
    dead-letter queue. ``max_calls`` stops a queue without a redrive from spinning forever.
    Short polls: on AWS an empty answer may come early, so drain there with long polling.
    """
    stats = ConsumeStats()
    while stats.calls < max_calls:
        stats.calls += 1
        answer = sqs.receive_message(
            QueueUrl=queue_url,
            MaxNumberOfMessages=10,
            VisibilityTimeout=visibility_timeout,
            WaitTimeSeconds=0,
            MessageAttributeNames=["All"],
            AttributeNames=["All"],
        )
        messages: Sequence[Message] = answer.get("Messages", [])
        if not messages:
            return stats
        for message in messages:
            stats.receives[message["MessageId"]] += 1
            try:
                handle(message)
            except Exception:  # any failure is a failed delivery, which SQS retries
                continue
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            stats.handled.append(message["MessageId"])
    raise RuntimeError(f"{queue_url} still had messages after {max_calls} receive calls")


def drain(sqs: SQSClient, queue_url: str) -> list[Message]:
    """Every message waiting in the queue, received once and deleted (a DLQ's contents)."""
    taken: list[Message] = []
    consume(sqs, queue_url, taken.append, visibility_timeout=30)
    return taken


def _attributes(message: Message) -> dict[str, dict[str, Any]]:
    keep = ("DataType", "StringValue", "BinaryValue")
    return {
        name: {k: v for k, v in value.items() if k in keep}
        for name, value in message.get("MessageAttributes", {}).items()
    }


def move_messages(sqs: SQSClient, source_url: str, target_url: str) -> int:
    """Move every message from ``source_url`` to ``target_url`` (body and message attributes);
    return how many moved. A message is deleted from the source only once the target has it,
    so a failure midway may leave a copy in both, never in neither.

    This is the replay for a subscription's DLQ, which SQS's StartMessageMoveTask refuses
    (it only moves messages whose source is an SQS queue).
    """
    moved = 0
    while True:
        answer = sqs.receive_message(
            QueueUrl=source_url,
            MaxNumberOfMessages=10,
            VisibilityTimeout=60,
            WaitTimeSeconds=0,
            MessageAttributeNames=["All"],
        )
        messages: Sequence[Message] = answer.get("Messages", [])
        if not messages:
            return moved
        entries = [
            {"Id": str(i), "MessageBody": m["Body"], "MessageAttributes": _attributes(m)}
            for i, m in enumerate(messages)
        ]
        sent = sqs.send_message_batch(QueueUrl=target_url, Entries=entries)
        done = [messages[int(entry["Id"])] for entry in sent.get("Successful", [])]
        if done:
            sqs.delete_message_batch(
                QueueUrl=source_url,
                Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)
                ],
            )
        moved += len(done)
        if sent.get("Failed"):
            raise RuntimeError(f"{target_url} refused {sent['Failed']}; {moved} moved so far")
