"""SNS topics and topic policies, rule by rule: the components' topic passes; FIFO, missing or
AWS-managed keys are caught; plain-HTTP denies and Connect's publish grant are judged over every
form of statement they take (hypothesis: each part drawn with whether it is acceptable)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.policy.calls import violations
from tests.policy.cases import (
    ACCOUNT,
    INSTANCE,
    KEY_ARN,
    TAGS,
    TOPIC_ARN,
    doc,
    topic,
)
from tests.policy.strategies import Part, bad, case_variants, good


def test_the_components_topic_passes_the_topic_rules() -> None:
    for name in (
        "streaming-topic-standard",
        "topic-encrypted-with-cmk",
        "service-grants-scoped",
        "topic-denies-insecure-transport",
    ):
        assert violations(name, "aws:sns/topic:Topic", topic()) == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"kmsMasterKeyId": None}, "not encrypted"),
        ({"kmsMasterKeyId": ""}, "not encrypted"),
        ({"kmsMasterKeyId": "alias/aws/sns"}, "AWS managed key"),
        ({"kmsMasterKeyId": f"arn:aws:kms:us-east-1:{ACCOUNT}:alias/aws/sns"}, "AWS managed key"),
    ],
)
def test_unencrypted_or_aws_managed_key_topics_are_caught(
    overrides: dict[str, Any], expected: str
) -> None:
    props = topic(**overrides)
    (message,) = violations("topic-encrypted-with-cmk", "aws:sns/topic:Topic", props)
    assert expected in message


def test_encryption_scope_streaming_ignores_other_topics() -> None:
    plain = {"name": "alerts", "tags": TAGS}
    assert violations("topic-encrypted-with-cmk", "aws:sns/topic:Topic", plain)
    streaming_only = {"scope": "streaming"}
    assert (
        violations("topic-encrypted-with-cmk", "aws:sns/topic:Topic", plain, config=streaming_only)
        == []
    )
    unencrypted_stream = topic(kmsMasterKeyId=None)
    assert violations(
        "topic-encrypted-with-cmk", "aws:sns/topic:Topic", unencrypted_stream, config=streaming_only
    )


@pytest.mark.parametrize("overrides", [{"fifoTopic": True}, {"name": "dev-chat.fifo"}])
def test_a_fifo_streaming_topic_is_caught(overrides: dict[str, Any]) -> None:
    (message,) = violations("streaming-topic-standard", "aws:sns/topic:Topic", topic(**overrides))
    assert "FIFO" in message


def test_a_fifo_topic_nobody_streams_to_is_not_judged() -> None:
    props = {"name": "orders.fifo", "fifoTopic": True, "kmsMasterKeyId": KEY_ARN}
    assert violations("streaming-topic-standard", "aws:sns/topic:Topic", props) == []


OWNER = {
    "Sid": "Owner",
    "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
    "Action": "sns:Publish",
    "Resource": TOPIC_ARN,
}


transport_effects = good("Deny") | bad("Allow", "deny", "")


transport_operators = good("Bool") | bad("StringNotEquals", "Null")


transport_keys = st.one_of(
    case_variants("aws:SecureTransport").map(lambda k: (k, True)),
    bad("aws:SecureTransports", "aws:SourceIp", "SecureTransport"),
)


transport_values = good("false", False, ["false"], "False") | bad("true", True, ["true"])


transport_actions = good(
    "sns:Publish", "SNS:Publish", "sns:*", "*", "sns:Pub*", ["sns:Subscribe", "sns:Publish"]
) | bad("sns:Subscribe", ["sqs:SendMessage"], "sns:Publish2")


transport_principals = good("*", {"AWS": "*"}, {"AWS": ["*"]}) | bad(
    {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, {"Service": "connect.amazonaws.com"}
)


@given(
    transport_effects,
    transport_operators,
    transport_keys,
    transport_values,
    transport_actions,
    transport_principals,
)
def test_insecure_transport_deny_is_judged_over_every_form(
    effect: Part, operator: Part, key: Part, value: Part, action: Part, principal: Part
) -> None:
    parts = (effect, operator, key, value, action, principal)
    deny = {
        "Effect": effect[0],
        "Principal": principal[0],
        "Action": action[0],
        "Resource": TOPIC_ARN,
        "Condition": {operator[0]: {key[0]: value[0]}},
    }
    props = topic(policy=doc(OWNER, deny))
    messages = violations("topic-denies-insecure-transport", "aws:sns/topic:Topic", props)
    acceptable = all(ok for _, ok in parts)
    assert (messages == []) is acceptable, (deny, messages)


account_operators = good("StringEquals", "StringLike", "ForAnyValue:StringEquals") | bad(
    "StringNotEquals", "StringEqualsIfExists"
)


account_values = good(ACCOUNT, [ACCOUNT]) | bad("*", "1111*", "11112222333?", "")


arn_operators = good("ArnEquals", "ArnLike", "StringEquals") | bad(
    "ArnNotEquals", "ArnLikeIfExists", "StringNotLike"
)


arn_values = good(INSTANCE.arn, [INSTANCE.arn]) | bad(
    f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/*",
    f"arn:aws:connect:*:{ACCOUNT}:instance/abcd-1234",
    "arn:aws:connect:us-east-1:*:instance/abcd-1234",
    "arn:aws:connect:us-east-1:999988887777:instance/abcd-1234",
    f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/abcd-*",
    TOPIC_ARN,
)


@given(
    account_operators,
    case_variants("aws:SourceAccount"),
    account_values,
    arn_operators,
    case_variants("aws:SourceArn"),
    arn_values,
    st.sampled_from(["connect.amazonaws.com", ["connect.amazonaws.com"]]),
    st.sampled_from(["sns:Publish", "SNS:Publish", "sns:*", "*"]),
)
def test_connect_grant_is_pinned_in_every_form(
    account_op: Part,
    account_key: str,
    account: Part,
    arn_op: Part,
    arn_key: str,
    arn: Part,
    service: Any,
    action: str,
) -> None:
    condition: dict[str, dict[str, Any]] = {account_op[0]: {account_key: account[0]}}
    condition.setdefault(arn_op[0], {})[arn_key] = arn[0]
    grant = {
        "Effect": "Allow",
        "Principal": {"Service": service},
        "Action": action,
        "Resource": TOPIC_ARN,
        "Condition": condition,
    }
    messages = violations(
        "connect-publish-grant-pinned", "aws:sns/topic:Topic", topic(policy=doc(grant))
    )
    acceptable = account_op[1] and account[1] and arn_op[1] and arn[1]
    assert (messages == []) is acceptable, (condition, messages)


@given(arn_values, st.sampled_from(["Deny", "Allow"]))
def test_a_connect_deny_needs_no_conditions(arn: Part, effect: str) -> None:
    statement = {
        "Effect": effect,
        "Principal": {"Service": "connect.amazonaws.com"},
        "Action": "sns:Publish",
        "Resource": TOPIC_ARN,
        "Condition": {"ArnLike": {"aws:SourceArn": arn[0]}},
    }
    messages = violations(
        "connect-publish-grant-pinned", "aws:sns/topic:Topic", topic(policy=doc(statement))
    )
    assert (messages == []) is (effect == "Deny")
