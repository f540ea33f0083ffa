"""The pack's rules as pure functions over resource properties (no pulumi_policy, no network).

Each rule has a name, description, severity, remediation text, a default enforcement level
(mandatory for security and correctness rules, advisory for hygiene) and a config schema.
:mod:`connect_streaming_policy.pack` makes them CrossGuard policies; the tests call them directly.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from connect_streaming.documents import SNS_SERVICE
from connect_streaming.flows import flow_problems
from connect_streaming_policy import resource_policies as rp
from connect_streaming_policy.flow_warnings import FLOW_WARNINGS_RULE
from connect_streaming_policy.iam import (
    DocumentError,
    Statement,
    is_array,
    passrole_problems,
    statements,
    string_list,
    unscoped_resource_problems,
    wildcard_action_problems,
)
from connect_streaming_policy.templates import TASK_TEMPLATE_RULE

Severity = Literal["low", "medium", "high", "critical"]
Level = Literal["advisory", "mandatory", "disabled"]

TOPIC: Final = "aws:sns/topic:Topic"
TOPIC_POLICY: Final = "aws:sns/topicPolicy:TopicPolicy"
SUBSCRIPTION: Final = "aws:sns/topicSubscription:TopicSubscription"
KEY: Final = "aws:kms/key:Key"
ROLE: Final = "aws:iam/role:Role"
ROLE_POLICY: Final = "aws:iam/rolePolicy:RolePolicy"
MANAGED_POLICY: Final = "aws:iam/policy:Policy"
ATTACHMENT: Final = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
CONTACT_FLOW: Final = "aws:connect/contactFlow:ContactFlow"
QUEUE: Final = "aws:sqs/queue:Queue"
QUEUE_POLICY: Final = "aws:sqs/queuePolicy:QueuePolicy"
LAMBDA_PERMISSION: Final = "aws:lambda/permission:Permission"
CONNECT_SERVICE: Final = "connect.amazonaws.com"
AWS_MANAGED_SNS_KEY: Final = "alias/aws/sns"
TAGGABLE_TYPES: Final = frozenset(
    {
        TOPIC,
        KEY,
        ROLE,
        MANAGED_POLICY,
        CONTACT_FLOW,
        "aws:sqs/queue:Queue",
        "aws:lambda/function:Function",
        "aws:s3/bucket:Bucket",
        "aws:s3/bucketV2:BucketV2",
        "aws:connect/instance:Instance",
        "aws:connect/queue:Queue",
        "aws:connect/contactFlowModule:ContactFlowModule",
        "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    }
)
"""Resource types that accept tags (any resource whose inputs carry ``tags`` counts too)."""
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
_SOURCE_ACCOUNT: Final = "aws:sourceaccount"
_SOURCE_ARN: Final = "aws:sourcearn"


@dataclass(frozen=True)
class Context:
    """What a rule knows besides the resource: its config and the environment (stack)."""

    config: Mapping[str, Any] = field(default_factory=dict)
    environment: str | None = None


@dataclass(frozen=True)
class StackResource:
    """One resource of the stack, for stack rules."""

    type: str
    urn: str
    name: str
    props: Mapping[str, Any]
    parent: str | None = None


ResourceCheck = Callable[[str, Mapping[str, Any], Context], list[str]]
StackCheck = Callable[[Sequence[StackResource], Context], list[tuple[str, str | None]]]


@dataclass(frozen=True)
class Rule:
    """A rule's identity and documentation; ``config`` maps property -> JSON schema (with a
    default) as Pulumi's policy config expects."""

    name: str
    description: str
    severity: Severity
    remediation: str
    level: Level
    config: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def settings(self, given: Mapping[str, Any] | None) -> dict[str, Any]:
        """The schema defaults overlaid with the configured values."""
        values = {key: schema.get("default") for key, schema in self.config.items()}
        values.update({k: v for k, v in (given or {}).items() if k != "enforcementLevel"})
        return values


@dataclass(frozen=True)
class ResourceRule(Rule):
    """A rule judged one resource at a time; ``types`` limits it (empty: every type)."""

    types: frozenset[str] = frozenset()
    check: ResourceCheck = field(default=lambda _t, _p, _c: [])

    def applies_to(self, resource_type: str) -> bool:
        """Whether the rule looks at resources of this type."""
        return not self.types or resource_type in self.types

    def violations(
        self, resource_type: str, props: Mapping[str, Any], context: Context | None = None
    ) -> list[str]:
        """Messages for every violation (``[]`` when the resource complies or is out of scope)."""
        if not self.applies_to(resource_type):
            return []
        context = context or Context()
        return self.check(
            resource_type, props, Context(self.settings(context.config), context.environment)
        )


@dataclass(frozen=True)
class StackRule(Rule):
    """A rule judged on the whole stack."""

    check: StackCheck = field(default=lambda _r, _c: [])

    def violations(
        self, resources: Sequence[StackResource], context: Context | None = None
    ) -> list[tuple[str, str | None]]:
        """(message, urn or None) for every violation."""
        context = context or Context()
        return self.check(resources, Context(self.settings(context.config), context.environment))


# --- helpers ----------------------------------------------------------------------------------


def _service_principals(statement: Statement) -> list[str]:
    principal = statement.principal
    if not isinstance(principal, Mapping):
        return []
    services = principal.get("Service")
    return string_list(services)


def _condition_keys(statement: Statement) -> set[str]:
    """Lower-cased condition keys under operators that constrain (not negations, not Null)."""
    keys: set[str] = set()
    for operator, clause in statement.condition.items():
        if rp.NEGATED_OPERATOR.fullmatch(str(operator)) or not isinstance(clause, Mapping):
            continue
        keys.update(str(k).lower() for k in clause)
    return keys


def _resource_policy(resource_type: str, props: Mapping[str, Any]) -> Any | None:
    if resource_type in (TOPIC, TOPIC_POLICY, KEY):
        return props.get("policy")
    return None


def _safe_statements(policy: Any) -> list[Statement] | str:
    try:
        return statements(policy)
    except DocumentError as error:
        return str(error)


def _grants_connect(policy: Any) -> bool:
    parsed = _safe_statements(policy)
    return not isinstance(parsed, str) and any(
        s.effect == "Allow" and CONNECT_SERVICE in _service_principals(s) for s in parsed
    )


def _is_fifo(resource_type: str, props: Mapping[str, Any]) -> bool:
    if resource_type == TOPIC:
        name = props.get("name")
        return props.get("fifoTopic") is True or (isinstance(name, str) and name.endswith(".fifo"))
    arn = props.get("arn")
    return isinstance(arn, str) and arn.endswith(".fifo")


def _covers_publish(action: str) -> bool:
    return fnmatch.fnmatchcase("sns:publish", action.lower())


def _is_false(value: Any) -> bool:
    values = list(value) if is_array(value) else [value]
    return any(v is False or (isinstance(v, str) and v.lower() == "false") for v in values)


def _identity_policies(resource_type: str, props: Mapping[str, Any]) -> list[tuple[str, Any]]:
    if resource_type in (ROLE_POLICY, MANAGED_POLICY):
        return [("policy", props.get("policy"))] if props.get("policy") is not None else []
    if resource_type == ROLE:
        inline = props.get("inlinePolicies")
        if is_array(inline):
            return [
                (f"inlinePolicies[{i}]", item.get("policy"))
                for i, item in enumerate(inline)
                if isinstance(item, Mapping) and item.get("policy")
            ]
    return []


def _broad_managed(resource_type: str, props: Mapping[str, Any]) -> list[str]:
    arns: list[Any] = []
    if resource_type == ROLE and is_array(props.get("managedPolicyArns")):
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


# --- checks -----------------------------------------------------------------------------------


def _check_standard_topic(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    if _is_fifo(resource_type, props) and _grants_connect(props.get("policy")):
        return [
            "the topic grants connect.amazonaws.com but is FIFO; Amazon Connect streams chats"
            " only to standard topics, so StartContactStreaming would fail"
        ]
    return []


def _check_topic_cmk(resource_type: str, props: Mapping[str, Any], context: Context) -> list[str]:
    if context.config.get("scope") == "streaming" and not _grants_connect(props.get("policy")):
        return []
    key = props.get("kmsMasterKeyId")
    if not isinstance(key, str) or not key:
        return ["the topic is not encrypted (kmsMasterKeyId is not set)"]
    if key == AWS_MANAGED_SNS_KEY or key.endswith(":" + AWS_MANAGED_SNS_KEY):
        return [
            f"the topic uses the AWS managed key {key!r}, whose key policy cannot grant"
            " connect.amazonaws.com; use a customer-managed key"
        ]
    return []


def _check_service_grants(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    policy = _resource_policy(resource_type, props)
    if policy is None:
        return []
    parsed = _safe_statements(policy)
    if isinstance(parsed, str):
        return [f"the policy cannot be read: {parsed}"]
    problems = []
    for s in parsed:
        services = _service_principals(s)
        if s.effect != "Allow" or not services:
            continue
        keys = _condition_keys(s)
        missing = [
            k
            for k, low in (("aws:SourceAccount", _SOURCE_ACCOUNT), ("aws:SourceArn", _SOURCE_ARN))
            if low not in keys
        ]
        if missing:
            problems.append(
                f"{s.label} grants {', '.join(services)} without {' and '.join(missing)}"
                " conditions (confused deputy: any account's resource could use the grant)"
            )
    return problems


def _check_insecure_transport(
    resource_type: str, props: Mapping[str, Any], _: Context
) -> list[str]:
    policy = props.get("policy")
    if policy is None:
        return []
    parsed = _safe_statements(policy)
    if isinstance(parsed, str):
        return [f"the policy cannot be read: {parsed}"]
    for s in parsed:
        if s.effect != "Deny" or not any(_covers_publish(a) for a in s.actions):
            continue
        if s.principal != "*" and "*" not in rp.principals(s, "AWS"):
            continue  # a Deny for some principals leaves the others free to use HTTP
        for operator, clause in s.condition.items():
            if str(operator).lower() == "bool" and isinstance(clause, Mapping):
                for key, value in clause.items():
                    if str(key).lower() == "aws:securetransport" and _is_false(value):
                        return []
    return [
        "the topic policy has no Deny of sns:Publish to every principal ('*') when"
        " aws:SecureTransport is false; messages could be published over plain HTTP"
    ]


def _check_key_rotation(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    spec = props.get("customerMasterKeySpec") or props.get("keySpec") or "SYMMETRIC_DEFAULT"
    usage = props.get("keyUsage") or "ENCRYPT_DECRYPT"
    if spec != "SYMMETRIC_DEFAULT" or usage != "ENCRYPT_DECRYPT":
        return []  # only symmetric encryption keys can rotate automatically
    if props.get("enableKeyRotation") is not True:
        return ["automatic key rotation is off (enableKeyRotation is not true)"]
    return []


def _each_identity_policy(
    resource_type: str, props: Mapping[str, Any], check: Callable[[Any], list[str]]
) -> list[str]:
    problems: list[str] = []
    for where, policy in _identity_policies(resource_type, props):
        try:
            problems.extend(f"{where}: {p}" for p in check(policy))
        except DocumentError:
            continue  # reported once, by iam-no-wildcard-actions
    return problems


def _check_wildcard_actions(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    problems: list[str] = []
    for where, policy in _identity_policies(resource_type, props):
        try:
            problems.extend(f"{where}: {p}" for p in wildcard_action_problems(policy))
        except DocumentError as error:
            problems.append(f"{where}: not an IAM policy document ({error})")
    problems.extend(
        f"attaches the AWS managed policy {arn}, which grants whole services"
        for arn in _broad_managed(resource_type, props)
    )
    return problems


def _check_scoped_resources(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    return _each_identity_policy(resource_type, props, unscoped_resource_problems)


def _check_passrole(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    return _each_identity_policy(resource_type, props, passrole_problems)


def _check_flow(resource_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    content = props.get("content")
    if content is None:
        return []  # content from a file (filename) cannot be judged here
    return [str(p) for p in flow_problems(content, flow_type=props.get("type") or "CONTACT_FLOW")]


def environment_of(props: Mapping[str, Any], context: Context) -> str | None:
    """The resource's ``environment`` tag, else the stack's environment."""
    tags = props.get("tags")
    if isinstance(tags, Mapping) and isinstance(tags.get("environment"), str):
        return str(tags["environment"])
    return context.environment


def _tag_map(tags: Any) -> Mapping[str, Any]:
    """Tags as a map: pulumi-aws gives a map, pulumi-aws-native a list of {key, value}."""
    if isinstance(tags, Mapping):
        return tags
    if is_array(tags):
        return {
            str(item.get("key")): item.get("value")
            for item in tags
            if isinstance(item, Mapping) and isinstance(item.get("key"), str)
        }
    return {}


def _check_tags(resource_type: str, props: Mapping[str, Any], context: Context) -> list[str]:
    if resource_type not in TAGGABLE_TYPES and "tags" not in props:
        return []
    required = string_list(context.config.get("requiredTags"))
    if environment_of(props, context) in string_list(context.config.get("strictEnvironments")):
        required += string_list(context.config.get("strictRequiredTags"))
    present = _tag_map(props.get("tags"))
    missing = [t for t in dict.fromkeys(required) if not present.get(t)]
    if missing:
        return [f"missing the tag(s) {', '.join(missing)}"]
    return []


def _topic_policies(resources: Sequence[StackResource]) -> dict[str, list[Any]]:
    by_arn: dict[str, list[Any]] = {}
    for r in resources:
        if r.type == TOPIC_POLICY and isinstance(r.props.get("arn"), str):
            by_arn.setdefault(r.props["arn"], []).append(r.props.get("policy"))
    return by_arn


def _check_subscribers(
    resources: Sequence[StackResource], _: Context
) -> list[tuple[str, str | None]]:
    external = _topic_policies(resources)
    subscribed: set[str] = set()
    for r in resources:
        if r.type == SUBSCRIPTION:
            if isinstance(r.props.get("topic"), str):
                subscribed.add(r.props["topic"])
            if r.parent:
                subscribed.add(r.parent)
    problems: list[tuple[str, str | None]] = []
    for r in resources:
        if r.type != TOPIC:
            continue
        arn = r.props.get("arn")
        policies: Iterable[Any] = [r.props.get("policy"), *external.get(str(arn), [])]
        if not any(_grants_connect(p) for p in policies):
            continue
        if arn in subscribed or r.urn in subscribed:
            continue
        problems.append(
            (
                f"the streaming topic {r.name!r} has no subscription in this stack; messages"
                " Amazon Connect publishes to it are dropped",
                r.urn,
            )
        )
    return problems


# --- the rules --------------------------------------------------------------------------------


def string_list_schema(default: list[str], description: str) -> dict[str, Any]:
    """The config schema of a list of strings with its default."""
    return {
        "type": "array",
        "items": {"type": "string"},
        "default": default,
        "description": description,
    }


_STRICT = {
    "strictEnvironments": string_list_schema(
        ["prod"], "Environments (the environment tag or stack) held to the stricter rules."
    )
}

STREAMING_PATH_RULES: Final[tuple[ResourceRule, ...]] = (
    ResourceRule(
        name="topic-policy-not-public",
        description=(
            "SNS topic policies allow nothing to every principal ('*') unless a condition"
            " names the account, organization or source."
        ),
        severity="critical",
        remediation=(
            "Name the account or service principal, or add StringEquals aws:SourceAccount"
            " (or aws:PrincipalOrgID) to the statement."
        ),
        level="mandatory",
        types=frozenset({TOPIC, TOPIC_POLICY}),
        check=rp.topic_public_problems,
    ),
    ResourceRule(
        name="connect-publish-grant-pinned",
        description=(
            "Amazon Connect's sns:Publish grant is conditioned on aws:SourceAccount and an"
            " aws:SourceArn naming one instance (no '*' in account, region or instance ID)."
        ),
        severity="critical",
        remediation=(
            "Condition the statement on StringEquals aws:SourceAccount ACCOUNT and ArnEquals"
            " aws:SourceArn arn:aws:connect:REGION:ACCOUNT:instance/ID."
        ),
        level="mandatory",
        types=frozenset({TOPIC, TOPIC_POLICY}),
        check=rp.connect_publish_problems,
    ),
    ResourceRule(
        name="queue-policy-scoped",
        description=(
            "SQS queue policies let only sns.amazonaws.com (with an aws:SourceArn naming a"
            " topic) or named accounts send, and allow nothing to every principal."
        ),
        severity="critical",
        remediation=(
            "Grant sqs:SendMessage to the sns.amazonaws.com service principal with ArnEquals"
            " aws:SourceArn set to the topic's ARN (sqs_subscriber_policy does)."
        ),
        level="mandatory",
        types=frozenset({QUEUE, QUEUE_POLICY}),
        check=rp.queue_problems,
        config={
            "senderServices": string_list_schema(
                [SNS_SERVICE], "Service principals that may send to queues."
            )
        },
    ),
    ResourceRule(
        name="lambda-permission-sns-source",
        description=(
            "Lambda permissions for sns.amazonaws.com name the topic (sourceArn), and none is"
            " granted to every principal."
        ),
        severity="high",
        remediation="Set source_arn on the aws.lambda_.Permission to the topic's ARN.",
        level="mandatory",
        types=frozenset({LAMBDA_PERMISSION}),
        check=rp.lambda_permission_problems,
    ),
    ResourceRule(
        name="subscription-protocol-internal",
        description=(
            "Topic subscriptions deliver over https, sqs, lambda, firehose or application, never"
            " plain http, email, email-json or sms, for chat content."
        ),
        severity="high",
        remediation="Subscribe an https endpoint, an SQS queue or a Lambda function instead.",
        level="mandatory",
        types=frozenset({SUBSCRIPTION}),
        check=rp.subscription_problems,
        config={
            "allowedProtocols": string_list_schema(
                list(rp.INTERNAL_PROTOCOLS), "SNS protocols subscriptions may use."
            )
        },
    ),
    ResourceRule(
        name="role-trust-scoped",
        description=(
            "Role trust policies name no '*' principal, and web identity (OIDC) trust carries"
            " an aud condition and a sub condition pinning a repository or subject."
        ),
        severity="critical",
        remediation=(
            "Name the principal; for GitHub OIDC add StringEquals"
            " token.actions.githubusercontent.com:aud sts.amazonaws.com and StringLike"
            " token.actions.githubusercontent.com:sub repo:OWNER/REPO:* (Trust(oidc_...))."
        ),
        level="mandatory",
        types=frozenset({ROLE}),
        check=rp.trust_problems,
    ),
    ResourceRule(
        name="kms-service-grant-minimal",
        description=(
            "KMS key policies give a service principal (Connect, SNS) only"
            " kms:GenerateDataKey* and kms:Decrypt, and no service kms:* or NotAction."
        ),
        severity="high",
        remediation=(
            'Set the statement\'s Action to ["kms:GenerateDataKey*", "kms:Decrypt"]'
            " (kms_key_policy does)."
        ),
        level="mandatory",
        types=frozenset({KEY}),
        check=rp.key_grant_problems,
    ),
)
"""Rules for the whole streaming path's resource policies, on any stack's resources."""

RESOURCE_RULES: Final[tuple[ResourceRule, ...]] = (
    ResourceRule(
        name="streaming-topic-standard",
        description="SNS topics Amazon Connect streams to are standard topics, not FIFO.",
        severity="high",
        remediation="Create the streaming topic with fifo_topic=false and no .fifo suffix.",
        level="mandatory",
        types=frozenset({TOPIC, TOPIC_POLICY}),
        check=_check_standard_topic,
    ),
    ResourceRule(
        name="topic-encrypted-with-cmk",
        description="SNS topics are encrypted with a customer-managed KMS key (not alias/aws/sns).",
        severity="high",
        remediation=(
            "Set kms_master_key_id to a customer-managed key whose policy lets"
            " connect.amazonaws.com use it (ChatStreamingEndpoint creates one)."
        ),
        level="mandatory",
        types=frozenset({TOPIC}),
        check=_check_topic_cmk,
        config={
            "scope": {
                "type": "string",
                "enum": ["all", "streaming"],
                "default": "all",
                "description": "Judge every topic, or only those granting connect.amazonaws.com.",
            }
        },
    ),
    ResourceRule(
        name="service-grants-scoped",
        description=(
            "Topic and KMS key policies that grant a service principal (connect.amazonaws.com)"
            " carry aws:SourceAccount and aws:SourceArn conditions."
        ),
        severity="critical",
        remediation=(
            "Add StringEquals aws:SourceAccount (your account) and ArnEquals aws:SourceArn"
            " (the Connect instance ARN) to the statement."
        ),
        level="mandatory",
        types=frozenset({TOPIC, TOPIC_POLICY, KEY}),
        check=_check_service_grants,
    ),
    ResourceRule(
        name="topic-denies-insecure-transport",
        description="Topic policies deny sns:Publish over plain HTTP (aws:SecureTransport false).",
        severity="medium",
        remediation=(
            'Add a Deny statement for sns:Publish with Condition {"Bool":'
            ' {"aws:SecureTransport": "false"}}.'
        ),
        level="mandatory",
        types=frozenset({TOPIC, TOPIC_POLICY}),
        check=_check_insecure_transport,
    ),
    ResourceRule(
        name="kms-key-rotation",
        description="Symmetric KMS keys have automatic rotation on.",
        severity="medium",
        remediation="Set enable_key_rotation=True on the key.",
        level="mandatory",
        types=frozenset({KEY}),
        check=_check_key_rotation,
    ),
    ResourceRule(
        name="iam-no-wildcard-actions",
        description=(
            "IAM policies of roles (inline and attached) allow no '*' action, no service"
            " wildcard such as connect:*, no NotAction, and attach no whole-service AWS policy."
        ),
        severity="high",
        remediation="List the exact actions the role's job needs (see connect_streaming.roles).",
        level="mandatory",
        types=frozenset({ROLE, ROLE_POLICY, MANAGED_POLICY, ATTACHMENT}),
        check=_check_wildcard_actions,
    ),
    ResourceRule(
        name="iam-scoped-resources",
        description=(
            "IAM policies use no '*' resource for actions that support resource-level"
            " permissions, and no Connect ARN covering every instance (instance/*)."
        ),
        severity="high",
        remediation=(
            "Name the resources in the ARN format the IAM Service Authorization Reference gives"
            " for the action, e.g. arn:aws:connect:REGION:ACCOUNT:instance/ID/queue/*."
        ),
        level="mandatory",
        types=frozenset({ROLE, ROLE_POLICY, MANAGED_POLICY}),
        check=_check_scoped_resources,
    ),
    ResourceRule(
        name="iam-no-passrole-star",
        description="No IAM policy allows iam:PassRole on every role ('*').",
        severity="critical",
        remediation="Allow iam:PassRole only on the role ARNs the job passes.",
        level="mandatory",
        types=frozenset({ROLE, ROLE_POLICY, MANAGED_POLICY}),
        check=_check_passrole,
    ),
    *STREAMING_PATH_RULES,
    ResourceRule(
        name="contact-flow-valid",
        description=(
            "Contact flow content is Flow Language that passes the builder's validation and"
            " uses only reference types CreateTask accepts."
        ),
        severity="high",
        remediation="Build the flow with connect_streaming.flows, or fix the action named above.",
        level="mandatory",
        types=frozenset({CONTACT_FLOW}),
        check=_check_flow,
    ),
    ResourceRule(**FLOW_WARNINGS_RULE),
    ResourceRule(**TASK_TEMPLATE_RULE),
    ResourceRule(
        name="required-tags",
        description="Taggable resources carry the required tags (more in strict environments).",
        severity="low",
        remediation="Add the missing tags (StreamingEnvironment tags every resource it makes).",
        level="advisory",
        check=_check_tags,
        config={
            "requiredTags": string_list_schema(
                ["owner", "cost-center", "environment"], "Tags every taggable resource must carry."
            ),
            "strictRequiredTags": string_list_schema(
                ["data-classification"], "Tags also required in strict environments."
            ),
            **_STRICT,
        },
    ),
)

STACK_RULES: Final[tuple[StackRule, ...]] = (
    StackRule(
        name="streaming-topic-has-subscriber",
        description=(
            "Every streaming topic (one that grants connect.amazonaws.com) has at least one"
            " subscription; messages on a topic without subscribers are lost."
        ),
        severity="medium",
        remediation="Add an SQS, Lambda or HTTPS subscriber to the ChatStreamingEndpoint.",
        level="advisory",
        check=_check_subscribers,
    ),
)

RULES: Final[tuple[Rule, ...]] = (*RESOURCE_RULES, *STACK_RULES)
"""Every rule of the pack, by name order of appearance."""


def rule(name: str) -> Rule:
    """The rule called ``name`` (KeyError naming the known ones otherwise)."""
    for candidate in RULES:
        if candidate.name == name:
            return candidate
    raise KeyError(f"no rule {name!r}; known: {', '.join(r.name for r in RULES)}")
