"""IAM roles that call the Connect APIs, one job each, with least-privilege inline policies."""

from collections.abc import Callable, Mapping
from typing import Any, NotRequired, TypedDict

import pulumi
import pulumi_aws as aws

from connect_streaming._inputs import InputChecks, child_options
from connect_streaming.arns import ConnectInstance
from connect_streaming.roles.documents import (
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
    role_arns: NotRequired[list[pulumi.Input[str]]]
    """IAM role (or account root) ARNs allowed to assume the role."""
    oidc_provider_arn: NotRequired[pulumi.Input[str]]
    """An IAM OIDC provider (e.g. GitHub Actions) whose tokens may assume the role."""
    oidc_audience: NotRequired[str]
    """Required ``aud`` claim for OIDC (default sts.amazonaws.com)."""
    oidc_subjects: NotRequired[list[str]]
    """Allowed ``sub`` claims for OIDC (wildcards allowed), at least one."""


def trust_from_args(args: Mapping[str, Any]) -> Trust:
    """Plain :class:`Trust` from resolved TrustArgs (RuleError naming the problem)."""
    return Trust(
        service=args.get("service"),
        role_arns=tuple(args.get("role_arns") or ()),
        oidc_provider_arn=args.get("oidc_provider_arn"),
        oidc_audience=args.get("oidc_audience") or "sts.amazonaws.com",
        oidc_subjects=tuple(args.get("oidc_subjects") or ()),
    )


class StreamingControllerRoleArgs(TypedDict):
    """Inputs of :class:`StreamingControllerRole`."""

    instance_arn: pulumi.Input[str]
    """ARN of the Amazon Connect instance."""
    trust: TrustArgs
    """Who may assume the role."""
    tags: NotRequired[dict[str, str]]
    """Tags for the role."""


class MetricsReaderRoleArgs(TypedDict):
    """Inputs of :class:`MetricsReaderRole`."""

    instance_arn: pulumi.Input[str]
    """ARN of the Amazon Connect instance."""
    trust: TrustArgs
    """Who may assume the role."""
    tags: NotRequired[dict[str, str]]
    """Tags for the role."""


class TaskStarterRoleArgs(TypedDict):
    """Inputs of :class:`TaskStarterRole`."""

    instance_arn: pulumi.Input[str]
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


class _JobRole(pulumi.ComponentResource):
    """One IAM role with one inline policy; subclasses give the policy (outputs below)."""

    role_arn: pulumi.Output[str]
    """ARN of the role."""
    role_name: pulumi.Output[str]
    """Name of the role."""

    def _build(
        self,
        name: str,
        args: Any,
        opts: pulumi.ResourceOptions | None,
        *,
        args_type: type,
        description: str,
        policy: Callable[[InputChecks, pulumi.Output[ConnectInstance]], pulumi.Output[str]],
    ) -> None:
        """Check the inputs, then register one role with one inline policy."""
        component = type(self).__name__
        checks = InputChecks(component, name)
        checks.known_keys(args, args_type)
        instance = checks.instance(args["instance_arn"], opts)
        trust = checks.derive(
            "trust", args["trust"], lambda t: to_json(trust_from_args(t).policy())
        )
        document = policy(checks, instance)
        super().__init__(f"connect-streaming:index:{component}", name, {}, opts)
        role = aws.iam.Role(
            f"{name}-role",
            description=description,
            assume_role_policy=trust,
            max_session_duration=3600,
            tags=dict(args.get("tags") or {}),
            opts=child_options(self, opts),
        )
        aws.iam.RolePolicy(
            f"{name}-policy",
            role=role.id,
            policy=document,
            opts=pulumi.ResourceOptions(parent=role),
        )
        self.role_arn = role.arn
        self.role_name = role.name
        self.register_outputs({"role_arn": self.role_arn, "role_name": self.role_name})


class StreamingControllerRole(_JobRole):
    """A role that may start and stop chat streaming on one Connect instance, nothing else."""

    def __init__(
        self,
        name: str,
        args: StreamingControllerRoleArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        self._build(
            name,
            args,
            opts,
            args_type=StreamingControllerRoleArgs,
            description="Starts and stops Amazon Connect chat message streaming",
            policy=lambda _, i: i.apply(lambda v: to_json(streaming_controller_policy(v))),
        )


class MetricsReaderRole(_JobRole):
    """A role that may read real-time and historical metrics of one Connect instance."""

    def __init__(
        self,
        name: str,
        args: MetricsReaderRoleArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        self._build(
            name,
            args,
            opts,
            args_type=MetricsReaderRoleArgs,
            description="Reads Amazon Connect real-time and historical metrics",
            policy=lambda _, i: i.apply(lambda v: to_json(metrics_reader_policy(v))),
        )


class TaskStarterRole(_JobRole):
    """A role that may start tasks through the given task flows of one Connect instance."""

    def __init__(
        self,
        name: str,
        args: TaskStarterRoleArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        previous = bool(args.get("allow_previous_contacts"))

        def policy(checks: InputChecks, _: pulumi.Output[ConnectInstance]) -> Any:
            # The instance was checked already; parsing it again here lets a plain list of
            # plain flow ARNs be checked before anything is registered.
            targets = [
                args["instance_arn"],
                args["contact_flow_arns"],
                args.get("task_template_arns") or [],
                args.get("quick_connect_arns") or [],
            ]
            return checks.derive(
                "contact_flow_arns",
                targets,
                lambda v: to_json(
                    task_starter_policy(
                        ConnectInstance.from_arn(v[0]),
                        v[1],
                        previous_contacts=previous,
                        task_template_arns=v[2],
                        quick_connect_arns=v[3],
                    )
                ),
            )

        self._build(
            name,
            args,
            opts,
            args_type=TaskStarterRoleArgs,
            description="Starts Amazon Connect tasks (task flows, templates, quick connects)",
            policy=policy,
        )
