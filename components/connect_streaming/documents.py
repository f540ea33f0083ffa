"""Policy documents as pure functions: KMS key, SNS topic, SQS queue, IAM trust and permissions.

No pulumi here: components feed these plain values through ``Output.apply``, and tests lint
the results with parliament and policy_sentry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from connect_runtime.streaming.consumer import VISIBILITIES
from connect_streaming.arns import ConnectInstance
from connect_streaming.errors import RuleError

CONNECT_SERVICE: Final = "connect.amazonaws.com"
SNS_SERVICE: Final = "sns.amazonaws.com"
MESSAGE_VISIBILITIES: Final = VISIBILITIES
"""Values of the ``MessageVisibility`` attribute Connect sets on streamed messages (one list,
kept by ``connect_runtime.consumer``)."""

# The only key actions SNS needs from a publisher's key for server-side encryption.
_CONNECT_KEY_ACTIONS: Final = ("kms:GenerateDataKey*", "kms:Decrypt")
_TOPIC_OWNER_ACTIONS: Final = (
    "SNS:GetTopicAttributes",
    "SNS:SetTopicAttributes",
    "SNS:AddPermission",
    "SNS:RemovePermission",
    "SNS:DeleteTopic",
    "SNS:Subscribe",
    "SNS:ListSubscriptionsByTopic",
    "SNS:Publish",
)
_SERVICE_PRINCIPAL: Final = re.compile(r"[a-z0-9.-]+\.amazonaws\.com(\.cn)?")
_ROLE_ARN: Final = re.compile(r"arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role/.+|root)")
_OIDC_ARN: Final = re.compile(r"arn:aws(-[a-z]+)*:iam::[0-9]{12}:oidc-provider/(?P<host>.+)")


def to_json(document: Mapping[str, Any]) -> str:
    """Deterministic JSON for a policy document (sorted keys), so re-runs show no diff."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"))


def _document(*statements: Mapping[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def _source_conditions(instance: ConnectInstance) -> dict[str, Any]:
    # Confused-deputy protection for a service principal (AWS documentation for Connect).
    return {
        "StringEquals": {"aws:SourceAccount": instance.account_id},
        "ArnEquals": {"aws:SourceArn": instance.arn},
    }


def kms_key_policy(instance: ConnectInstance) -> dict[str, Any]:
    """Key policy for a streaming topic's CMK: the account administers it; Connect encrypts.

    Example:
        >>> arn = "arn:aws:connect:us-east-1:123456789012:instance/i-1"
        >>> instance = ConnectInstance.from_arn(arn)
        >>> kms_key_policy(instance)["Statement"][1]["Condition"]["ArnEquals"]
        {'aws:SourceArn': 'arn:aws:connect:us-east-1:123456789012:instance/i-1'}
    """
    return _document(
        {
            # The default key policy statement: without it the key could become unmanageable.
            "Sid": "AccountAdministersKey",
            "Effect": "Allow",
            "Principal": {"AWS": instance.account_root_arn()},
            "Action": "kms:*",
            "Resource": "*",
        },
        {
            "Sid": "ConnectEncryptsStreamedMessages",
            "Effect": "Allow",
            "Principal": {"Service": CONNECT_SERVICE},
            "Action": list(_CONNECT_KEY_ACTIONS),
            "Resource": "*",
            "Condition": _source_conditions(instance),
        },
    )


def streaming_topic_policy(instance: ConnectInstance, topic_arn: str) -> dict[str, Any]:
    """Topic policy: the owner keeps its access, Connect may publish, plain HTTP is denied."""
    return _document(
        {
            "Sid": "OwnerManagesTopic",
            "Effect": "Allow",
            "Principal": {"AWS": instance.account_root_arn()},
            "Action": list(_TOPIC_OWNER_ACTIONS),
            "Resource": topic_arn,
        },
        {
            "Sid": "ConnectPublishesChatMessages",
            "Effect": "Allow",
            "Principal": {"Service": CONNECT_SERVICE},
            "Action": "sns:Publish",
            "Resource": topic_arn,
            "Condition": _source_conditions(instance),
        },
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "sns:Publish",
            "Resource": topic_arn,
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
    )


def sqs_subscriber_policy(queue_arn: str, topic_arn: str) -> dict[str, Any]:
    """Queue policy letting exactly one topic deliver to the subscriber queue."""
    return _document(
        {
            "Sid": "TopicDeliversToQueue",
            "Effect": "Allow",
            "Principal": {"Service": SNS_SERVICE},
            "Action": "sqs:SendMessage",
            "Resource": queue_arn,
            "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
        }
    )


def message_visibility_filter(visibilities: Sequence[str]) -> dict[str, list[str]] | None:
    """SNS filter policy on the ``MessageVisibility`` attribute; None delivers everything.

    Example:
        >>> message_visibility_filter(["CUSTOMER", "ALL"])
        {'MessageVisibility': ['CUSTOMER', 'ALL']}
    """
    if not visibilities:
        return None
    unknown = [v for v in visibilities if v not in MESSAGE_VISIBILITIES]
    if unknown:
        raise RuleError(f"a list of {', '.join(MESSAGE_VISIBILITIES)}", list(visibilities))
    return {"MessageVisibility": list(dict.fromkeys(visibilities))}


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
            return _document(
                {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
            )
        if self.role_arns:
            return _document(
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": sorted(self.role_arns)},
                    "Action": "sts:AssumeRole",
                }
            )
        assert self.oidc_provider_arn is not None
        match = _OIDC_ARN.fullmatch(self.oidc_provider_arn)
        host = match["host"] if match else ""
        return _document(
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
    return _document(
        {
            "Sid": "ControlChatStreaming",
            "Effect": "Allow",
            "Action": ["connect:StartContactStreaming", "connect:StopContactStreaming"],
            "Resource": instance.arn,
        }
    )


def metrics_reader_policy(instance: ConnectInstance) -> dict[str, Any]:
    """Read real-time, historical and V2 metrics of the instance's queues, profiles and agents."""
    return _document(
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
    return _document(
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
