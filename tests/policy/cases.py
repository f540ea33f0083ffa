"""One table of rule cases, run by two drivers: the rules called directly (test_catalogue.py) and
the pack over its gRPC Analyzer interface as the engine drives it (test_pack_grpc.py).

A case names a rule, a resource and what the rule must say: ``expect`` holds one substring per
expected message, in order (empty: the rule passes the resource).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from connect_streaming.arns import ConnectInstance
from connect_streaming.roles.documents import streaming_controller_policy
from connect_streaming.streaming.documents import (
    kms_key_policy,
    streaming_topic_policy,
    to_json,
)
from connect_streaming_policy.catalogue import RESOURCE_RULES
from connect_streaming_policy.tags import TAGGABLE_TYPES
from connect_streaming_policy.vocabulary import (
    ATTACHMENT,
    KEY,
    ROLE,
    ROLE_POLICY,
    TOPIC,
    TOPIC_POLICY,
)

ACCOUNT: Final = "111122223333"
INSTANCE: Final = ConnectInstance.from_arn(
    f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/abcd-1234"
)
TOPIC_ARN: Final = INSTANCE.sns_topic_arn("dev-chat")
KEY_ARN: Final = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
TAGS: Final = {"owner": "o", "cost-center": "c", "environment": "dev"}
ADMIN: Final = "arn:aws:iam::aws:policy/AdministratorAccess"


@dataclass(frozen=True)
class Case:
    """One resource, one rule, the messages expected (substrings, in order)."""

    id: str
    rule: str
    type: str
    props: dict[str, Any]
    expect: tuple[str, ...] = ()

    @property
    def urn(self) -> str:
        """A URN for the resource (the gRPC driver needs one)."""
        return f"urn:pulumi:dev::cases::{self.type}::{self.id}"


def doc(*statements: dict[str, Any]) -> str:
    """A policy document (JSON text) of these statements."""
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


SERVICE_TRUST: Final = doc(
    {
        "Effect": "Allow",
        "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole",
    }
)
PASSROLE_STAR: Final = doc({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"})


def topic(**overrides: Any) -> dict[str, Any]:
    """The components' streaming topic, with overrides."""
    props: dict[str, Any] = {
        "name": "dev-chat",
        "fifoTopic": False,
        "kmsMasterKeyId": KEY_ARN,
        "policy": to_json(streaming_topic_policy(INSTANCE, TOPIC_ARN)),
        "tags": TAGS,
    }
    props.update(overrides)
    return props


def role(**overrides: Any) -> dict[str, Any]:
    """A role Lambda assumes, with overrides."""
    props: dict[str, Any] = {"assumeRolePolicy": SERVICE_TRUST, "tags": TAGS}
    props.update(overrides)
    return props


PROXY_CASES: Final[list[Case]] = [
    # --- issue 10 item 1: what the engine's proxies hid ---------------------------------------
    Case(
        "role-admin-managed",
        "iam-no-wildcard-actions",
        ROLE,
        role(managedPolicyArns=[ADMIN]),
        ("AdministratorAccess",),
    ),
    Case(
        "role-inline-passrole-star",
        "iam-no-passrole-star",
        ROLE,
        role(
            inlinePolicies=[
                {"name": "ok", "policy": to_json(streaming_controller_policy(INSTANCE))},
                {"name": "bad", "policy": PASSROLE_STAR},
            ]
        ),
        ("inlinePolicies[1]: statement #1 lets the holder pass any role",),
    ),
    Case(
        "role-inline-wildcard",
        "iam-no-wildcard-actions",
        ROLE,
        role(inlinePolicies=[{"name": "w", "policy": doc({"Effect": "Allow", "Action": "*"})}]),
        ("inlinePolicies[0]: statement #1 allows the wildcard action '*'",),
    ),
    Case(
        "role-inline-policy-as-object",
        "iam-no-wildcard-actions",
        ROLE,
        role(
            inlinePolicies=[
                {"name": "o", "policy": json.loads(doc({"Effect": "Allow", "Action": "sns:*"}))}
            ]
        ),
        ("wildcard action 'sns:*'",),
    ),
    Case("role-clean", "iam-no-wildcard-actions", ROLE, role(managedPolicyArns=[])),
    Case(
        "attachment-admin",
        "iam-no-wildcard-actions",
        ATTACHMENT,
        {"role": "r", "policyArn": ADMIN},
        ("AdministratorAccess",),
    ),
    Case(
        "topic-policy-as-object",
        "service-grants-scoped",
        TOPIC,
        topic(
            policy=json.loads(
                doc(
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": ["connect.amazonaws.com"]},
                        "Action": "sns:Publish",
                        "Resource": TOPIC_ARN,
                    }
                )
            )
        ),
        ("grants connect.amazonaws.com without aws:SourceAccount and aws:SourceArn",),
    ),
    Case("components-topic", "service-grants-scoped", TOPIC, topic()),
    Case(
        "key-grant-unconditioned",
        "service-grants-scoped",
        KEY,
        {
            "enableKeyRotation": True,
            "policy": doc(
                {
                    "Sid": "Connect",
                    "Effect": "Allow",
                    "Principal": {"Service": ["connect.amazonaws.com"]},
                    "Action": ["kms:Decrypt"],
                    "Resource": "*",
                }
            ),
        },
        ("statement 'Connect' grants connect.amazonaws.com without",),
    ),
    Case(
        "components-key",
        "service-grants-scoped",
        KEY,
        {"enableKeyRotation": True, "policy": to_json(kms_key_policy(INSTANCE))},
    ),
]


# --- the streaming path's resource policies (issue 10 item 2) --------------------------------

QUEUE_ARN: Final = f"arn:aws:sqs:us-east-1:{ACCOUNT}:dev-chat-transcripts"
QUEUE_POLICY: Final = "aws:sqs/queuePolicy:QueuePolicy"
QUEUE: Final = "aws:sqs/queue:Queue"
PERMISSION: Final = "aws:lambda/permission:Permission"
SUBSCRIPTION: Final = "aws:sns/topicSubscription:TopicSubscription"
GITHUB: Final = "token.actions.githubusercontent.com"
OIDC_PROVIDER: Final = f"arn:aws:iam::{ACCOUNT}:oidc-provider/{GITHUB}"


def connect_publish(condition: dict[str, Any] | None) -> dict[str, Any]:
    """Connect's sns:Publish statement with this Condition (None: none)."""
    statement: dict[str, Any] = {
        "Sid": "ConnectPublishes",
        "Effect": "Allow",
        "Principal": {"Service": "connect.amazonaws.com"},
        "Action": "sns:Publish",
        "Resource": TOPIC_ARN,
    }
    if condition is not None:
        statement["Condition"] = condition
    return statement


def published_topic(condition: dict[str, Any] | None) -> dict[str, Any]:
    """The streaming topic whose policy is Connect's sns:Publish grant with ``condition``."""
    return topic(policy=doc(connect_publish(condition)))


def sqs_send(principal: Any, condition: dict[str, Any] | None = None) -> str:
    """A queue policy letting ``principal`` send."""
    statement: dict[str, Any] = {
        "Sid": "Send",
        "Effect": "Allow",
        "Principal": principal,
        "Action": "sqs:SendMessage",
        "Resource": QUEUE_ARN,
    }
    if condition is not None:
        statement["Condition"] = condition
    return doc(statement)


def oidc_trust(condition: dict[str, Any]) -> str:
    """A GitHub OIDC trust policy with this Condition."""
    return doc(
        {
            "Sid": "GitHub",
            "Effect": "Allow",
            "Principal": {"Federated": OIDC_PROVIDER},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": condition,
        }
    )


AUD: Final = {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}}
PINNED_INSTANCE: Final = {
    "StringEquals": {"aws:SourceAccount": ACCOUNT},
    "ArnEquals": {"aws:SourceArn": INSTANCE.arn},
}
TOPIC_SOURCE: Final = {"ArnEquals": {"aws:SourceArn": TOPIC_ARN}}
PUBLIC_PUBLISH: Final = {
    "Sid": "Anyone",
    "Effect": "Allow",
    "Principal": {"AWS": "*"},
    "Action": "sns:Publish",
    "Resource": TOPIC_ARN,
}


def key(*statements: dict[str, Any]) -> dict[str, Any]:
    """A rotating key with these policy statements."""
    return {"enableKeyRotation": True, "policy": doc(*statements)}


def key_grant(principal: str, actions: Any) -> dict[str, Any]:
    """A key statement granting a service principal these actions, conditioned."""
    return {
        "Sid": "Service",
        "Effect": "Allow",
        "Principal": {"Service": principal},
        "Action": actions,
        "Resource": "*",
        "Condition": PINNED_INSTANCE,
    }


PATH_CASES: Final[list[Case]] = [
    # topic-policy-not-public
    Case(
        "topic-public-publish",
        "topic-policy-not-public",
        TOPIC,
        topic(policy=doc(PUBLIC_PUBLISH)),
        ("statement 'Anyone' allows ['sns:Publish'] to every principal",),
    ),
    Case(
        "topic-public-bare-star",
        "topic-policy-not-public",
        TOPIC_POLICY,
        {"arn": TOPIC_ARN, "policy": doc({**PUBLIC_PUBLISH, "Principal": "*"})},
        ("every principal",),
    ),
    Case(
        "topic-public-not-principal",
        "topic-policy-not-public",
        TOPIC,
        topic(
            policy=doc(
                {
                    "Effect": "Allow",
                    "NotPrincipal": {"AWS": OIDC_PROVIDER},
                    "Action": "sns:Subscribe",
                }
            )
        ),
        ("every principal",),
    ),
    Case(
        "topic-public-wildcard-owner",
        "topic-policy-not-public",
        TOPIC,
        topic(
            policy=doc({**PUBLIC_PUBLISH, "Condition": {"StringLike": {"AWS:SourceOwner": "*"}}})
        ),
        ("every principal",),
    ),
    Case(
        "topic-public-negated-owner",
        "topic-policy-not-public",
        TOPIC,
        topic(
            policy=doc(
                {**PUBLIC_PUBLISH, "Condition": {"StringNotEquals": {"aws:SourceOwner": ACCOUNT}}}
            )
        ),
        ("every principal",),
    ),
    Case(
        "topic-public-ifexists-owner",
        "topic-policy-not-public",
        TOPIC,
        topic(
            policy=doc(
                {
                    **PUBLIC_PUBLISH,
                    "Condition": {"StringEqualsIfExists": {"aws:SourceAccount": ACCOUNT}},
                }
            )
        ),
        ("every principal",),
    ),
    # The SNS default topic policy: everyone, but only the owner account (AWS:SourceOwner).
    Case(
        "topic-default-policy",
        "topic-policy-not-public",
        TOPIC,
        topic(
            policy=doc(
                {**PUBLIC_PUBLISH, "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}}}
            )
        ),
    ),
    Case("topic-public-deny-is-fine", "topic-policy-not-public", TOPIC, topic()),
    # connect-publish-grant-pinned
    Case("connect-grant-pinned", "connect-publish-grant-pinned", TOPIC, topic()),
    Case(
        "connect-grant-unconditioned",
        "connect-publish-grant-pinned",
        TOPIC,
        published_topic(None),
        ("aws:SourceAccount missing",),
    ),
    Case(
        "connect-grant-any-instance",
        "connect-publish-grant-pinned",
        TOPIC,
        published_topic(
            {
                "StringEquals": {"aws:SourceAccount": ACCOUNT},
                "ArnLike": {"aws:SourceArn": f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/*"},
            }
        ),
        ("instance/*",),
    ),
    Case(
        "connect-grant-any-region",
        "connect-publish-grant-pinned",
        TOPIC,
        published_topic(
            {
                "StringEquals": {"aws:SourceAccount": ACCOUNT},
                "ArnLike": {"aws:SourceArn": f"arn:aws:connect:*:{ACCOUNT}:instance/abcd-1234"},
            }
        ),
        ("aws:SourceArn",),
    ),
    Case(
        "connect-grant-any-account",
        "connect-publish-grant-pinned",
        TOPIC,
        published_topic(
            {
                "StringLike": {"aws:SourceAccount": "*"},
                "ArnEquals": {"aws:SourceArn": INSTANCE.arn},
            }
        ),
        ("aws:SourceAccount ['*']",),
    ),
    Case(
        "connect-grant-other-account",
        "connect-publish-grant-pinned",
        TOPIC,
        published_topic(
            {
                "StringEquals": {"aws:SourceAccount": "999988887777"},
                "ArnEquals": {"aws:SourceArn": INSTANCE.arn},
            }
        ),
        ("is not in aws:SourceAccount",),
    ),
    Case(
        "connect-grant-keys-any-case",
        "connect-publish-grant-pinned",
        TOPIC,
        published_topic(
            {
                "StringEquals": {"AWS:SOURCEACCOUNT": ACCOUNT},
                "ArnEquals": {"aws:sourcearn": INSTANCE.arn},
            }
        ),
    ),
    # queue-policy-scoped
    Case(
        "queue-sns-from-topic",
        "queue-policy-scoped",
        QUEUE_POLICY,
        {"queueUrl": "q", "policy": sqs_send({"Service": "sns.amazonaws.com"}, TOPIC_SOURCE)},
    ),
    Case(
        "queue-named-account",
        "queue-policy-scoped",
        QUEUE,
        {"policy": sqs_send({"AWS": f"arn:aws:iam::{ACCOUNT}:root"})},
    ),
    Case(
        "queue-star-sender",
        "queue-policy-scoped",
        QUEUE_POLICY,
        {"queueUrl": "q", "policy": sqs_send("*", TOPIC_SOURCE)},
        ("statement 'Send' lets ['*'] send messages",),
    ),
    Case(
        "queue-other-service",
        "queue-policy-scoped",
        QUEUE,
        {"policy": sqs_send({"Service": "s3.amazonaws.com"}, TOPIC_SOURCE)},
        ("s3.amazonaws.com",),
    ),
    Case(
        "queue-sns-any-topic",
        "queue-policy-scoped",
        QUEUE,
        {"policy": sqs_send({"Service": "sns.amazonaws.com"})},
        ("without an aws:SourceArn naming one topic",),
    ),
    Case(
        "queue-sns-wildcard-topic",
        "queue-policy-scoped",
        QUEUE,
        {
            "policy": sqs_send(
                {"Service": "sns.amazonaws.com"},
                {"ArnLike": {"aws:SourceArn": f"arn:aws:sns:us-east-1:{ACCOUNT}:*"}},
            )
        },
        ("naming one topic",),
    ),
    Case(
        "queue-public-receive",
        "queue-policy-scoped",
        QUEUE,
        {
            "policy": doc(
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": "*"},
                    "Action": "sqs:ReceiveMessage",
                    "Resource": QUEUE_ARN,
                }
            )
        },
        ("every principal",),
    ),
    # lambda-permission-sns-source
    Case(
        "lambda-sns-from-topic",
        "lambda-permission-sns-source",
        PERMISSION,
        {
            "action": "lambda:InvokeFunction",
            "function": "f",
            "principal": "sns.amazonaws.com",
            "sourceArn": TOPIC_ARN,
        },
    ),
    Case(
        "lambda-sns-any-topic",
        "lambda-permission-sns-source",
        PERMISSION,
        {"action": "lambda:InvokeFunction", "function": "f", "principal": "sns.amazonaws.com"},
        ("sourceArn None",),
    ),
    Case(
        "lambda-sns-function-arn",
        "lambda-permission-sns-source",
        PERMISSION,
        {
            "action": "lambda:InvokeFunction",
            "function": "f",
            "principal": "sns.amazonaws.com",
            "sourceArn": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:f",
        },
        ("set source_arn",),
    ),
    Case(
        "lambda-everyone",
        "lambda-permission-sns-source",
        PERMISSION,
        {"action": "lambda:InvokeFunction", "function": "f", "principal": "*"},
        ("every principal",),
    ),
    Case(
        "lambda-other-service",
        "lambda-permission-sns-source",
        PERMISSION,
        {"action": "lambda:InvokeFunction", "function": "f", "principal": "events.amazonaws.com"},
    ),
    # subscription-protocol-internal
    *[
        Case(
            f"subscription-{p}",
            "subscription-protocol-internal",
            SUBSCRIPTION,
            {"topic": TOPIC_ARN, "protocol": p, "endpoint": e},
        )
        for p, e in (
            ("sqs", QUEUE_ARN),
            ("lambda", f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:f"),
            ("https", "https://hooks.example.com/chat"),
            ("firehose", "arn:aws:firehose:us-east-1:111122223333:deliverystream/s"),
        )
    ],
    Case(
        "subscription-http",
        "subscription-protocol-internal",
        SUBSCRIPTION,
        {"topic": TOPIC_ARN, "protocol": "http", "endpoint": "http://hooks.example.com/chat"},
        ("plain HTTP",),
    ),
    Case(
        "subscription-email-json",
        "subscription-protocol-internal",
        SUBSCRIPTION,
        {"topic": TOPIC_ARN, "protocol": "email-json", "endpoint": "someone@example.com"},
        ("mailbox outside AWS",),
    ),
    Case(
        "subscription-email",
        "subscription-protocol-internal",
        SUBSCRIPTION,
        {"topic": TOPIC_ARN, "protocol": "EMAIL", "endpoint": "someone@example.com"},
        ("mailbox outside AWS",),
    ),
    # role-trust-scoped
    Case("trust-service", "role-trust-scoped", ROLE, role()),
    Case(
        "trust-github-pinned",
        "role-trust-scoped",
        ROLE,
        role(
            assumeRolePolicy=oidc_trust(
                {**AUD, "StringLike": {f"{GITHUB}:sub": "repo:acme/chat:*"}}
            )
        ),
    ),
    Case(
        "trust-star",
        "role-trust-scoped",
        ROLE,
        role(
            assumeRolePolicy=doc(
                {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
            )
        ),
        ("statement #1 lets every principal",),
    ),
    Case(
        "trust-github-no-sub",
        "role-trust-scoped",
        ROLE,
        role(assumeRolePolicy=oidc_trust(AUD)),
        (f"{GITHUB}:sub condition pinning repo:OWNER/REPO",),
    ),
    Case(
        "trust-github-star-sub",
        "role-trust-scoped",
        ROLE,
        role(assumeRolePolicy=oidc_trust({**AUD, "StringLike": {f"{GITHUB}:sub": "*"}})),
        ("got ['*']",),
    ),
    Case(
        "trust-github-any-repo",
        "role-trust-scoped",
        ROLE,
        role(assumeRolePolicy=oidc_trust({**AUD, "StringLike": {f"{GITHUB}:sub": "repo:acme/*"}})),
        ("repo:acme/*",),
    ),
    Case(
        "trust-github-no-aud",
        "role-trust-scoped",
        ROLE,
        role(assumeRolePolicy=oidc_trust({"StringLike": {f"{GITHUB}:sub": "repo:acme/chat:*"}})),
        (f"{GITHUB}:aud condition",),
    ),
    Case(
        "trust-github-negated-sub",
        "role-trust-scoped",
        ROLE,
        role(
            assumeRolePolicy=oidc_trust(
                {**AUD, "StringNotLike": {f"{GITHUB}:sub": "repo:evil/x:*"}}
            )
        ),
        ("sub condition",),
    ),
    # kms-service-grant-minimal
    Case(
        "key-connect-minimal",
        "kms-service-grant-minimal",
        KEY,
        {"enableKeyRotation": True, "policy": to_json(kms_key_policy(INSTANCE))},
    ),
    Case(
        "key-connect-star",
        "kms-service-grant-minimal",
        KEY,
        key(key_grant("connect.amazonaws.com", "kms:*")),
        ("statement 'Service' grants ['connect.amazonaws.com'] ['kms:*']",),
    ),
    Case(
        "key-sns-encrypt",
        "kms-service-grant-minimal",
        KEY,
        key(key_grant("sns.amazonaws.com", ["kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*"])),
        ("['kms:Encrypt', 'kms:ReEncrypt*']",),
    ),
    Case(
        "key-other-service-star",
        "kms-service-grant-minimal",
        KEY,
        key(key_grant("logs.amazonaws.com", "*")),
        ("['*']",),
    ),
    Case(
        "key-other-service-scoped",
        "kms-service-grant-minimal",
        KEY,
        key(key_grant("logs.amazonaws.com", ["kms:Encrypt*", "kms:Decrypt"])),
    ),
    # roles: whole-service managed policies, NotResource
    Case(
        "role-s3-full-access",
        "iam-no-wildcard-actions",
        ROLE,
        role(managedPolicyArns=["arn:aws:iam::aws:policy/AmazonSQSFullAccess"]),
        ("AmazonSQSFullAccess",),
    ),
    Case(
        "role-basic-execution",
        "iam-no-wildcard-actions",
        ROLE,
        role(
            managedPolicyArns=["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
        ),
    ),
    Case(
        "role-admin-variant",
        "iam-no-wildcard-actions",
        ROLE,
        role(managedPolicyArns=["arn:aws:iam::aws:policy/AdministratorAccess-Amplify"]),
        ("AdministratorAccess-Amplify",),
    ),
    Case(
        "role-not-action",
        "iam-no-wildcard-actions",
        ROLE,
        role(
            inlinePolicies=[
                {
                    "name": "n",
                    "policy": doc({"Effect": "Allow", "NotAction": "iam:*", "Resource": TOPIC_ARN}),
                }
            ]
        ),
        ("inlinePolicies[0]: statement #1 allows everything but ['iam:*'] (NotAction)",),
    ),
    Case(
        "trust-saml-with-sts-star",
        "role-trust-scoped",
        ROLE,
        role(
            assumeRolePolicy=doc(
                {
                    "Effect": "Allow",
                    "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:saml-provider/corp"},
                    "Action": "sts:AssumeRoleWithSAML",
                    "Condition": {
                        "StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}
                    },
                }
            )
        ),
    ),
    Case(
        "role-not-resource",
        "iam-scoped-resources",
        ROLE,
        role(
            inlinePolicies=[
                {
                    "name": "n",
                    "policy": doc(
                        {"Effect": "Allow", "Action": "sns:Publish", "NotResource": TOPIC_ARN}
                    ),
                }
            ]
        ),
        ("(NotResource)",),
    ),
]


# --- AWS's own sample policies (fixtures/aws-samples/README.md) ------------------------------

SAMPLES_DIR: Final = Path(__file__).parent / "fixtures" / "aws-samples"
SAMPLE_ACCOUNT: Final = "123456789012"  # the account the pages' own examples use
SAMPLE_VALUES: Final = {
    "YOUR_SNS_TOPIC_ARN": f"arn:aws:sns:us-east-2:{SAMPLE_ACCOUNT}:MyTopic",
    "YOUR_AWS_ACCOUNT_ID": SAMPLE_ACCOUNT,
    "YOUR_CONNECT_INSTANCE_ARN": (
        f"arn:aws:connect:us-east-2:{SAMPLE_ACCOUNT}:instance/6f2b1c9e-4d3a-4b8e-9c1d-2a7e5f0b8d34"
    ),
    "your_accountId": SAMPLE_ACCOUNT,
    "service.amazonaws.com": "connect.amazonaws.com",
}
# Rules that ask more than a sample gives, by design (fixtures/aws-samples/README.md).
SAMPLE_EXCEPTIONS: Final = {
    ("connect-chat-streaming-topic-policy", "topic-denies-insecure-transport"),
    ("sns-encrypted-topic-service-key-policy", "service-grants-scoped"),
}
# Samples that are insecure as AWS publishes them: the rule must refuse them.
SAMPLE_REFUSED: Final = {
    ("connect-chat-streaming-key-policy", "kms-service-grant-minimal"): (
        "statement 'Enable IAM User Permissions' grants ['connect.amazonaws.com'] ['kms:*']",
        "statement 'Allow access for Key Administrators' grants ['connect.amazonaws.com']",
    ),
    ("connect-chat-streaming-key-policy", "service-grants-scoped"): (
        "statement 'Enable IAM User Permissions' grants connect.amazonaws.com without",
        "statement 'Allow access for Key Administrators' grants connect.amazonaws.com without",
    ),
    ("github-oidc-trust-policy-org-wide", "role-trust-scoped"): ("repo:GitHubOrg/*",),
}


def sample(name: str) -> tuple[str, dict[str, Any]]:
    """The sample's resource type and properties, placeholders substituted."""
    text = (SAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8")
    for token in sorted(SAMPLE_VALUES, key=len, reverse=True):
        text = text.replace(token, SAMPLE_VALUES[token])
    document = json.loads(text)
    props = dict(document["props"])
    if document["type"] in TAGGABLE_TYPES:
        props["tags"] = TAGS
    return str(document["type"]), props


def _statement(props: dict[str, Any], key: str = "policy") -> dict[str, Any]:
    statement: dict[str, Any] = props[key]["Statement"][0]
    return statement


def _set(
    path: tuple[str, ...], value: Any, key: str = "policy"
) -> Callable[[dict[str, Any]], None]:
    def mutate(props: dict[str, Any]) -> None:
        target = _statement(props, key)
        for part in path[:-1]:
            target = target[part]
        if value is None:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return mutate


def _props_set(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(props: dict[str, Any]) -> None:
        if value is None:
            props.pop(name, None)
        else:
            props[name] = value

    return mutate


def _public(props: dict[str, Any]) -> None:
    _set(("Principal",), "*")(props)
    _set(("Condition",), None)(props)


_INSTANCE_ARN: Final = f"arn:aws:connect:us-east-2:{SAMPLE_ACCOUNT}:instance/"
_GH: Final = "token.actions.githubusercontent.com"
_TOPIC_SAMPLE: Final = "connect-chat-streaming-topic-policy"
_KEY_SAMPLE: Final = "sns-encrypted-topic-service-key-policy"
_QUEUE_SAMPLE: Final = "sns-to-sqs-queue-policy"
_LAMBDA_SAMPLE: Final = "lambda-sns-invoke-permission"
_TRUST_SAMPLE: Final = "github-oidc-trust-policy"
_SUB_PATH: Final = ("Condition", "StringEquals", f"{_GH}:sub")
_AUD_PATH: Final = ("Condition", "StringEquals", f"{_GH}:aud")
SAMPLE_MUTATIONS: Final[list[tuple[str, str, Callable[[dict[str, Any]], None], str, str]]] = [
    (
        _TOPIC_SAMPLE,
        "any-instance",
        _set(("Condition", "ArnEquals", "aws:SourceArn"), _INSTANCE_ARN + "*"),
        "connect-publish-grant-pinned",
        "instance/*",
    ),
    (
        _TOPIC_SAMPLE,
        "no-source-account",
        _set(("Condition", "StringEquals"), None),
        "connect-publish-grant-pinned",
        "aws:SourceAccount missing",
    ),
    (
        _TOPIC_SAMPLE,
        "no-conditions",
        _set(("Condition",), None),
        "service-grants-scoped",
        "without aws:SourceAccount and aws:SourceArn",
    ),
    (_TOPIC_SAMPLE, "public", _public, "topic-policy-not-public", "every principal"),
    (_KEY_SAMPLE, "kms-star", _set(("Action",), "kms:*"), "kms-service-grant-minimal", "['kms:*']"),
    (
        _KEY_SAMPLE,
        "encrypt",
        _set(("Action",), ["kms:Decrypt", "kms:GenerateDataKey*", "kms:Encrypt"]),
        "kms-service-grant-minimal",
        "['kms:Encrypt']",
    ),
    (
        _KEY_SAMPLE,
        "not-action",
        _set(("NotAction",), "kms:ScheduleKeyDeletion"),
        "kms-service-grant-minimal",
        "everything but",
    ),
    (
        _QUEUE_SAMPLE,
        "star-sender",
        _set(("Principal",), {"AWS": "*"}),
        "queue-policy-scoped",
        "lets ['*'] send",
    ),
    (
        _QUEUE_SAMPLE,
        "any-topic",
        _set(("Condition",), None),
        "queue-policy-scoped",
        "naming one topic",
    ),
    (
        _QUEUE_SAMPLE,
        "wildcard-topic",
        _set(("Condition", "ArnEquals", "aws:SourceArn"), f"arn:aws:sns:*:{SAMPLE_ACCOUNT}:*"),
        "queue-policy-scoped",
        "naming one topic",
    ),
    (
        _LAMBDA_SAMPLE,
        "no-source",
        _props_set("sourceArn", None),
        "lambda-permission-sns-source",
        "sourceArn None",
    ),
    (
        _LAMBDA_SAMPLE,
        "everyone",
        _props_set("principal", "*"),
        "lambda-permission-sns-source",
        "every principal",
    ),
    (
        _TRUST_SAMPLE,
        "star-sub",
        _set(_SUB_PATH, "*", "assumeRolePolicy"),
        "role-trust-scoped",
        "got ['*']",
    ),
    (
        _TRUST_SAMPLE,
        "any-repo-of-any-org",
        _set(_SUB_PATH, "repo:*", "assumeRolePolicy"),
        "role-trust-scoped",
        "repo:OWNER/REPO",
    ),
    (
        _TRUST_SAMPLE,
        "no-sub",
        _set(_SUB_PATH, None, "assumeRolePolicy"),
        "role-trust-scoped",
        "got None",
    ),
    (
        _TRUST_SAMPLE,
        "no-aud",
        _set(_AUD_PATH, None, "assumeRolePolicy"),
        "role-trust-scoped",
        "aud condition",
    ),
    (
        _TRUST_SAMPLE,
        "star-principal",
        _set(("Principal",), {"AWS": "*"}, "assumeRolePolicy"),
        "role-trust-scoped",
        "every principal",
    ),
]
SAMPLE_NAMES: Final = sorted(p.stem for p in SAMPLES_DIR.glob("*.json"))


def _sample_cases() -> list[Case]:
    cases: list[Case] = []
    for name in SAMPLE_NAMES:
        resource_type, props = sample(name)
        cases.extend(
            Case(
                f"aws-sample-{name}-{r.name}",
                r.name,
                resource_type,
                props,
                SAMPLE_REFUSED.get((name, r.name), ()),
            )
            for r in RESOURCE_RULES
            if r.applies_to(resource_type) and (name, r.name) not in SAMPLE_EXCEPTIONS
        )
    for name, mutation_id, mutate, rule_name, expected in SAMPLE_MUTATIONS:
        resource_type, props = sample(name)
        mutate(props)
        cases.append(
            Case(f"aws-sample-{name}-{mutation_id}", rule_name, resource_type, props, (expected,))
        )
    return cases


# --- the rules that predate the table (so that every rule runs through both drivers) ----------


def _flow(broken: bool) -> str:
    actions: list[dict[str, Any]] = [
        {
            "Identifier": "a",
            "Type": "UpdateContactTargetQueue",
            "Parameters": {"QueueId": f"{INSTANCE.arn}/queue/q1"},
            "Transitions": {"NextAction": "missing" if broken else "end"},
        },
        {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
    ]
    return json.dumps({"Version": "2019-10-30", "StartAction": "a", "Actions": actions})


def _logged_flow(**message_parameters: str) -> str:
    """A flow that logs first, greets (Text plus ``message_parameters``) and disconnects."""
    errors = [{"ErrorType": "NoMatchingError", "NextAction": "end"}]
    actions: list[dict[str, Any]] = [
        {
            "Identifier": "log",
            "Type": "UpdateFlowLoggingBehavior",
            "Parameters": {"FlowLoggingBehavior": "Enabled"},
            "Transitions": {"NextAction": "hi"},
        },
        {
            "Identifier": "hi",
            "Type": "MessageParticipant",
            "Parameters": {"Text": "Hello", **message_parameters},
            "Transitions": {"NextAction": "end", "Errors": errors},
        },
        {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
    ]
    return json.dumps({"Version": "2019-10-30", "StartAction": "log", "Actions": actions})


CONTACT_FLOW: Final = "aws:connect/contactFlow:ContactFlow"
EARLIER_CASES: Final[list[Case]] = [
    Case(
        "standard-topic-fifo", "streaming-topic-standard", TOPIC, topic(fifoTopic=True), ("FIFO",)
    ),
    Case(
        "standard-topic-fifo-name",
        "streaming-topic-standard",
        TOPIC,
        topic(name="c.fifo"),
        ("FIFO",),
    ),
    Case(
        "cmk-missing",
        "topic-encrypted-with-cmk",
        TOPIC,
        topic(kmsMasterKeyId=None),
        ("not encrypted",),
    ),
    Case(
        "cmk-aws-managed",
        "topic-encrypted-with-cmk",
        TOPIC,
        topic(kmsMasterKeyId="alias/aws/sns"),
        ("AWS managed key",),
    ),
    Case("transport-components", "topic-denies-insecure-transport", TOPIC, topic()),
    Case(
        "transport-missing",
        "topic-denies-insecure-transport",
        TOPIC,
        published_topic(PINNED_INSTANCE),
        ("no Deny of sns:Publish",),
    ),
    Case(
        "transport-allow-not-deny",
        "topic-denies-insecure-transport",
        TOPIC,
        topic(
            policy=doc(
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "sns:Publish",
                    "Resource": TOPIC_ARN,
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            )
        ),
        ("no Deny",),
    ),
    Case(
        "transport-deny-one-account",
        "topic-denies-insecure-transport",
        TOPIC_POLICY,
        {
            "arn": TOPIC_ARN,
            "policy": doc(
                {
                    "Effect": "Deny",
                    "Principal": {"AWS": ACCOUNT},
                    "Action": "sns:Publish",
                    "Resource": TOPIC_ARN,
                    "Condition": {"Bool": {"aws:SecureTransport": False}},
                }
            ),
        },
        ("no Deny",),
    ),
    Case(
        "rotation-off",
        "kms-key-rotation",
        KEY,
        {"policy": to_json(kms_key_policy(INSTANCE))},
        ("rotation is off",),
    ),
    Case(
        "rotation-asymmetric",
        "kms-key-rotation",
        KEY,
        {"customerMasterKeySpec": "RSA_2048", "keyUsage": "SIGN_VERIFY"},
    ),
    Case(
        "scoped-star",
        "iam-scoped-resources",
        ROLE_POLICY,
        {
            "role": "r",
            "policy": doc({"Effect": "Allow", "Action": "connect:GetMetricData", "Resource": "*"}),
        },
        ("can be scoped to",),
    ),
    Case(
        "scoped-any-instance",
        "iam-scoped-resources",
        ROLE_POLICY,
        {
            "role": "r",
            "policy": doc(
                {
                    "Effect": "Allow",
                    "Action": "connect:StartTaskContact",
                    "Resource": f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/*",
                }
            ),
        },
        ("every Connect instance",),
    ),
    Case("flow-valid", "contact-flow-valid", CONTACT_FLOW, {"content": _flow(broken=False)}),
    Case(
        "flow-dangling",
        "contact-flow-valid",
        CONTACT_FLOW,
        {"content": _flow(broken=True)},
        ("[dangling-transition]", "[unreachable-action]"),
    ),
    Case(
        "tags-missing",
        "required-tags",
        TOPIC,
        topic(tags={"owner": "o"}),
        ("cost-center, environment",),
    ),
    Case(
        "tags-not-a-map",
        "required-tags",
        ROLE,
        role(tags=["owner"]),
        ("owner, cost-center, environment",),
    ),
]


@dataclass(frozen=True)
class StackCase:
    """A whole stack, one stack rule, and the URNs it must report (in order)."""

    id: str
    rule: str
    resources: list[tuple[str, str, dict[str, Any]]]  # (type, name, props)
    expect: tuple[str, ...] = ()

    def urn(self, resource_type: str, name: str) -> str:
        """The resource's URN in this stack."""
        return f"urn:pulumi:dev::cases::{resource_type}::{name}"


_STREAMING_TOPIC: Final = (TOPIC, "chat", topic(arn=TOPIC_ARN))
STACK_CASES: Final[list[StackCase]] = [
    StackCase(
        "lonely-topic",
        "streaming-topic-has-subscriber",
        [_STREAMING_TOPIC],
        (f"urn:pulumi:dev::cases::{TOPIC}::chat",),
    ),
    StackCase(
        "subscribed-topic",
        "streaming-topic-has-subscriber",
        [
            _STREAMING_TOPIC,
            (SUBSCRIPTION, "s", {"topic": TOPIC_ARN, "protocol": "sqs", "endpoint": QUEUE_ARN}),
        ],
    ),
    StackCase(
        "separate-policy-lonely",
        "streaming-topic-has-subscriber",
        [
            (TOPIC, "chat", {"name": "chat", "arn": TOPIC_ARN}),
            (
                TOPIC_POLICY,
                "p",
                {"arn": TOPIC_ARN, "policy": to_json(streaming_topic_policy(INSTANCE, TOPIC_ARN))},
            ),
        ],
        (f"urn:pulumi:dev::cases::{TOPIC}::chat",),
    ),
    StackCase(
        "topic-nobody-streams-to",
        "streaming-topic-has-subscriber",
        [(TOPIC, "alerts", {"name": "alerts", "arn": "arn:aws:sns:us-east-1:111122223333:alerts"})],
    ),
]


_NATIVE_TEMPLATE: Final = "aws-native:connect:TaskTemplate"
_TEMPLATE_INSTANCE: Final = INSTANCE.arn
_TEMPLATE: Final[dict[str, Any]] = {
    "instanceArn": _TEMPLATE_INSTANCE,
    "name": "callback",
    "contactFlowArn": INSTANCE.contact_flow_arn("f1"),
    "fields": [
        {"id": {"name": "Subject"}, "type": "NAME"},
        {"id": {"name": "Phone"}, "type": "TEXT"},
    ],
    "constraints": {"requiredFields": [{"id": {"name": "Subject"}}]},
    "status": "ACTIVE",
    "tags": [{"key": k, "value": v} for k, v in TAGS.items()],
}
TEMPLATE_CASES: Final[list[Case]] = [
    Case(
        "template-with-flow", "task-template-usable", "aws-native:connect:TaskTemplate", _TEMPLATE
    ),
    Case(
        "template-without-flow",
        "task-template-usable",
        _NATIVE_TEMPLATE,
        {k: v for k, v in _TEMPLATE.items() if k != "contactFlowArn"},
        ("set a flow, or add a QUICK_CONNECT field",),
    ),
    Case(
        "template-tags-as-list",
        "required-tags",
        _NATIVE_TEMPLATE,
        _TEMPLATE,
    ),
    Case(
        "template-tags-list-missing-owner",
        "required-tags",
        _NATIVE_TEMPLATE,
        {**_TEMPLATE, "tags": [{"key": "cost-center", "value": "c"}]},
        ("owner",),
    ),
]

CASES: Final[list[Case]] = [
    *PROXY_CASES,
    *PATH_CASES,
    *EARLIER_CASES,
    *TEMPLATE_CASES,
    *_sample_cases(),
    # contact-flow-warnings: the flows' second level, advisory (flow_warnings.py)
    Case("flow-warnings-none", "contact-flow-warnings", CONTACT_FLOW, {"content": _logged_flow()}),
    Case(
        "flow-warnings-unhandled",
        "contact-flow-warnings",
        CONTACT_FLOW,
        {"content": _flow(broken=False)},
        ("warning: action 'a': UpdateContactTargetQueue has no Errors branch for NoMatchingError",),
    ),
    Case(
        "flow-warnings-console-parameter",
        "contact-flow-warnings",
        CONTACT_FLOW,
        {"content": _logged_flow(SkipWhenDTMFBufferEnabled="false")},
        ("not 'SkipWhenDTMFBufferEnabled' (",),
    ),
    Case(
        "flow-warnings-refused-flow-still-warned",
        "contact-flow-warnings",
        CONTACT_FLOW,
        {"content": _flow(broken=True)},
        ("[unhandled-error]",),
    ),
    Case("flow-warnings-from-file", "contact-flow-warnings", CONTACT_FLOW, {"filename": "f.json"}),
]
"""Every resource rule case, for both drivers."""


# --- delivery: dead-letter queues and TLS-only queue policies (connect_streaming_policy.delivery)

_DLQ_ARN: Final = f"{QUEUE_ARN}-dlq"
_SUBSCRIPTION_DLQ_ARN: Final = f"{QUEUE_ARN}-sns-dlq"
_QUEUE_URL: Final = f"https://sqs.us-east-1.amazonaws.com/{ACCOUNT}/dev-chat-transcripts"
_TLS_DENY: Final = {
    "Sid": "DenyInsecureTransport",
    "Effect": "Deny",
    "Principal": "*",
    "Action": "sqs:*",
    "Resource": QUEUE_ARN,
    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}
_SEND: Final = json.loads(sqs_send({"Service": "sns.amazonaws.com"}, TOPIC_SOURCE))["Statement"][0]


def _redrive(target: str, **extra: Any) -> str:
    return json.dumps({"deadLetterTargetArn": target, **extra})


def _queue(arn: str, **props: Any) -> tuple[str, str, dict[str, Any]]:
    name = arn.rsplit(":", 1)[-1]
    url = f"https://sqs.us-east-1.amazonaws.com/{ACCOUNT}/{name}"
    return (QUEUE, name, {"name": name, "arn": arn, "url": url, **props})


def _subscription(**props: Any) -> tuple[str, str, dict[str, Any]]:
    base = {"topic": TOPIC_ARN, "protocol": "sqs", "endpoint": QUEUE_ARN}
    return (SUBSCRIPTION, "s", {**base, **props})


_FOURTEEN_DAYS: Final = 1_209_600
_REDRIVEN_QUEUE: Final = _queue(QUEUE_ARN, redrivePolicy=_redrive(_DLQ_ARN, maxReceiveCount=5))
_SUBSCRIPTION_URN: Final = f"urn:pulumi:dev::cases::{SUBSCRIPTION}::s"
_QUEUE_URN: Final = f"urn:pulumi:dev::cases::{QUEUE}::dev-chat-transcripts"

DELIVERY_CASES: Final[list[Case]] = [
    Case(
        "queue-policy-tls-only",
        "queue-policy-denies-insecure-transport",
        QUEUE_POLICY,
        {"queueUrl": _QUEUE_URL, "policy": doc(_SEND, _TLS_DENY)},
    ),
    Case(
        "queue-without-inline-policy",
        "queue-policy-denies-insecure-transport",
        QUEUE,
        {"name": "dev-chat-transcripts"},
    ),
    Case(
        "queue-policy-without-tls-deny",
        "queue-policy-denies-insecure-transport",
        QUEUE_POLICY,
        {"queueUrl": _QUEUE_URL, "policy": doc(_SEND)},
        ("no Deny of sqs:* to every principal ('*') when aws:SecureTransport is false",),
    ),
    Case(
        "queue-inline-policy-without-tls-deny",
        "queue-policy-denies-insecure-transport",
        QUEUE,
        {"name": "dev-chat-transcripts", "policy": doc(_SEND)},
        ("plain HTTP",),
    ),
    Case(
        "queue-tls-deny-of-send-only",
        "queue-policy-denies-insecure-transport",
        QUEUE_POLICY,
        {"queueUrl": _QUEUE_URL, "policy": doc(_SEND, {**_TLS_DENY, "Action": "sqs:SendMessage"})},
        ("no Deny of sqs:*",),
    ),
    Case(
        "queue-tls-deny-for-one-principal",
        "queue-policy-denies-insecure-transport",
        QUEUE_POLICY,
        {
            "queueUrl": _QUEUE_URL,
            "policy": doc(
                _SEND, {**_TLS_DENY, "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}}
            ),
        },
        ("no Deny of sqs:*",),
    ),
    Case(
        "queue-tls-deny-as-list-and-wildcard",
        "queue-policy-denies-insecure-transport",
        QUEUE_POLICY,
        {
            "queueUrl": _QUEUE_URL,
            "policy": doc(
                {
                    **_TLS_DENY,
                    "Principal": {"AWS": "*"},
                    "Action": ["sqs:Send*", "sqs:Receive*"],
                    "Condition": {"Bool": {"aws:SecureTransport": ["false"]}},
                }
            ),
        },
    ),
    Case(
        "queue-policy-unreadable",
        "queue-policy-denies-insecure-transport",
        QUEUE_POLICY,
        {"queueUrl": _QUEUE_URL, "policy": "{not json"},
        ("the policy cannot be read: the policy is not valid JSON",),
    ),
]
CASES.extend(DELIVERY_CASES)
# AWS's sample SNS-to-SQS queue policy has no TLS-only deny: refused, like the sample topic
# policy by topic-denies-insecure-transport (the sample-case loop above expected it to pass).
_SAMPLE_WITHOUT_TLS: Final = (
    "aws-sample-sns-to-sqs-queue-policy-queue-policy-denies-insecure-transport"
)
assert sum(c.id == _SAMPLE_WITHOUT_TLS for c in CASES) == 1, _SAMPLE_WITHOUT_TLS
CASES[:] = [
    dataclasses.replace(c, expect=("no Deny of sqs:*",)) if c.id == _SAMPLE_WITHOUT_TLS else c
    for c in CASES
]

DELIVERY_STACK_CASES: Final[list[StackCase]] = [
    StackCase(
        "subscription-with-dlq",
        "streaming-subscription-has-dlq",
        [_STREAMING_TOPIC, _subscription(redrivePolicy=_redrive(_SUBSCRIPTION_DLQ_ARN))],
    ),
    StackCase(
        "subscription-without-dlq",
        "streaming-subscription-has-dlq",
        [_STREAMING_TOPIC, _subscription()],
        (_SUBSCRIPTION_URN,),
    ),
    StackCase(
        "subscription-dlq-in-another-account",
        "streaming-subscription-has-dlq",
        [
            _STREAMING_TOPIC,
            _subscription(redrivePolicy=_redrive("arn:aws:sqs:us-east-1:444455556666:dlq")),
        ],
        (_SUBSCRIPTION_URN,),
    ),
    StackCase(
        "subscription-dlq-not-a-queue",
        "streaming-subscription-has-dlq",
        [_STREAMING_TOPIC, _subscription(redrivePolicy=_redrive(TOPIC_ARN))],
        (_SUBSCRIPTION_URN,),
    ),
    StackCase(
        "subscription-redrive-not-json",
        "streaming-subscription-has-dlq",
        [_STREAMING_TOPIC, _subscription(redrivePolicy="{deadLetterTargetArn")],
        (_SUBSCRIPTION_URN,),
    ),
    StackCase(
        "subscription-of-a-separately-granted-topic",
        "streaming-subscription-has-dlq",
        [
            *next(c for c in STACK_CASES if c.id == "separate-policy-lonely").resources,
            _subscription(),
        ],
        (_SUBSCRIPTION_URN,),
    ),
    StackCase(
        "subscription-of-a-topic-nobody-streams-to",
        "streaming-subscription-has-dlq",
        [
            (
                TOPIC,
                "alerts",
                {"name": "alerts", "arn": "arn:aws:sns:us-east-1:111122223333:alerts"},
            ),
            _subscription(topic="arn:aws:sns:us-east-1:111122223333:alerts"),
        ],
    ),
    StackCase(
        "subscriber-queue-with-redrive",
        "subscriber-queue-has-redrive",
        [_STREAMING_TOPIC, _subscription(), _REDRIVEN_QUEUE],
    ),
    StackCase(
        "subscriber-queue-without-redrive",
        "subscriber-queue-has-redrive",
        [_STREAMING_TOPIC, _subscription(), _queue(QUEUE_ARN)],
        (_QUEUE_URN,),
    ),
    StackCase(
        "subscriber-queue-receive-count-as-string",
        "subscriber-queue-has-redrive",
        [
            _STREAMING_TOPIC,
            _subscription(),
            _queue(QUEUE_ARN, redrivePolicy=_redrive(_DLQ_ARN, maxReceiveCount="5")),
        ],
        (_QUEUE_URN,),
    ),
    StackCase(
        "subscriber-queue-receive-count-zero",
        "subscriber-queue-has-redrive",
        [
            _STREAMING_TOPIC,
            _subscription(),
            _queue(QUEUE_ARN, redrivePolicy=_redrive(_DLQ_ARN, maxReceiveCount=0)),
        ],
        (_QUEUE_URN,),
    ),
    StackCase(
        "subscriber-queue-redrives-to-itself",
        "subscriber-queue-has-redrive",
        [
            _STREAMING_TOPIC,
            _subscription(),
            _queue(QUEUE_ARN, redrivePolicy=_redrive(QUEUE_ARN, maxReceiveCount=5)),
        ],
        (_QUEUE_URN,),
    ),
    StackCase(
        "subscriber-queue-with-a-separate-redrive-policy",
        "subscriber-queue-has-redrive",
        [
            _STREAMING_TOPIC,
            _subscription(),
            _queue(QUEUE_ARN),
            (
                "aws:sqs/redrivePolicy:RedrivePolicy",
                "r",
                {"queueUrl": _QUEUE_URL, "redrivePolicy": _redrive(_DLQ_ARN, maxReceiveCount=3)},
            ),
        ],
    ),
    StackCase(
        "lambda-subscriber-has-no-queue",
        "subscriber-queue-has-redrive",
        [
            _STREAMING_TOPIC,
            _subscription(
                protocol="lambda", endpoint=f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:f"
            ),
        ],
    ),
    StackCase(
        "dead-letter-queues-kept-14-days",
        "dead-letter-queue-retention-maximum",
        [
            _subscription(redrivePolicy=_redrive(_SUBSCRIPTION_DLQ_ARN)),
            _REDRIVEN_QUEUE,
            _queue(_DLQ_ARN, messageRetentionSeconds=_FOURTEEN_DAYS),
            _queue(_SUBSCRIPTION_DLQ_ARN, messageRetentionSeconds=_FOURTEEN_DAYS),
        ],
    ),
    StackCase(
        "dead-letter-queues-kept-4-days",
        "dead-letter-queue-retention-maximum",
        [
            _subscription(redrivePolicy=_redrive(_SUBSCRIPTION_DLQ_ARN)),
            _REDRIVEN_QUEUE,
            _queue(_DLQ_ARN),  # SQS's default retention, 4 days
            _queue(_SUBSCRIPTION_DLQ_ARN, messageRetentionSeconds=345_600),
        ],
        (
            f"urn:pulumi:dev::cases::{QUEUE}::dev-chat-transcripts-dlq",
            f"urn:pulumi:dev::cases::{QUEUE}::dev-chat-transcripts-sns-dlq",
        ),
    ),
]
STACK_CASES.extend(DELIVERY_STACK_CASES)
