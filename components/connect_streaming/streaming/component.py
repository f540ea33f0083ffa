"""ChatStreamingEndpoint: the standard, CMK-encrypted SNS topic Connect streams chats to."""

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict

import pulumi
import pulumi_aws as aws

from connect_streaming._inputs import InputChecks, child_options, output_dict
from connect_streaming.arns import ConnectInstance
from connect_streaming.errors import RuleError
from connect_streaming.names import SUBSCRIBER_KINDS, endpoint_names, name_problems
from connect_streaming.streaming.documents import (
    DEAD_LETTER_RETENTION_SECONDS,
    DEFAULT_MAX_RECEIVE_COUNT,
    DEFAULT_RETENTION_SECONDS,
    kms_key_policy,
    message_visibility_filter,
    queue_redrive_policy,
    redrive_allow_policy,
    sqs_subscriber_policy,
    streaming_topic_policy,
    subscription_redrive_policy,
    tls_only_queue_policy,
    to_json,
)

_TOPIC_NAME = re.compile(r"[A-Za-z0-9_-]{1,256}")


class SqsSubscriberArgs(TypedDict):
    """An SQS queue, created here, that receives the topic's messages."""

    name: str
    """Queue name suffix (the queue is named ``<endpoint>-<name>``)."""
    message_visibility: NotRequired[list[str]]
    """Deliver only messages whose MessageVisibility is one of these (CUSTOMER, AGENT, ALL)."""
    raw_message_delivery: NotRequired[bool]
    """Deliver the message body without the SNS envelope (default false)."""
    message_retention_seconds: NotRequired[int]
    """How long the queue keeps a message nobody deleted, 60..1209600 s (default 345600, 4
    days); its dead-letter queue always keeps messages for the maximum, 14 days."""
    max_receive_count: NotRequired[int]
    """Receives of a message that is never deleted before it moves to the queue's dead-letter
    queue, 1..1000 (default 5)."""


class LambdaSubscriberArgs(TypedDict):
    """An existing Lambda function that receives the topic's messages."""

    name: str
    """Subscription name suffix."""
    function_arn: pulumi.Input[str]
    """ARN of the function; SNS gets permission to invoke it."""
    message_visibility: NotRequired[list[str]]
    """Deliver only messages whose MessageVisibility is one of these (CUSTOMER, AGENT, ALL)."""


class HttpsSubscriberArgs(TypedDict):
    """An HTTPS endpoint that receives the topic's messages (it must confirm the subscription)."""

    name: str
    """Subscription name suffix."""
    url: pulumi.Input[str]
    """The https:// URL SNS posts to."""
    message_visibility: NotRequired[list[str]]
    """Deliver only messages whose MessageVisibility is one of these (CUSTOMER, AGENT, ALL)."""


class ChatStreamingEndpointArgs(TypedDict):
    """Inputs of :class:`ChatStreamingEndpoint`."""

    instance_arn: pulumi.Input[str]
    """ARN of the Amazon Connect instance allowed to publish (the topic is created in its
    account; its Region must be the AWS provider's)."""
    topic_name: NotRequired[str]
    """Name of the standard SNS topic (default: the component name)."""
    fifo_topic: NotRequired[bool]
    """Must be false or absent: Connect streams only to standard topics."""
    kms_key_arn: NotRequired[pulumi.Input[str]]
    """A customer-managed KMS key to encrypt with; by default the component creates one."""
    sqs_subscribers: NotRequired[list[SqsSubscriberArgs]]
    """SQS queues to create and subscribe."""
    lambda_subscribers: NotRequired[list[LambdaSubscriberArgs]]
    """Lambda functions to subscribe."""
    https_subscribers: NotRequired[list[HttpsSubscriberArgs]]
    """HTTPS endpoints to subscribe."""
    tags: NotRequired[dict[str, str]]
    """Tags for every taggable resource."""


def checked_topic_name(name: str, *, fifo: bool) -> str:
    """The topic name if it can carry chat streaming, else a RuleError saying why."""
    if fifo or name.endswith(".fifo"):
        raise RuleError(
            "a standard SNS topic: Amazon Connect streams chats only to standard SNS topics;"
            " FIFO topics are refused (set fifo_topic to false and drop the .fifo suffix)",
            name,
        )
    if not _TOPIC_NAME.fullmatch(name):
        raise RuleError("a topic name of 1-256 letters, digits, '-' or '_'", name)
    return name


@dataclass(frozen=True)
class _Delivery:
    """What every subscription and queue of one endpoint is built against."""

    topic: aws.sns.Topic
    topic_name: str
    topic_arn: pulumi.Output[str]
    instance: pulumi.Output[ConnectInstance]


class ChatStreamingEndpoint(pulumi.ComponentResource):
    """A standard SNS topic that Amazon Connect may publish chat messages to, encrypted with
    a customer-managed KMS key, with optional SQS, Lambda and HTTPS subscribers."""

    topic_arn: pulumi.Output[str]
    """The StreamingEndpointArn to pass to StartContactStreaming."""
    topic_name: pulumi.Output[str]
    """Name of the SNS topic."""
    kms_key_arn: pulumi.Output[str]
    """ARN of the KMS key that encrypts the topic."""
    subscriber_queue_urls: pulumi.Output[list[str]]
    """URLs of the SQS subscriber queues created here."""
    dead_letter_queue_urls: pulumi.Output[dict[str, str]]
    """Dead-letter queue name -> URL: one per subscription (``<queue>-sns-dlq``, what SNS
    could not deliver) and one per SQS subscriber (``<queue>-dlq``, what consumers failed)."""

    def __init__(
        self,
        name: str,
        args: ChatStreamingEndpointArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        # Check the inputs before registering anything, so a refused request leaves no trace;
        # inputs that are Outputs are checked again once their values are known.
        checks = InputChecks("ChatStreamingEndpoint", name)
        checks.known_keys(args, ChatStreamingEndpointArgs)
        instance = checks.instance(args["instance_arn"], opts)
        topic_name = checks.now(
            "topic_name",
            args.get("topic_name") or name,
            lambda n: checked_topic_name(n, fifo=bool(args.get("fifo_topic"))),
        )
        _check_subscribers(checks, name, topic_name, args)
        given_key = args.get("kms_key_arn")
        key_arn = None if given_key is None else checks.rule("kms_key_arn", given_key)
        lambdas = [
            checks.rule(f"lambda_subscribers[{i}].function_arn", fn["function_arn"])
            for i, fn in enumerate(args.get("lambda_subscribers") or [])
        ]
        urls = [
            checks.rule(f"https_subscribers[{i}].url", hook["url"])
            for i, hook in enumerate(args.get("https_subscribers") or [])
        ]
        super().__init__("connect-streaming:index:ChatStreamingEndpoint", name, {}, opts)
        self._tags = dict(args.get("tags") or {})
        self._name = name
        if key_arn is None:
            key_arn = self._key(topic_name, instance, opts)
        topic_arn = instance.apply(lambda i: i.sns_topic_arn(topic_name))
        topic = self._topic(topic_name, key_arn, instance, topic_arn, opts)
        self._dead_letters: dict[str, pulumi.Output[str]] = {}
        self._delivery = _Delivery(topic, topic_name, topic_arn, instance)
        queue_urls = [self._queue(sub) for sub in args.get("sqs_subscribers") or []]
        for fn, function_arn in zip(args.get("lambda_subscribers") or [], lambdas, strict=True):
            self._lambda(topic, fn, function_arn)
        for hook, url in zip(args.get("https_subscribers") or [], urls, strict=True):
            self._subscription(hook, "https", url)
        self._register(topic, key_arn, queue_urls)

    def _register(
        self, topic: aws.sns.Topic, key_arn: pulumi.Input[str], queue_urls: list[pulumi.Output[str]]
    ) -> None:
        self.topic_arn = topic.arn
        self.topic_name = topic.name
        self.kms_key_arn = pulumi.Output.from_input(key_arn)
        self.subscriber_queue_urls = pulumi.Output.all(*queue_urls).apply(list)
        self.dead_letter_queue_urls = output_dict(self._dead_letters)
        self.register_outputs(
            {
                "topic_arn": self.topic_arn,
                "topic_name": self.topic_name,
                "kms_key_arn": self.kms_key_arn,
                "subscriber_queue_urls": self.subscriber_queue_urls,
                "dead_letter_queue_urls": self.dead_letter_queue_urls,
            }
        )

    def _key(
        self,
        topic_name: str,
        instance: pulumi.Output[ConnectInstance],
        opts: pulumi.ResourceOptions | None,
    ) -> pulumi.Output[str]:
        key = aws.kms.Key(
            f"{self._name}-key",
            description=f"Encrypts the chat streaming topic {topic_name}",
            enable_key_rotation=True,
            deletion_window_in_days=30,
            policy=instance.apply(lambda i: to_json(kms_key_policy(i))),
            tags=self._tags,
            opts=child_options(self, opts),
        )
        aws.kms.Alias(
            f"{self._name}-key-alias",
            name=f"alias/{topic_name}",
            target_key_id=key.key_id,
            opts=pulumi.ResourceOptions(parent=key),
        )
        return key.arn

    def _topic(
        self,
        topic_name: str,
        key_arn: pulumi.Input[str],
        instance: pulumi.Output[ConnectInstance],
        topic_arn: pulumi.Output[str],
        opts: pulumi.ResourceOptions | None,
    ) -> aws.sns.Topic:
        # One policy, set on the topic itself (no separate TopicPolicy resource): the ARN is
        # known from the name, and two policy sources for one topic overwrite each other.
        policy = pulumi.Output.all(instance, topic_arn).apply(
            lambda v: to_json(streaming_topic_policy(v[0], v[1]))
        )
        return aws.sns.Topic(
            f"{self._name}-topic",
            name=topic_name,
            fifo_topic=False,
            kms_master_key_id=key_arn,
            policy=policy,
            tags=self._tags,
            opts=child_options(self, opts),
        )

    def _sqs_queue(
        self,
        resource: str,
        queue_name: str,
        retention: int,
        policy: Callable[[str, str], dict[str, Any]],
        *,
        redrive_policy: pulumi.Input[str] | None = None,
        redrive_allow_policy: pulumi.Input[str] | None = None,
    ) -> aws.sqs.Queue:
        """A queue beside the topic, SSE-SQS, with the policy ``policy(queue ARN, topic ARN)``
        and its redrive (``redrive_policy``) or, for a DLQ, ``redrive_allow_policy``."""
        delivery = self._delivery
        queue = aws.sqs.Queue(
            resource,
            name=queue_name,
            sqs_managed_sse_enabled=True,
            message_retention_seconds=retention,
            tags=self._tags,
            redrive_policy=redrive_policy,
            redrive_allow_policy=redrive_allow_policy,
            opts=pulumi.ResourceOptions(parent=delivery.topic),
        )
        aws.sqs.QueuePolicy(
            f"{resource}-policy",
            queue_url=queue.url,
            policy=pulumi.Output.all(queue.arn, delivery.topic_arn).apply(
                lambda v: to_json(policy(v[0], v[1]))
            ),
            opts=pulumi.ResourceOptions(parent=queue),
        )
        return queue

    def _dead_letter_queue(
        self,
        resource: str,
        queue_name: str,
        policy: Callable[[str, str], dict[str, Any]],
        allow: pulumi.Input[str],
    ) -> aws.sqs.Queue:
        """A DLQ for the queue or subscription ``resource``, created before it so that its
        redrive can name it; 14 days' retention."""
        retention = DEAD_LETTER_RETENTION_SECONDS
        dead_letters = self._sqs_queue(
            f"{resource}-dlq", queue_name, retention, policy, redrive_allow_policy=allow
        )
        self._dead_letters[queue_name] = dead_letters.url
        return dead_letters

    def _queue(self, sub: SqsSubscriberArgs) -> pulumi.Output[str]:
        name = f"{self._name}-{sub['name']}"
        delivery = self._delivery
        queue_name = f"{delivery.topic_name}-{sub['name']}"
        # The queue's ARN follows from its name, so its DLQ can be created first and admit it.
        queue_arn = delivery.instance.apply(lambda i: i.sqs_queue_arn(queue_name))
        dead_letters = self._dead_letter_queue(
            f"{name}-queue",
            f"{queue_name}-dlq",
            lambda arn, _topic: tls_only_queue_policy(arn),
            queue_arn.apply(lambda arn: to_json(redrive_allow_policy([arn]))),
        )
        receives = sub.get("max_receive_count", DEFAULT_MAX_RECEIVE_COUNT)
        queue = self._sqs_queue(
            f"{name}-queue",
            queue_name,
            sub.get("message_retention_seconds", DEFAULT_RETENTION_SECONDS),
            sqs_subscriber_policy,
            redrive_policy=dead_letters.arn.apply(
                lambda arn: to_json(queue_redrive_policy(arn, receives))
            ),
        )
        raw = bool(sub.get("raw_message_delivery", False))
        self._subscription(sub, "sqs", queue.arn, raw_message_delivery=raw)
        return queue.url

    def _lambda(
        self, topic: aws.sns.Topic, fn: LambdaSubscriberArgs, function_arn: pulumi.Output[str]
    ) -> None:
        aws.lambda_.Permission(
            f"{self._name}-{fn['name']}-invoke",
            action="lambda:InvokeFunction",
            function=function_arn,
            principal="sns.amazonaws.com",
            source_arn=topic.arn,
            opts=pulumi.ResourceOptions(parent=topic),
        )
        self._subscription(fn, "lambda", function_arn)

    def _subscription(
        self, sub: Any, protocol: str, endpoint: pulumi.Input[str], **extra: Any
    ) -> None:
        """A subscription with its own dead-letter queue for what SNS cannot deliver (a
        deleted or refusing endpoint, or retries used up)."""
        resource = f"{self._name}-{sub['name']}-subscription"
        delivery = self._delivery
        dead_letters = self._dead_letter_queue(
            resource,
            f"{delivery.topic_name}-{sub['name']}-sns-dlq",
            sqs_subscriber_policy,
            to_json(redrive_allow_policy([])),
        )
        aws.sns.TopicSubscription(
            resource,
            topic=delivery.topic.arn,
            protocol=protocol,
            endpoint=endpoint,
            filter_policy=_filter(sub.get("message_visibility")),
            redrive_policy=dead_letters.arn.apply(
                lambda arn: to_json(subscription_redrive_policy(arn))
            ),
            opts=pulumi.ResourceOptions(parent=delivery.topic),
            **extra,
        )


def _check_subscribers(
    checks: InputChecks, name: str, topic: str, args: ChatStreamingEndpointArgs
) -> None:
    """Refuse bad filters and subscribers whose derived names collide, before registering."""
    plain: Mapping[str, Any] = args
    for kind in SUBSCRIBER_KINDS:
        for index, sub in enumerate(plain.get(kind) or []):
            field = f"{kind}[{index}].message_visibility"
            checks.now(field, sub.get("message_visibility"), _filter)
    for index, sub in enumerate(plain.get("sqs_subscribers") or []):
        for key in ("message_retention_seconds", "max_receive_count"):
            if key in sub:
                checks.rule(f"sqs_subscribers[{index}].{key}", sub[key])
    for derived, rule in name_problems(endpoint_names(name, topic, args)):
        raise checks.error(f"{derived.entry}.name", rule, derived.value)


def _filter(visibilities: list[str] | None) -> str | None:
    policy = message_visibility_filter(visibilities or [])
    return None if policy is None else json.dumps(policy, sort_keys=True)
