"""Component inputs that take Outputs (issue 11, item 4): every input a user may get from
another stack accepts an Output, known or unknown; a bad value fails once it is known, naming
the component, the field and the rule; unknown argument keys are refused with a suggestion."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import pulumi
import pytest

from connect_streaming.environment import StreamingEnvironment
from connect_streaming.flows.component import TaskCreatingFlow, TaskRoutingFlow
from connect_streaming.roles import (
    MetricsReaderRole,
    StreamingControllerRole,
    TaskStarterRole,
    TrustArgs,
)
from connect_streaming.streaming import ChatStreamingEndpoint
from connect_streaming_plan.mocks import StackProgramError, StackRun, run_program

ACCOUNT = "111122223333"
REGION = "eu-west-2"
INSTANCE = f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
CONFIG = {"aws:region": REGION, "connect-streaming:instanceArn": INSTANCE}


async def _resolved(value: Any) -> Any:
    return value


def known(value: Any) -> pulumi.Output[Any]:
    """An Output whose value is known (as a StackReference output is on `pulumi up`)."""
    return pulumi.Output(set(), _resolved(value), _resolved(True))


def unknown() -> pulumi.Output[Any]:
    """An Output unknown during preview (a resource in another stack not created yet)."""
    return pulumi.Output(set(), _resolved(None), _resolved(False))


@dataclass(frozen=True)
class Case:
    """One Output-taking input: the field as errors name it, a good and a bad value, and the
    program that builds the component with ``value`` in that field."""

    component: str
    field: str
    good: str
    bad: str
    rule: str
    build: Callable[[Any], object]
    consumer: str  # a resource type whose inputs the field reaches

    def __str__(self) -> str:
        return f"{self.component}.{self.field}"


def _endpoint(**extra: Any) -> Callable[[], object]:
    return lambda: ChatStreamingEndpoint(
        "chat",
        cast(Any, {"instance_arn": INSTANCE, "sqs_subscribers": [{"name": "q"}], **extra}),
    )


def _trust_role(trust: Any) -> object:
    return StreamingControllerRole("ctl", {"instance_arn": INSTANCE, "trust": trust})


def _environment(
    instance: Any = INSTANCE, queue: Any = "q-1", key: Any = None, overflow: Any = None
) -> object:
    endpoint: dict[str, Any] = {"name": "chat", "sqs_subscribers": [{"name": "q"}]}
    if key is not None:
        endpoint["kms_key_arn"] = key
    flow: dict[str, Any] = {"name": "tasks", "queue_id": queue}
    if overflow is not None:
        flow["overflow_queue_id"] = overflow
    service: TrustArgs = {"service": "lambda.amazonaws.com"}
    return StreamingEnvironment(
        "test",
        {
            "environment": "test",
            "instance_arn": instance,
            "streaming_endpoints": [cast(Any, endpoint)],
            "task_flows": [cast(Any, flow)],
            "trust": {
                "streaming_controller": service,
                "metrics_reader": service,
                "task_starter": service,
            },
        },
    )


def _routing(**extra: Any) -> object:
    queue = f"{INSTANCE}/queue/q-1"
    return TaskRoutingFlow(
        "route", cast(Any, {"instance_arn": INSTANCE, "queue_arn": queue, **extra})
    )


KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
LAMBDA = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:indexer"
FLOW = f"{INSTANCE}/contact-flow/0a1b2c3d"
OIDC = f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
CASES = [
    Case(
        "ChatStreamingEndpoint",
        "instance_arn",
        INSTANCE,
        "arn:aws:sns:x",
        "an Amazon Connect ARN",
        lambda v: _endpoint(instance_arn=v)(),
        "aws:sns/topic:Topic",
    ),
    Case(
        "ChatStreamingEndpoint",
        "kms_key_arn",
        KEY,
        "alias/mine",
        "a KMS key or alias ARN",
        lambda v: _endpoint(kms_key_arn=v)(),
        "aws:sns/topic:Topic",
    ),
    Case(
        "ChatStreamingEndpoint",
        "lambda_subscribers[0].function_arn",
        LAMBDA,
        "indexer",
        "a Lambda function ARN",
        lambda v: _endpoint(lambda_subscribers=[{"name": "fn", "function_arn": v}])(),
        "aws:lambda/permission:Permission",
    ),
    Case(
        "ChatStreamingEndpoint",
        "https_subscribers[0].url",
        "https://hooks.example.com/x",
        "http://hooks.example.com/x",
        "an https:// URL",
        lambda v: _endpoint(https_subscribers=[{"name": "hook", "url": v}])(),
        "aws:sns/topicSubscription:TopicSubscription",
    ),
    Case(
        "StreamingControllerRole",
        "instance_arn",
        INSTANCE,
        "nope",
        "an Amazon Connect ARN",
        lambda v: StreamingControllerRole(
            "ctl", {"instance_arn": v, "trust": {"service": "lambda.amazonaws.com"}}
        ),
        "aws:iam/rolePolicy:RolePolicy",
    ),
    Case(
        "StreamingControllerRole",
        "trust.role_arns",
        f"arn:aws:iam::{ACCOUNT}:role/app",
        "arn:aws:s3:::bucket",
        "IAM role or account root ARNs",
        lambda v: _trust_role({"role_arns": [v]}),
        "aws:iam/role:Role",
    ),
    Case(
        "StreamingControllerRole",
        "trust.oidc_provider_arn",
        OIDC,
        "token.actions",
        "an IAM OIDC provider ARN",
        lambda v: _trust_role({"oidc_provider_arn": v, "oidc_subjects": ["repo:o/r:*"]}),
        "aws:iam/role:Role",
    ),
    Case(
        "TaskStarterRole",
        "contact_flow_arns",
        FLOW,
        f"{INSTANCE}x/contact-flow/f",
        "contact flows of instance",
        lambda v: TaskStarterRole(
            "tasks",
            {
                "instance_arn": INSTANCE,
                "contact_flow_arns": [v],
                "trust": {"service": "lambda.amazonaws.com"},
            },
        ),
        "aws:iam/rolePolicy:RolePolicy",
    ),
    Case(
        "TaskRoutingFlow",
        "queue_arn",
        f"{INSTANCE}/queue/q-1",
        "q-1",
        "a queue ARN of the instance",
        lambda v: TaskRoutingFlow("route", {"instance_arn": INSTANCE, "queue_arn": v}),
        "aws:connect/contactFlow:ContactFlow",
    ),
    Case(
        "TaskRoutingFlow",
        "overflow_queue_arn",
        f"{INSTANCE}/queue/q-2",
        "q-2",
        "a queue ARN of the instance",
        lambda v: _routing(overflow_queue_arn=v),
        "aws:connect/contactFlow:ContactFlow",
    ),
    Case(
        "TaskRoutingFlow",
        "overflow_queue_arn",
        f"{INSTANCE}/queue/q-2",
        f"{INSTANCE}/queue/q-1",  # the flow's own queue
        "a queue other than queue_arn (a full queue cannot take its own overflow)",
        lambda v: _routing(overflow_queue_arn=v),
        "aws:connect/contactFlow:ContactFlow",
    ),
    Case(
        "TaskRoutingFlow",
        "instance_arn",
        INSTANCE,
        "i-1",
        "an Amazon Connect ARN",
        lambda v: TaskRoutingFlow("route", {"instance_arn": v, "queue_arn": f"{INSTANCE}/queue/q"}),
        "aws:connect/contactFlow:ContactFlow",
    ),
    Case(
        "TaskCreatingFlow",
        "task_flow_arn",
        FLOW,
        "flow-1",
        "a contact flow ARN of the instance",
        lambda v: TaskCreatingFlow(
            "create", {"instance_arn": INSTANCE, "task_flow_arn": v, "task_name": "Follow up"}
        ),
        "aws:connect/contactFlow:ContactFlow",
    ),
    Case(
        "TaskCreatingFlow",
        "instance_arn",
        INSTANCE,
        "instance/x",
        "an Amazon Connect ARN",
        lambda v: TaskCreatingFlow(
            "create", {"instance_arn": v, "task_flow_arn": FLOW, "task_name": "Follow up"}
        ),
        "aws:connect/contactFlow:ContactFlow",
    ),
    Case(
        "MetricsReaderRole",
        "instance_arn",
        INSTANCE,
        "arn:aws:connect:eu-west-2:1:instance/x",
        "an Amazon Connect ARN",
        lambda v: MetricsReaderRole(
            "metrics", {"instance_arn": v, "trust": {"service": "lambda.amazonaws.com"}}
        ),
        "aws:iam/rolePolicy:RolePolicy",
    ),
    Case(
        "StreamingEnvironment",
        "instance_arn",
        INSTANCE,
        "arn:aws:connect:eu-west-2:1:instance/x",
        "an Amazon Connect ARN",
        lambda v: _environment(instance=v),
        "aws:sns/topic:Topic",
    ),
    Case(
        "StreamingEnvironment",
        "task_flows[0].queue_id",
        "q-1",
        "queue 1",
        "a queue ID",
        lambda v: _environment(queue=v),
        "aws:connect/contactFlow:ContactFlow",
    ),
    Case(
        "StreamingEnvironment",
        "task_flows[0].overflow_queue_id",
        "q-2",
        "queue 2",
        "a queue ID",
        lambda v: _environment(overflow=v),
        "aws:connect/contactFlow:ContactFlow",
    ),
    Case(
        "StreamingEnvironment",
        "task_flows[0].overflow_queue_id",
        "q-2",
        "q-1",  # the flow's own queue
        "a queue other than queue_id (a full queue cannot take its own overflow)",
        lambda v: _environment(overflow=v),
        "aws:connect/contactFlow:ContactFlow",
    ),
    Case(
        "StreamingEnvironment",
        "streaming_endpoints[0].kms_key_arn",
        KEY,
        "key-1",
        "a KMS key or alias ARN",
        lambda v: _environment(key=v),
        "aws:sns/topic:Topic",
    ),
]


def _run(program: Callable[[], object]) -> StackRun:
    return run_program(program, environment="test", config=CONFIG)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_known_output_is_accepted_and_reaches_the_resource(case: Case) -> None:
    plain = _run(lambda: case.build(case.good))
    wrapped = _run(lambda: case.build(known(case.good)))
    assert sorted(r.urn for r in wrapped.resources) == sorted(r.urn for r in plain.resources)
    consumers = {r.urn: r.inputs for r in wrapped.of_type(case.consumer)}
    assert consumers == {r.urn: r.inputs for r in plain.of_type(case.consumer)}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_an_unknown_output_defers_the_check_and_still_plans(case: Case) -> None:
    plain = _run(lambda: case.build(case.good))
    preview = _run(lambda: case.build(unknown()))
    assert sorted(r.urn for r in preview.resources) == sorted(r.urn for r in plain.resources)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_bad_plain_value_is_refused_before_anything_is_registered(case: Case) -> None:
    with pytest.raises(StackProgramError) as caught:
        _run(lambda: case.build(case.bad))
    message = str(caught.value)
    assert f"{case.component} '" in message, message
    assert f"{case.field}: expected {case.rule}" in message, message
    assert repr(case.bad) in message, message
    assert caught.value.resources == []


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_bad_value_that_becomes_known_fails_the_deployment(case: Case) -> None:
    with pytest.raises(StackProgramError) as caught:
        _run(lambda: case.build(known(case.bad)))
    message = str(caught.value)
    assert "While processing resource" in message, message  # the registration failed
    assert f"{case.component} '" in message, message
    assert f"{case.field}: expected {case.rule}" in message, message


@pytest.mark.parametrize(
    ("extra", "path", "suggestion"),
    [
        ({"sqs_subscriber": [{"name": "q"}]}, "args.sqs_subscriber", "sqs_subscribers"),
        (
            {"sqs_subscribers": [{"name": "q", "message_visiblity": ["ALL"]}]},
            "args.sqs_subscribers[0].message_visiblity",
            "message_visibility",
        ),
    ],
)
def test_an_unknown_argument_key_is_refused_with_a_suggestion(
    extra: dict[str, Any], path: str, suggestion: str
) -> None:
    with pytest.raises(StackProgramError) as caught:
        _run(lambda: ChatStreamingEndpoint("chat", cast(Any, {"instance_arn": INSTANCE, **extra})))
    message = str(caught.value)
    assert f"ChatStreamingEndpoint 'chat': {path}: expected one of the keys" in message, message
    assert f"did you mean {suggestion!r}?" in message, message
    assert caught.value.resources == []


def test_an_unknown_trust_key_is_refused_below_the_top_level() -> None:
    with pytest.raises(StackProgramError, match=r"args.trust.servce: .*did you mean 'service'"):
        _run(lambda: _trust_role({"servce": "lambda.amazonaws.com"}))
