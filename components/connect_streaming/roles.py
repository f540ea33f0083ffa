"""IAM roles that call the Connect APIs, one job each, with least-privilege inline policies."""

from collections.abc import Callable
from typing import Any, NotRequired, TypedDict

import pulumi
import pulumi_aws as aws

from connect_streaming.arns import ConnectInstance
from connect_streaming.documents import (
    Trust,
    metrics_reader_policy,
    streaming_controller_policy,
    task_starter_policy,
    to_json,
)


class TrustArgs(TypedDict):
    """Who may assume the role: set exactly one of service, role_arns, oidc_provider_arn."""

    service: NotRequired[str]
    """A service principal, e.g. lambda.amazonaws.com or ecs-tasks.amazonaws.com."""
    role_arns: NotRequired[list[str]]
    """IAM role (or account root) ARNs allowed to assume the role."""
    oidc_provider_arn: NotRequired[str]
    """An IAM OIDC provider (e.g. GitHub Actions) whose tokens may assume the role."""
    oidc_audience: NotRequired[str]
    """Required ``aud`` claim for OIDC (default sts.amazonaws.com)."""
    oidc_subjects: NotRequired[list[str]]
    """Allowed ``sub`` claims for OIDC (wildcards allowed), at least one."""


def trust_from_args(args: TrustArgs) -> Trust:
    """Plain :class:`Trust` from component args (ValueError naming the problem)."""
    return Trust(
        service=args.get("service"),
        role_arns=tuple(args.get("role_arns") or ()),
        oidc_provider_arn=args.get("oidc_provider_arn"),
        oidc_audience=args.get("oidc_audience") or "sts.amazonaws.com",
        oidc_subjects=tuple(args.get("oidc_subjects") or ()),
    )


class StreamingControllerRoleArgs(TypedDict):
    """Inputs of :class:`StreamingControllerRole`."""

    instance_arn: str
    """ARN of the Amazon Connect instance."""
    trust: TrustArgs
    """Who may assume the role."""
    tags: NotRequired[dict[str, str]]
    """Tags for the role."""


class MetricsReaderRoleArgs(TypedDict):
    """Inputs of :class:`MetricsReaderRole`."""

    instance_arn: str
    """ARN of the Amazon Connect instance."""
    trust: TrustArgs
    """Who may assume the role."""
    tags: NotRequired[dict[str, str]]
    """Tags for the role."""


class TaskStarterRoleArgs(TypedDict):
    """Inputs of :class:`TaskStarterRole`."""

    instance_arn: str
    """ARN of the Amazon Connect instance."""
    contact_flow_arns: pulumi.Input[list[pulumi.Input[str]]]
    """The task flows StartTaskContact may target (ARNs in the instance)."""
    trust: TrustArgs
    """Who may assume the role."""
    allow_previous_contacts: NotRequired[bool]
    """Also allow linking a task to a previous contact (contact/* resources)."""
    task_template_arns: NotRequired[pulumi.Input[list[pulumi.Input[str]]]]
    """Task templates StartTaskContact may start tasks from (ARNs in the instance)."""
    quick_connect_arns: NotRequired[pulumi.Input[list[pulumi.Input[str]]]]
    """Quick connects StartTaskContact may start tasks through (ARNs in the instance)."""
    tags: NotRequired[dict[str, str]]
    """Tags for the role."""


def _job_role(
    component: pulumi.ComponentResource,
    name: str,
    *,
    description: str,
    assume_role_policy: str,
    policy: pulumi.Input[str],
    tags: dict[str, str] | None,
) -> aws.iam.Role:
    role = aws.iam.Role(
        f"{name}-role",
        description=description,
        assume_role_policy=assume_role_policy,
        max_session_duration=3600,
        tags=dict(tags or {}),
        opts=pulumi.ResourceOptions(parent=component),
    )
    aws.iam.RolePolicy(
        f"{name}-policy",
        role=role.id,
        policy=policy,
        opts=pulumi.ResourceOptions(parent=role),
    )
    return role


class _JobRole(pulumi.ComponentResource):
    role_arn: pulumi.Output[str]
    """ARN of the role."""
    role_name: pulumi.Output[str]
    """Name of the role."""

    def _finish(self, role: aws.iam.Role) -> None:
        self.role_arn = role.arn
        self.role_name = role.name
        self.register_outputs({"role_arn": self.role_arn, "role_name": self.role_name})


class StreamingControllerRole(_JobRole):
    """A role that may start and stop chat streaming on one Connect instance, nothing else."""

    role_arn: pulumi.Output[str]
    """ARN of the role."""
    role_name: pulumi.Output[str]
    """Name of the role."""

    def __init__(
        self,
        name: str,
        args: StreamingControllerRoleArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        # Inputs are checked before anything is registered.
        instance = ConnectInstance.from_arn(args["instance_arn"])
        trust = to_json(trust_from_args(args["trust"]).policy())
        super().__init__("connect-streaming:index:StreamingControllerRole", name, {}, opts)
        role = _job_role(
            self,
            name,
            description="Starts and stops Amazon Connect chat message streaming",
            assume_role_policy=trust,
            policy=to_json(streaming_controller_policy(instance)),
            tags=args.get("tags"),
        )
        self._finish(role)


class MetricsReaderRole(_JobRole):
    """A role that may read real-time and historical metrics of one Connect instance."""

    role_arn: pulumi.Output[str]
    """ARN of the role."""
    role_name: pulumi.Output[str]
    """Name of the role."""

    def __init__(
        self,
        name: str,
        args: MetricsReaderRoleArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        # Inputs are checked before anything is registered.
        instance = ConnectInstance.from_arn(args["instance_arn"])
        trust = to_json(trust_from_args(args["trust"]).policy())
        super().__init__("connect-streaming:index:MetricsReaderRole", name, {}, opts)
        role = _job_role(
            self,
            name,
            description="Reads Amazon Connect real-time and historical metrics",
            assume_role_policy=trust,
            policy=to_json(metrics_reader_policy(instance)),
            tags=args.get("tags"),
        )
        self._finish(role)


class TaskStarterRole(_JobRole):
    """A role that may start tasks through the given task flows (and task templates and quick
    connects) of one Connect instance."""

    role_arn: pulumi.Output[str]
    """ARN of the role."""
    role_name: pulumi.Output[str]
    """Name of the role."""

    def __init__(
        self,
        name: str,
        args: TaskStarterRoleArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        # Inputs are checked before anything is registered.
        instance = ConnectInstance.from_arn(args["instance_arn"])
        trust = to_json(trust_from_args(args["trust"]).policy())
        super().__init__("connect-streaming:index:TaskStarterRole", name, {}, opts)
        previous = bool(args.get("allow_previous_contacts"))
        build: Callable[[list[Any]], str] = lambda targets: to_json(  # noqa: E731
            task_starter_policy(
                instance,
                targets[0],
                previous_contacts=previous,
                task_template_arns=targets[1],
                quick_connect_arns=targets[2],
            )
        )
        policy = pulumi.Output.all(
            args["contact_flow_arns"],
            args.get("task_template_arns") or [],
            args.get("quick_connect_arns") or [],
        ).apply(build)
        role = _job_role(
            self,
            name,
            description="Starts Amazon Connect tasks through its task flows",
            assume_role_policy=trust,
            policy=policy,
            tags=args.get("tags"),
        )
        self._finish(role)
