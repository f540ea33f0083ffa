"""ChatStreamingEndpoint: the standard, CMK-encrypted SNS topic Connect streams chats to."""

import json
import re
from typing import NotRequired, TypedDict

import pulumi
import pulumi_aws as aws

from connect_streaming.arns import ConnectInstance
from connect_streaming.documents import (
    kms_key_policy,
    message_visibility_filter,
    sqs_subscriber_policy,
    streaming_topic_policy,
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
    url: str
    """The https:// URL SNS posts to."""
    message_visibility: NotRequired[list[str]]
    """Deliver only messages whose MessageVisibility is one of these (CUSTOMER, AGENT, ALL)."""


class ChatStreamingEndpointArgs(TypedDict):
    """Inputs of :class:`ChatStreamingEndpoint`."""

    instance_arn: str
    """ARN of the Amazon Connect instance allowed to publish (the topic is created in its
    account and Region)."""
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
    """The topic name if it can carry chat streaming, else a ValueError saying why."""
    if fifo or name.endswith(".fifo"):
        raise ValueError(
            f"topic {name!r}: Amazon Connect streams chats only to standard SNS topics;"
            " FIFO topics are refused (set fifo_topic to false and drop the .fifo suffix)"
        )
    if not _TOPIC_NAME.fullmatch(name):
        raise ValueError(f"topic name {name!r} must be 1-256 letters, digits, '-' or '_'")
    return name


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

    def __init__(
        self,
        name: str,
        args: ChatStreamingEndpointArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        # Check the inputs before registering anything, so a refused request leaves no trace.
        instance = ConnectInstance.from_arn(args["instance_arn"])
        topic_name = checked_topic_name(
            args.get("topic_name") or name, fifo=bool(args.get("fifo_topic"))
        )
        for hook in args.get("https_subscribers") or []:
            if not hook["url"].startswith("https://"):
                raise ValueError(
                    f"https_subscribers[{hook['name']!r}].url must start with https://"
                )
        for sub in args.get("sqs_subscribers") or []:
            _filter(sub.get("message_visibility"))
        super().__init__("connect-streaming:index:ChatStreamingEndpoint", name, {}, opts)
        tags = dict(args.get("tags") or {})
        child = pulumi.ResourceOptions(parent=self)

        key_arn: pulumi.Input[str]
        if "kms_key_arn" in args:
            key_arn = args["kms_key_arn"]
        else:
            key = aws.kms.Key(
                f"{name}-key",
                description=f"Encrypts the chat streaming topic {topic_name}",
                enable_key_rotation=True,
                deletion_window_in_days=30,
                policy=to_json(kms_key_policy(instance)),
                tags=tags,
                opts=child,
            )
            aws.kms.Alias(
                f"{name}-key-alias",
                name=f"alias/{topic_name}",
                target_key_id=key.key_id,
                opts=pulumi.ResourceOptions(parent=key),
            )
            key_arn = key.arn

        topic_arn = instance.sns_topic_arn(topic_name)
        # One policy, set on the topic itself (no separate TopicPolicy resource): the ARN is
        # known from the name, and two policy sources for one topic overwrite each other.
        topic = aws.sns.Topic(
            f"{name}-topic",
            name=topic_name,
            fifo_topic=False,
            kms_master_key_id=key_arn,
            policy=to_json(streaming_topic_policy(instance, topic_arn)),
            tags=tags,
            opts=child,
        )
        topic_opts = pulumi.ResourceOptions(parent=topic)

        queue_urls: list[pulumi.Output[str]] = []
        for sub in args.get("sqs_subscribers") or []:
            queue_name = f"{topic_name}-{sub['name']}"
            queue = aws.sqs.Queue(
                f"{name}-{sub['name']}-queue",
                name=queue_name,
                sqs_managed_sse_enabled=True,
                message_retention_seconds=345_600,
                tags=tags,
                opts=topic_opts,
            )
            aws.sqs.QueuePolicy(
                f"{name}-{sub['name']}-queue-policy",
                queue_url=queue.url,
                policy=queue.arn.apply(lambda arn: to_json(sqs_subscriber_policy(arn, topic_arn))),
                opts=pulumi.ResourceOptions(parent=queue),
            )
            aws.sns.TopicSubscription(
                f"{name}-{sub['name']}-subscription",
                topic=topic.arn,
                protocol="sqs",
                endpoint=queue.arn,
                raw_message_delivery=bool(sub.get("raw_message_delivery", False)),
                filter_policy=_filter(sub.get("message_visibility")),
                opts=topic_opts,
            )
            queue_urls.append(queue.url)

        for fn in args.get("lambda_subscribers") or []:
            aws.lambda_.Permission(
                f"{name}-{fn['name']}-invoke",
                action="lambda:InvokeFunction",
                function=fn["function_arn"],
                principal="sns.amazonaws.com",
                source_arn=topic.arn,
                opts=topic_opts,
            )
            aws.sns.TopicSubscription(
                f"{name}-{fn['name']}-subscription",
                topic=topic.arn,
                protocol="lambda",
                endpoint=fn["function_arn"],
                filter_policy=_filter(fn.get("message_visibility")),
                opts=topic_opts,
            )

        for hook in args.get("https_subscribers") or []:
            aws.sns.TopicSubscription(
                f"{name}-{hook['name']}-subscription",
                topic=topic.arn,
                protocol="https",
                endpoint=hook["url"],
                filter_policy=_filter(hook.get("message_visibility")),
                opts=topic_opts,
            )

        self.topic_arn = topic.arn
        self.topic_name = topic.name
        self.kms_key_arn = pulumi.Output.from_input(key_arn)
        self.subscriber_queue_urls = pulumi.Output.all(*queue_urls).apply(list)
        self.register_outputs(
            {
                "topic_arn": self.topic_arn,
                "topic_name": self.topic_name,
                "kms_key_arn": self.kms_key_arn,
                "subscriber_queue_urls": self.subscriber_queue_urls,
            }
        )


def _filter(visibilities: list[str] | None) -> str | None:
    policy = message_visibility_filter(visibilities or [])
    return None if policy is None else json.dumps(policy, sort_keys=True)
