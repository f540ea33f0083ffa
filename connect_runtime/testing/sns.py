"""Where streamed chat messages go: an SNS topic (a moto server on loopback) or an in-memory list.

moto is imported only by :class:`MotoServer`; the rest needs boto3 alone.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import boto3
from botocore.exceptions import ClientError

# SNS and SQS clients are typed Any: their stub packages are dev-only, and the package audit
# allows connect_runtime to name boto3, botocore and the Connect stubs alone.
SNSClient = Any
SQSClient = Any

__all__ = [
    "MotoServer",
    "Published",
    "Publisher",
    "RecordingPublisher",
    "SnsPublisher",
    "SqsSubscriber",
]

DUMMY_KEY = "testing"
"""Access key ID and secret for local endpoints: anything signs, nothing checks."""


@dataclass(frozen=True, slots=True)
class Published:
    """One message as handed to SNS: topic, JSON body and string message attributes."""

    topic_arn: str
    message: str
    attributes: Mapping[str, str]

    def body(self) -> dict[str, Any]:
        """The JSON message body, decoded."""
        decoded: dict[str, Any] = json.loads(self.message)
        return decoded


class Publisher(Protocol):
    """Publishes streamed chat items; the endpoint asks it whether a topic exists."""

    def publish(self, topic_arn: str, message: str, attributes: Mapping[str, str]) -> None:
        """Publish one message with string message attributes."""

    def topic_exists(self, topic_arn: str) -> bool:
        """Whether ``topic_arn`` can be published to."""


class RecordingPublisher:
    """Keeps published messages in memory; every topic exists unless ``topics`` is given.

    Example:
        >>> recorder = RecordingPublisher()
        >>> recorder.publish("arn:aws:sns:us-east-1:123456789012:t", "{}", {"Type": "MESSAGE"})
        >>> recorder.messages[0].attributes["Type"]
        'MESSAGE'
    """

    def __init__(self, topics: Iterable[str] | None = None) -> None:
        self.topics = None if topics is None else set(topics)
        self._lock = threading.Lock()
        self._messages: list[Published] = []

    @property
    def messages(self) -> list[Published]:
        """A copy of everything published so far, in order."""
        with self._lock:
            return list(self._messages)

    def publish(self, topic_arn: str, message: str, attributes: Mapping[str, str]) -> None:
        with self._lock:
            self._messages.append(Published(topic_arn, message, dict(attributes)))

    def topic_exists(self, topic_arn: str) -> bool:
        return self.topics is None or topic_arn in self.topics


class SnsPublisher:
    """Publishes through a boto3 SNS client, e.g. one pointed at a moto server on loopback."""

    def __init__(
        self,
        endpoint_url: str | None = None,
        *,
        region_name: str = "us-east-1",
        client: SNSClient | None = None,
    ) -> None:
        self.client: SNSClient = client or _local_client("sns", endpoint_url, region_name)
        self._known: set[str] = set()
        self._lock = threading.Lock()

    def publish(self, topic_arn: str, message: str, attributes: Mapping[str, str]) -> None:
        self.client.publish(
            TopicArn=topic_arn,
            Message=message,
            MessageAttributes={
                name: {"DataType": "String", "StringValue": value}
                for name, value in attributes.items()
            },
        )

    def topic_exists(self, topic_arn: str) -> bool:
        with self._lock:
            if topic_arn in self._known:
                return True
        try:
            self.client.get_topic_attributes(TopicArn=topic_arn)
        except ClientError:
            return False
        with self._lock:
            self._known.add(topic_arn)
        return True


@dataclass
class SqsSubscriber:
    """An SQS queue subscribed (raw delivery) to an SNS topic, optionally with a filter policy.

    ``visibility`` becomes a ``MessageVisibility`` filter policy, the documented way to send a
    participant only what is meant for them.
    """

    sns: SNSClient
    sqs: SQSClient
    topic_arn: str
    queue_url: str
    subscription_arn: str
    received: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        endpoint_url: str,
        topic_arn: str,
        queue_name: str,
        *,
        visibility: Sequence[str] | None = None,
        region_name: str = "us-east-1",
        raw: bool = True,
    ) -> SqsSubscriber:
        """Create the queue and subscribe it to ``topic_arn`` on the SNS/SQS at ``endpoint_url``.

        ``raw=False`` subscribes without raw delivery: each SQS body is the SNS envelope.
        """
        sns: Any = _local_client("sns", endpoint_url, region_name)
        sqs: Any = _local_client("sqs", endpoint_url, region_name)
        queue_url = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        attributes = {"RawMessageDelivery": "true" if raw else "false"}
        if visibility is not None:
            attributes["FilterPolicy"] = json.dumps({"MessageVisibility": list(visibility)})
        subscription = sns.subscribe(
            TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn, Attributes=attributes
        )
        return cls(sns, sqs, topic_arn, queue_url, subscription["SubscriptionArn"])

    def drain(self) -> list[dict[str, Any]]:
        """Receive everything waiting (no long polling); return the new messages.

        Each is ``{"body": <decoded JSON>, "attributes": {name: value}}``.
        """
        new: list[dict[str, Any]] = []
        while True:
            answer = self.sqs.receive_message(
                QueueUrl=self.queue_url,
                MaxNumberOfMessages=10,
                MessageAttributeNames=["All"],
                WaitTimeSeconds=0,
            )
            messages = answer.get("Messages", [])
            if not messages:
                break
            for message in messages:
                attributes = {
                    name: value.get("StringValue", "")
                    for name, value in message.get("MessageAttributes", {}).items()
                }
                new.append({"body": json.loads(message["Body"]), "attributes": attributes})
                self.sqs.delete_message(
                    QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"]
                )
        self.received.extend(new)
        return new


class MotoServer:
    """A moto server (SNS, SQS and the rest) on loopback, in a background thread.

    Needs the ``testing`` extra (``moto[server]``); raises ImportError naming it otherwise.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        try:
            from moto.server import ThreadedMotoServer
        except ImportError as error:  # moto is optional: say which extra brings it
            raise ImportError(
                "MotoServer needs moto[server]: pip install 'connect-streaming[testing]'"
            ) from error
        # werkzeug logs every request to stderr; keep demos and test output readable.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
        self.url = ""

    def start(self) -> MotoServer:
        """Start serving; ``url`` is set once this returns."""
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.url = f"http://{host}:{port}"
        return self

    def stop(self) -> None:
        """Stop serving."""
        self._server.stop()

    def __enter__(self) -> MotoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def sns_client(self, region_name: str = "us-east-1") -> SNSClient:
        """A boto3 SNS client for this server (dummy credentials)."""
        return _local_client("sns", self.url, region_name)

    def create_topic(self, name: str, region_name: str = "us-east-1") -> str:
        """Create a standard SNS topic; return its ARN."""
        return str(self.sns_client(region_name).create_topic(Name=name)["TopicArn"])


def _local_client(service: str, endpoint_url: str | None, region_name: str) -> Any:
    """A boto3 client for ``service`` on a local endpoint, with dummy credentials."""
    return boto3.client(  # type: ignore[call-overload]
        service,
        endpoint_url=endpoint_url,
        region_name=region_name,
        aws_access_key_id=DUMMY_KEY,
        aws_secret_access_key=DUMMY_KEY,
    )
