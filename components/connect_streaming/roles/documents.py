"""The job roles' documents, pure: who may assume a role (:class:`Trust`) and the
least-privilege permissions of each job, in the ARN formats IAM's service data gives.

No pulumi here: the role components feed these plain values through ``Output.apply``; tests
lint the results with parliament and policy_sentry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from connect_streaming._json import document, to_json
from connect_streaming.arns import ConnectInstance
from connect_streaming.errors import RuleError

__all__ = [
    "Trust",
    "metrics_reader_policy",
    "streaming_controller_policy",
    "task_starter_policy",
    "to_json",
]

_SERVICE_PRINCIPAL: Final = re.compile(r"[a-z0-9.-]+\.amazonaws\.com(\.cn)?")
_ROLE_ARN: Final = re.compile(r"arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role/.+|root)")
_OIDC_ARN: Final = re.compile(r"arn:aws(-[a-z]+)*:iam::[0-9]{12}:oidc-provider/(?P<host>.+)")


@dataclass(frozen=True)
class Trust:
    """Who may assume a role: one of a service, role ARNs, or an OIDC provider.

    Example:
        >>> Trust(service="lambda.amazonaws.com").policy()["Statement"][0]["Principal"]
        {'Service': 'lambda.amazonaws.com'}
    """

    service: str | None = None
    role_arns: tuple[str, ...] = ()
    oidc_provider_arn: str | None = None
    oidc_audience: str = "sts.amazonaws.com"
    oidc_subjects: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        kinds = [bool(self.service), bool(self.role_arns), bool(self.oidc_provider_arn)]
        if sum(kinds) != 1:
            raise RuleError("exactly one of service, role_arns, oidc_provider_arn")
        if self.service and not _SERVICE_PRINCIPAL.fullmatch(self.service):
            raise RuleError("a service principal", self.service, field="service")
        for arn in self.role_arns:
            if not _ROLE_ARN.fullmatch(arn):
                raise RuleError("IAM role or account root ARNs", arn, field="role_arns")
        if self.oidc_provider_arn:
            if not _OIDC_ARN.fullmatch(self.oidc_provider_arn):
                raise RuleError(
                    "an IAM OIDC provider ARN", self.oidc_provider_arn, field="oidc_provider_arn"
                )
            if not self.oidc_subjects:
                # Without a subject condition any identity of the provider could assume it.
                raise RuleError("at least one subject for an OIDC trust", field="oidc_subjects")

    def policy(self) -> dict[str, Any]:
        """The role's assume-role (trust) policy."""
        if self.service:
            principal: dict[str, Any] = {"Service": self.service}
            return document({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"})
        if self.role_arns:
            return document(
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": sorted(self.role_arns)},
                    "Action": "sts:AssumeRole",
                }
            )
        assert self.oidc_provider_arn is not None
        match = _OIDC_ARN.fullmatch(self.oidc_provider_arn)
        host = match["host"] if match else ""
        return document(
            {
                "Effect": "Allow",
                "Principal": {"Federated": self.oidc_provider_arn},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {f"{host}:aud": self.oidc_audience},
                    "StringLike": {f"{host}:sub": sorted(self.oidc_subjects)},
                },
            }
        )


def streaming_controller_policy(instance: ConnectInstance) -> dict[str, Any]:
    """Start and stop chat streaming on one instance (IAM: resource type ``instance``)."""
    return document(
        {
            "Sid": "ControlChatStreaming",
            "Effect": "Allow",
            "Action": ["connect:StartContactStreaming", "connect:StopContactStreaming"],
            "Resource": instance.arn,
        }
    )


def metrics_reader_policy(instance: ConnectInstance) -> dict[str, Any]:
    """Read real-time, historical and V2 metrics of the instance's queues, profiles and agents."""
    return document(
        {
            "Sid": "ReadRealTimeMetrics",
            "Effect": "Allow",
            "Action": "connect:GetCurrentMetricData",
            "Resource": [instance.queue_arn(), instance.routing_profile_arn()],
        },
        {
            "Sid": "ReadHistoricalMetrics",
            "Effect": "Allow",
            "Action": "connect:GetMetricData",
            "Resource": instance.queue_arn(),
        },
        {
            # The IAM Service Authorization Reference scopes GetMetricDataV2 to the resources
            # a request filters by: queues, routing profiles, agents and hierarchy groups.
            "Sid": "ReadMetricsV2",
            "Effect": "Allow",
            "Action": "connect:GetMetricDataV2",
            "Resource": [
                instance.queue_arn(),
                instance.routing_profile_arn(),
                f"{instance.arn}/agent/*",
                f"{instance.arn}/agent-group/*",
            ],
        },
    )


def task_starter_policy(
    instance: ConnectInstance,
    contact_flow_arns: Iterable[str],
    *,
    previous_contacts: bool,
    task_template_arns: Iterable[str] = (),
    quick_connect_arns: Iterable[str] = (),
) -> dict[str, Any]:
    """Start tasks through the given flows, task templates and quick connects only (plus any
    contact, to link previous ones): the resource types IAM lists for StartTaskContact."""
    flows = _own_arns(instance, "contact-flow", contact_flow_arns, "contact flows")
    templates = _own_arns(instance, "task-template", task_template_arns, "task templates")
    quick = _own_arns(instance, "transfer-destination", quick_connect_arns, "quick connects")
    if not (flows or templates or quick):
        raise RuleError("at least one contact flow ARN (or task template or quick connect)")
    targets = [*flows, *templates, *quick]
    resources = [*targets, instance.contact_arn()] if previous_contacts else targets
    return document(
        {
            "Sid": "StartTasksThroughTaskFlows",
            "Effect": "Allow",
            "Action": "connect:StartTaskContact",
            "Resource": resources,
        }
    )


def _own_arns(
    instance: ConnectInstance, resource_type: str, arns: Iterable[str], what: str
) -> list[str]:
    unique = sorted(set(arns))
    prefix = f"{instance.arn}/{resource_type}/"
    foreign = [arn for arn in unique if not arn.startswith(prefix) or arn == prefix]
    if foreign:
        raise RuleError(f"{what} of instance {instance.arn}", foreign)
    return unique
