"""The pack's rules to the letter: exact findings, the paths each helper takes (FIFO by name or
ARN, every spelling of ``aws:SecureTransport`` false, key specs that cannot rotate, managed
policies under a path) and the context a rule hands its check."""

from __future__ import annotations

from typing import Any

import pytest

from connect_streaming_policy.catalogue import RULES, rule
from connect_streaming_policy.vocabulary import (
    KEY,
    ROLE,
    ROLE_POLICY,
    SUBSCRIPTION,
    TOPIC,
    TOPIC_POLICY,
    ResourceRule,
    StackResource,
    StackRule,
    string_list_schema,
)

ACCOUNT = "111122223333"
INSTANCE = f"arn:aws:connect:eu-west-2:{ACCOUNT}:instance/i-1"
CONNECT_PUBLISHES = {
    "Effect": "Allow",
    "Principal": {"Service": "connect.amazonaws.com"},
    "Action": "sns:Publish",
}
LAMBDA_PUBLISHES = {**CONNECT_PUBLISHES, "Principal": {"Service": "lambda.amazonaws.com"}}
FIFO = (
    "the topic grants connect.amazonaws.com but is FIFO; Amazon Connect streams chats only to"
    " standard topics, so StartContactStreaming would fail"
)
PLAIN_HTTP = (
    "the topic policy has no Deny of sns:Publish to every principal ('*') when"
    " aws:SecureTransport is false; messages could be published over plain HTTP"
)
NO_ROTATION = "automatic key rotation is off (enableKeyRotation is not true)"
WILD = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}],
}


def document(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def violations(name: str, resource_type: str, props: dict[str, Any]) -> list[str]:
    resource_rule = rule(name)
    assert isinstance(resource_rule, ResourceRule)
    return resource_rule.violations(resource_type, props)


@pytest.mark.parametrize(
    ("resource_type", "props", "expected"),
    [
        (
            TOPIC_POLICY,
            {"arn": "arn:aws:sns:eu-west-2:1:t.fifo", "policy": document(CONNECT_PUBLISHES)},
            [FIFO],
        ),
        (
            TOPIC_POLICY,
            {"arn": "arn:aws:sns:eu-west-2:1:t.FIFO", "policy": document(CONNECT_PUBLISHES)},
            [],
        ),
        (TOPIC_POLICY, {"policy": document(CONNECT_PUBLISHES)}, []),
        (
            TOPIC,
            {"fifoTopic": True, "policy": document({**CONNECT_PUBLISHES, "Effect": "Deny"})},
            [],
        ),
        (TOPIC, {"fifoTopic": True, "policy": document(LAMBDA_PUBLISHES)}, []),
    ],
    ids=["fifo-arn", "suffix-is-case-sensitive", "no-arn", "connect-denied", "not-connect"],
)
def test_streaming_topic_standard(
    resource_type: str, props: dict[str, Any], expected: list[str]
) -> None:
    assert violations("streaming-topic-standard", resource_type, props) == expected


def test_topic_encryption_findings_word_for_word() -> None:
    assert violations("topic-encrypted-with-cmk", TOPIC, {}) == [
        "the topic is not encrypted (kmsMasterKeyId is not set)"
    ]
    assert violations("topic-encrypted-with-cmk", TOPIC, {"kmsMasterKeyId": "alias/aws/sns"}) == [
        "the topic uses the AWS managed key 'alias/aws/sns', whose key policy cannot grant"
        " connect.amazonaws.com; use a customer-managed key"
    ]


def test_service_grants_finding_word_for_word_and_negations_do_not_hide_keys() -> None:
    two = {**CONNECT_PUBLISHES, "Sid": "Two"}
    two["Principal"] = {"Service": ["connect.amazonaws.com", "sns.amazonaws.com"]}
    pinned = {
        **CONNECT_PUBLISHES,
        "Condition": {
            "StringNotEquals": {"aws:SourceAccount": "999999999999"},
            "StringEquals": {"aws:SourceAccount": ACCOUNT},
            "ArnEquals": {"aws:SourceArn": INSTANCE},
        },
    }
    assert violations("service-grants-scoped", TOPIC, {"policy": document(two, pinned)}) == [
        "statement 'Two' grants connect.amazonaws.com, sns.amazonaws.com without"
        " aws:SourceAccount and aws:SourceArn conditions (confused deputy: any account's"
        " resource could use the grant)"
    ]


def _deny_http(principal: Any, value: Any) -> dict[str, Any]:
    return {
        "Effect": "Deny",
        "Principal": principal,
        "Action": "sns:Publish",
        "Condition": {"Bool": {"aws:SecureTransport": value}},
    }


@pytest.mark.parametrize(
    ("principal", "value", "expected"),
    [
        ({"AWS": "*"}, "false", []),
        ("*", ["false"], []),
        ("*", False, []),
        ("*", "true", [PLAIN_HTTP]),
        ("*", True, [PLAIN_HTTP]),
        ("*", None, [PLAIN_HTTP]),
    ],
)
def test_insecure_transport_deny_after_a_named_principals_deny(
    principal: Any, value: Any, expected: list[str]
) -> None:
    # The first Deny covers one principal only: it is skipped, never the end of the search.
    named = _deny_http({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "false")
    policy = document(named, _deny_http(principal, value))
    assert violations("topic-denies-insecure-transport", TOPIC, {"policy": policy}) == expected


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({}, [NO_ROTATION]),
        ({"enableKeyRotation": True}, []),
        ({"keySpec": "RSA_2048"}, []),
        ({"customerMasterKeySpec": "RSA_2048"}, []),
        ({"keyUsage": "SIGN_VERIFY"}, []),
    ],
)
def test_only_symmetric_encryption_keys_must_rotate(
    props: dict[str, Any], expected: list[str]
) -> None:
    assert violations("kms-key-rotation", KEY, props) == expected


def test_identity_policy_findings_name_where_they_are() -> None:
    name = "iam-no-wildcard-actions"
    assert violations(name, ROLE_POLICY, {}) == []
    assert violations(name, ROLE_POLICY, {"policy": WILD}) == [
        "policy: statement #1 allows the wildcard action 'iam:*'"
    ]
    assert violations(name, ROLE_POLICY, {"policy": "not json"}) == [
        "policy: not an IAM policy document (the policy is not valid JSON"
        " (Expecting value: line 1 column 1 (char 0)))"
    ]
    inline = ["junk", {"policy": "not json"}, {"name": "empty"}, {"policy": WILD}]
    assert violations("iam-no-passrole-star", ROLE, {"inlinePolicies": inline}) == [
        "inlinePolicies[3]: statement #1 lets the holder pass any role (iam:PassRole on '*')"
    ]


def test_broad_managed_policies_are_found_by_name_under_any_path() -> None:
    arns = [
        "arn:aws:iam::aws:policy/PowerUserAccess",
        "arn:aws:iam::aws:policy/x/PowerUserAccess",
        "arn:aws:iam::aws:policy/x/AdministratorAccess-Amplify",
        "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
    ]
    found = violations("iam-no-wildcard-actions", ROLE, {"managedPolicyArns": arns})
    assert found == [
        f"attaches the AWS managed policy {arn}, which grants whole services" for arn in arns[:3]
    ]


def test_subscriber_rule_word_for_word() -> None:
    resources = [
        StackResource(SUBSCRIPTION, "urn:s1", "s1", {}, parent="urn:t1"),
        StackResource(
            TOPIC, "urn:t0", "plain", {"arn": "arn:t0", "policy": document(LAMBDA_PUBLISHES)}
        ),
        StackResource(
            TOPIC, "urn:t1", "subscribed", {"arn": "arn:t1", "policy": document(CONNECT_PUBLISHES)}
        ),
        StackResource(
            TOPIC, "urn:t2", "lonely", {"arn": "arn:t2", "policy": document(CONNECT_PUBLISHES)}
        ),
    ]
    stack_rule = rule("streaming-topic-has-subscriber")
    assert isinstance(stack_rule, StackRule)
    assert stack_rule.violations(resources) == [
        (
            "the streaming topic 'lonely' has no subscription in this stack; messages Amazon"
            " Connect publishes to it are dropped",
            "urn:t2",
        )
    ]


def test_an_unknown_rule_names_every_known_one() -> None:
    with pytest.raises(KeyError) as raised:
        rule("nope")
    known = ", ".join(r.name for r in RULES)
    assert raised.value.args == (f"no rule 'nope'; known: {known}",)
    assert known.startswith("streaming-topic-standard, topic-encrypted-with-cmk, ")


def test_a_bool_condition_that_is_no_object_denies_nothing() -> None:
    deny = {"Effect": "Deny", "Principal": "*", "Action": "sns:Publish", "Condition": {"Bool": "x"}}
    assert violations("topic-denies-insecure-transport", TOPIC, {"policy": document(deny)}) == [
        PLAIN_HTTP
    ]


def _list_of_strings(default: list[str], description: str) -> dict[str, Any]:
    strings: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
    return strings | {"default": default, "description": description}


def test_the_string_list_config_schemas_word_for_word() -> None:
    # The engine validates a pack's config against these schemas and fills in their defaults;
    # the defaults are the ones the README's rule table names. The rules are built at import,
    # so the builder is also called here, where a mutation tester can switch a change on.
    assert string_list_schema(["a", "b"], "Some names.") == _list_of_strings(
        ["a", "b"], "Some names."
    )
    schemas = {rule.name: rule.config for rule in RULES if rule.config}
    assert schemas["queue-policy-scoped"] == {
        "senderServices": _list_of_strings(
            ["sns.amazonaws.com"], "Service principals that may send to queues."
        )
    }
    assert schemas["subscription-protocol-internal"] == {
        "allowedProtocols": _list_of_strings(
            ["https", "sqs", "lambda", "firehose", "application"],
            "SNS protocols subscriptions may use.",
        )
    }
    assert schemas["required-tags"] == {
        "requiredTags": _list_of_strings(
            ["owner", "cost-center", "environment"], "Tags every taggable resource must carry."
        ),
        "strictRequiredTags": _list_of_strings(
            ["data-classification"], "Tags also required in strict environments."
        ),
        "strictEnvironments": _list_of_strings(
            ["prod"], "Environments (the environment tag or stack) held to the stricter rules."
        ),
    }
