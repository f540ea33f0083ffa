"""Region and name safety (issue 11, item 5): a component refuses an instance in another
Region than its AWS provider's (``aws:region`` or an explicit provider), and entries whose
derived names collide, naming both, before any resource exists."""

from __future__ import annotations

from typing import Any, cast

import pulumi
import pulumi_aws as aws
import pytest

from connect_streaming.environment import StreamingEnvironment, StreamingEnvironmentArgs
from connect_streaming.roles import MetricsReaderRole, TrustArgs
from connect_streaming.streaming import ChatStreamingEndpoint
from connect_streaming_plan.mocks import StackProgramError, StackRun, run_program

ACCOUNT = "111122223333"
INSTANCE = f"arn:aws:connect:eu-west-2:{ACCOUNT}:instance/2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
LAMBDA: TrustArgs = {"service": "lambda.amazonaws.com"}


def _run(program: Any, region: str | None) -> StackRun:
    config = {"connect-streaming:instanceArn": INSTANCE}
    if region is not None:
        config["aws:region"] = region
    return run_program(program, environment="test", config=config)


def _refusal(program: Any, region: str, *, registered: bool = False) -> str:
    """The StackProgramError message of a refused program (nothing registered, unless a
    resource's Output input failed once known)."""
    with pytest.raises(StackProgramError) as caught:
        _run(program, region=region)
    if not registered:
        assert caught.value.resources == []
    return str(caught.value)


def _endpoint(opts: pulumi.ResourceOptions | None = None) -> object:
    return ChatStreamingEndpoint(
        "chat", {"instance_arn": INSTANCE, "sqs_subscribers": [{"name": "q"}]}, opts=opts
    )


def _environment(endpoints: list[dict[str, Any]], opts: Any = None) -> object:
    args = {
        "environment": "dev",
        "instance_arn": INSTANCE,
        "streaming_endpoints": endpoints,
        "task_flows": [{"name": "tasks", "queue_id": "q-1"}],
        "trust": {"streaming_controller": LAMBDA, "metrics_reader": LAMBDA, "task_starter": LAMBDA},
    }
    return StreamingEnvironment("dev", cast(StreamingEnvironmentArgs, args), opts=opts)


@pytest.mark.parametrize(
    "program",
    [
        _endpoint,
        lambda: MetricsReaderRole("metrics", {"instance_arn": INSTANCE, "trust": LAMBDA}),
        lambda: _environment([{"name": "chat", "sqs_subscribers": [{"name": "q"}]}]),
    ],
    ids=["endpoint", "role", "environment"],
)
def test_an_instance_outside_the_config_region_is_refused(program: Any) -> None:
    message = _refusal(program, "us-east-1")
    assert "instance_arn: expected an instance in the AWS provider's Region us-east-1" in message
    assert "not in eu-west-2" in message, message


def test_the_same_region_and_no_region_are_accepted() -> None:
    assert _run(_endpoint, region="eu-west-2").of_type("aws:sns/topic:Topic")
    assert _run(_endpoint, region=None).of_type("aws:sns/topic:Topic")  # AWS_REGION decides


def test_an_explicit_provider_in_another_region_fails_the_deployment() -> None:
    def program() -> None:
        provider = aws.Provider("virginia", region="us-east-1")
        _endpoint(pulumi.ResourceOptions(provider=provider))

    # aws:region agrees with the instance, but the resources go to the provider's Region.
    message = _refusal(program, "eu-west-2", registered=True)
    assert "ChatStreamingEndpoint 'chat': instance_arn: expected an instance in the AWS" in message
    assert "Region us-east-1" in message, message


def test_an_explicit_provider_in_the_instance_region_wins_over_config() -> None:
    def program() -> None:
        provider = aws.Provider("london", region="eu-west-2")
        _environment(
            [{"name": "chat", "sqs_subscribers": [{"name": "q"}]}],
            pulumi.ResourceOptions(providers=[provider]),
        )

    run = _run(program, region="us-east-1")
    assert len(run.of_type("aws:sns/topic:Topic")) == 1
    # The provider reaches every AWS resource of the nested components.
    aws_resources = [r for r in run.resources if r.type.startswith("aws:")]
    # endpoint 10 (key, alias, topic, queue and policy, the queue's DLQ and policy, the
    # subscription and its DLQ and policy), routing flow 1, three roles 2 each
    assert len(aws_resources) == 17
    for resource in aws_resources:
        assert resource.provider is not None, resource.name
        assert "pulumi:providers:aws::london" in resource.provider, resource.name


def test_an_explicit_provider_reaches_nested_components() -> None:
    def program() -> None:
        provider = aws.Provider("virginia", region="us-east-1")
        _environment(
            [{"name": "chat", "sqs_subscribers": [{"name": "q"}]}],
            pulumi.ResourceOptions(providers={"aws": provider}),
        )

    with pytest.raises(StackProgramError, match=r"Region us-east-1"):
        _run(program, region="eu-west-2")


def test_colliding_derived_names_are_refused_naming_both_entries() -> None:
    endpoints = [
        {"name": "chat", "sqs_subscribers": [{"name": "stream-transcripts"}]},
        {"name": "chat-stream", "sqs_subscribers": [{"name": "transcripts"}]},
    ]
    message = _refusal(lambda: _environment(endpoints), "eu-west-2")
    assert "StreamingEnvironment 'dev': streaming_endpoints[1].sqs_subscribers[0].name" in message
    assert "SQS queue 'dev-chat-stream-transcripts'" in message, message
    assert "also derived from streaming_endpoints[0].sqs_subscribers[0]" in message, message


def test_two_subscribers_of_one_endpoint_with_one_name_are_refused() -> None:
    def program() -> None:
        ChatStreamingEndpoint(
            "chat",
            {
                "instance_arn": INSTANCE,
                "sqs_subscribers": [{"name": "audit"}],
                "https_subscribers": [{"name": "audit", "url": "https://example.com/a"}],
            },
        )

    message = _refusal(program, "eu-west-2")
    assert "https_subscribers[0].name: expected a name whose derived names are unique" in message
    assert "also derived from sqs_subscribers[0]" in message, message
