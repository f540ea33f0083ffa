"""Resource-policy checks to the letter: for each check, one policy whose statements each take
a different path (skipped, flagged, passed) in an order that makes every skip matter, and the
exact findings it gives. The rule-level tests say which resources fail; these pin what each
finding says and that a statement judged early never hides a later one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from connect_streaming_policy.kms import key_grant_problems
from connect_streaming_policy.lambda_ import lambda_permission_problems
from connect_streaming_policy.sns import connect_publish_problems, topic_public_problems
from connect_streaming_policy.sqs import queue_problems
from connect_streaming_policy.subscriptions import subscription_problems
from connect_streaming_policy.trust import trust_problems
from connect_streaming_policy.vocabulary import Context, ResourceCheck

ACCOUNT = "111122223333"
INSTANCE = f"arn:aws:connect:eu-west-2:{ACCOUNT}:instance/i-1"
GITHUB = f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
OTHER = f"arn:aws:iam::{ACCOUNT}:oidc-provider/example.com"
COGNITO = f"arn:aws:iam::{ACCOUNT}:oidc-provider/cognito-identity.amazonaws.com"
SAML = f"arn:aws:iam::{ACCOUNT}:saml-provider/corp"
PUBLIC_FIX = (
    " to every principal ('*') with no condition naming an account; anyone could use the {what}:"
    " name the account or service principal, or add StringEquals aws:SourceAccount"
    " / aws:PrincipalOrgID"
)
QUEUE_SENDERS = (
    " send messages; only ['sns.amazonaws.com'] or named account principals may send to the queue"
)
WEB_IDENTITY_FIX = (
    "; any identity of the provider could assume it: add StringEquals aud and sub conditions"
)
SUBSCRIPTION_FIX = "; use one of https, sqs (an https endpoint or an SQS queue)"


def document(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


TOPIC = document(
    {"Effect": "Deny", "Principal": "*", "Action": "sns:Publish"},
    {  # a negated operator first: skipped, the StringEquals after it still pins the account
        "Effect": "Allow",
        "Principal": "*",
        "Action": "sns:Publish",
        "Condition": {
            "StringNotEquals": {"aws:SourceAccount": "999999999999"},
            "StringEquals": {"aws:SourceAccount": ACCOUNT},
        },
    },
    {  # a clause that is no object first: skipped, the ArnEquals after it still pins
        "Effect": "Allow",
        "Principal": "*",
        "Action": "sns:Publish",
        "Condition": {"Bool": "junk", "ArnEquals": {"aws:SourceArn": INSTANCE}},
    },
    {"Sid": "Open", "Effect": "Allow", "Principal": {"AWS": "*"}, "NotAction": "sns:Subscribe"},
    {  # a '?' wildcard pins no account
        "Effect": "Allow",
        "Principal": "*",
        "Action": "sns:Publish",
        "Condition": {"StringEquals": {"aws:SourceAccount": "11112222333?"}},
    },
)
QUEUE = document(
    {"Effect": "Deny", "Principal": "*", "Action": "sqs:SendMessage"},
    {
        "Sid": "Odd",
        "Effect": "Allow",
        "Principal": {
            "Service": "sns.amazonaws.com",
            "Federated": "cognito-identity.amazonaws.com",
            "CanonicalUser": "c1",
        },
        "Action": "sqs:SendMessage",
    },
    {"Effect": "Allow", "NotPrincipal": {"AWS": ACCOUNT}, "Action": "sqs:SendMessage"},
    {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage"},
    {"Effect": "Allow", "Principal": "*", "Action": "sqs:ReceiveMessage"},
    {
        "Effect": "Allow",
        "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*"}},
    },
)
CONNECT_PUBLISH = document(
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sns:Publish"},
    {
        "Effect": "Allow",
        "Principal": {"Service": "connect.amazonaws.com"},
        "Action": "sns:Subscribe",
    },
    {
        "Sid": "Bare",
        "Effect": "Allow",
        "Principal": {"Service": "connect.amazonaws.com"},
        "Action": "sns:Publish",
    },
)
WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity"
TRUST = document(
    {"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"},
    {"Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"},
    {"Effect": "Allow", "Principal": {"Federated": GITHUB}, "Action": "sts:AssumeRole"},
    {
        "Sid": "Both",
        "Effect": "Allow",
        "Principal": {"Federated": [SAML, GITHUB]},
        "Action": WEB_IDENTITY,
    },
    {
        "Sid": "Star",
        "Effect": "Allow",
        "Principal": {"Federated": OTHER},
        "Action": WEB_IDENTITY,
        "Condition": {
            "StringEquals": {"example.com:aud": "a"},
            "StringLike": {"example.com:sub": "*x"},
        },
    },
    {
        "Effect": "Allow",
        "Principal": {"Federated": OTHER},
        "Action": WEB_IDENTITY,
        "Condition": {"StringEquals": {"example.com:aud": "a", "example.com:sub": "Xyz"}},
    },
    {  # Cognito's audience (the identity pool) pins the identities without a sub condition
        "Effect": "Allow",
        "Principal": {"Federated": COGNITO},
        "Action": WEB_IDENTITY,
        "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-2:pool"}},
    },
    {
        "Sid": "Google",
        "Effect": "Allow",
        "Principal": {"Federated": "accounts.google.com"},
        "Action": WEB_IDENTITY,
    },
)
KEY = document(
    {
        "Effect": "Allow",
        "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": ["KMS:*", "kms:Decrypt"],
        "Resource": "*",
    }
)

CASES: list[tuple[str, ResourceCheck, Mapping[str, Any], Mapping[str, Any], list[str]]] = [
    (
        "topic",
        topic_public_problems,
        {"policy": TOPIC},
        {},
        [
            "statement 'Open' allows ['everything but', 'sns:Subscribe']"
            + PUBLIC_FIX.format(what="topic"),
            "statement #5 allows ['sns:Publish']" + PUBLIC_FIX.format(what="topic"),
        ],
    ),
    (
        "queue",
        queue_problems,
        {"policy": QUEUE},
        {"senderServices": ["sns.amazonaws.com"]},
        [
            "statement 'Odd' lets ['cognito-identity.amazonaws.com', 'c1']" + QUEUE_SENDERS,
            "statement #3 lets ['NotPrincipal']" + QUEUE_SENDERS,
            "statement #4 lets ['sns.amazonaws.com'] send without an aws:SourceArn naming one"
            " topic (got None); add ArnEquals aws:SourceArn arn:aws:sns:REGION:ACCOUNT:TOPIC",
            "statement #5 allows ['sqs:ReceiveMessage']" + PUBLIC_FIX.format(what="queue"),
            "statement #6 lets ['sns.amazonaws.com'] send without an aws:SourceArn naming one"
            " topic (got ['arn:aws:sns:*']); add ArnEquals aws:SourceArn"
            " arn:aws:sns:REGION:ACCOUNT:TOPIC",
        ],
    ),
    (
        "connect-publish",
        connect_publish_problems,
        {"policy": CONNECT_PUBLISH},
        {},
        [
            "statement 'Bare' lets connect.amazonaws.com publish with aws:SourceAccount missing"
            " (want one account ID); aws:SourceArn missing (want"
            " arn:aws:connect:REGION:ACCOUNT:instance/ID with no '*'); condition it on"
            " StringEquals aws:SourceAccount and ArnEquals aws:SourceArn naming your one instance"
        ],
    ),
    (
        "lambda-public",
        lambda_permission_problems,
        {"principal": "*"},
        {},
        [
            "the permission lets every principal ('*') invoke the function; name the service"
            " principal and its sourceArn"
        ],
    ),
    (
        "lambda-any-topic",
        lambda_permission_problems,
        {"principal": "sns.amazonaws.com"},
        {},
        [
            "the permission lets sns.amazonaws.com invoke the function with sourceArn None;"
            " any topic of any account could invoke it: set source_arn to the topic's ARN"
        ],
    ),
    (
        "trust",
        trust_problems,
        {"assumeRolePolicy": TRUST},
        {},
        [
            "statement 'Anyone' lets every principal ('*') assume the role; name the account,"
            " role or service that needs it",
            f"statement 'Both' lets {GITHUB} assume the role without a"
            " token.actions.githubusercontent.com:aud condition (got None) and a"
            " token.actions.githubusercontent.com:sub condition pinning repo:OWNER/REPO:..."
            " (got None)" + WEB_IDENTITY_FIX,
            f"statement 'Star' lets {OTHER} assume the role without a example.com:sub condition"
            " pinning a subject (got ['*x'])" + WEB_IDENTITY_FIX,
            "statement 'Google' lets accounts.google.com assume the role without a"
            " accounts.google.com:aud condition (got None) and a accounts.google.com:sub"
            " condition pinning a subject (got None)" + WEB_IDENTITY_FIX,
        ],
    ),
    (
        "key",
        key_grant_problems,
        {"policy": KEY},
        {},
        [
            "statement #1 grants ['lambda.amazonaws.com'] ['KMS:*']; a service principal gets"
            " only what streaming needs: kms:GenerateDataKey* and kms:Decrypt"
        ],
    ),
]


@pytest.mark.parametrize(
    ("check", "props", "config", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_findings_word_for_word(
    check: ResourceCheck,
    props: Mapping[str, Any],
    config: Mapping[str, Any],
    expected: list[str],
) -> None:
    assert check("resource", props, Context(config=config)) == expected


@pytest.mark.parametrize(
    "check",
    [
        topic_public_problems,
        queue_problems,
        connect_publish_problems,
        key_grant_problems,
        trust_problems,
    ],
)
def test_a_resource_without_a_policy_has_no_findings(check: ResourceCheck) -> None:
    assert check("resource", {}, Context(config={"senderServices": ["sns.amazonaws.com"]})) == []


@pytest.mark.parametrize(
    ("protocol", "why"),
    [
        ("http", "plain HTTP sends chat content unencrypted"),
        ("email", "email sends chat content to a mailbox outside AWS"),
        ("email-json", "email-json sends chat content to a mailbox outside AWS"),
        ("sms", "SMS sends chat content to a phone outside AWS"),
        ("SMS", "SMS sends chat content to a phone outside AWS"),
        ("smtp", "the protocol is not one of the allowed ones"),
    ],
)
def test_subscription_findings_say_why_word_for_word(protocol: str, why: str) -> None:
    props = {"protocol": protocol, "endpoint": "e1"}
    context = Context(config={"allowedProtocols": ["https", "sqs"]})
    assert subscription_problems("resource", props, context) == [
        f"the subscription delivers over {protocol!r} to 'e1': {why}" + SUBSCRIPTION_FIX
    ]
