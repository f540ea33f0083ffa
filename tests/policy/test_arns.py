"""The ARN and account forms the rules accept: every partition, one-digit Regions, no wildcard
where one resource must be named, and any spelling of an instance ARN where wildcards are
looked for (hypothesis: every instance ARN the components build is one instance)."""

from __future__ import annotations

import pytest
from hypothesis import given

from connect_streaming.arns import ConnectInstance
from connect_streaming_policy.arns import (
    ACCOUNT_ID,
    ANY_CONNECT_INSTANCE_ARN,
    INSTANCE_ARN,
    NAMED_AWS_PRINCIPAL,
    OIDC_PROVIDER_ARN,
    TOPIC_ARN,
)
from tests.policy.strategies import instances

ACCOUNT = "111122223333"


@given(instances)
def test_every_instance_the_components_build_is_one_instance(instance: ConnectInstance) -> None:
    match = INSTANCE_ARN.fullmatch(instance.arn)
    assert match is not None
    assert match["account"] == instance.account_id
    assert TOPIC_ARN.fullmatch(instance.sns_topic_arn("chat"))
    assert NAMED_AWS_PRINCIPAL.fullmatch(instance.account_root_arn())


@pytest.mark.parametrize(
    ("arn", "one"),
    [
        (f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/abcd-1234", True),
        (f"arn:aws-cn:connect:cn-north-1:{ACCOUNT}:instance/abcd", True),
        (f"arn:aws-us-gov:connect:us-gov-west-1:{ACCOUNT}:instance/abcd", True),
        (f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/*", False),
        (f"arn:aws:connect:*:{ACCOUNT}:instance/abcd", False),
        ("arn:aws:connect:us-east-1:*:instance/abcd", False),
        (f"arn:aws:connect:us-east-12:{ACCOUNT}:instance/abcd", False),
        (f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/abcd/queue/q", False),
        (f"arn:aws:sns:us-east-1:{ACCOUNT}:instance/abcd", False),
    ],
)
def test_one_instance(arn: str, one: bool) -> None:
    assert (INSTANCE_ARN.fullmatch(arn) is not None) is one


@pytest.mark.parametrize(
    ("arn", "instance"),
    [
        (f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/*", "*"),
        ("arn:aws:connect:*:*:instance/abcd-*/queue/*", "abcd-*"),
        ("arn:aws-cn:connect:::instance/x", "x"),
        ("arn:*:connect:us-east-1:1:instance/*", None),
        (f"arn:aws:sns:us-east-1:{ACCOUNT}:chat", None),
    ],
)
def test_any_instance_spelling_gives_its_id_part(arn: str, instance: str | None) -> None:
    match = ANY_CONNECT_INSTANCE_ARN.match(arn)
    assert (match["instance"] if match else None) == instance


@pytest.mark.parametrize(
    ("value", "named"),
    [
        (ACCOUNT, True),
        (f"arn:aws:iam::{ACCOUNT}:root", True),
        (f"arn:aws:iam::{ACCOUNT}:role/app", True),
        (f"arn:aws:sts::{ACCOUNT}:assumed-role/app/session", True),
        (f"arn:aws-cn:iam::{ACCOUNT}:user/u", True),
        (f"arn:aws:iam::{ACCOUNT}:role/app*", False),
        (f"arn:aws:iam::{ACCOUNT}:group/g", False),
        ("*", False),
        ("11112222333", False),
    ],
)
def test_named_aws_principals(value: str, named: bool) -> None:
    assert (NAMED_AWS_PRINCIPAL.fullmatch(value) is not None) is named


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        (f"arn:aws:sns:eu-west-2:{ACCOUNT}:chat", True),
        (f"arn:aws:sns:eu-west-2:{ACCOUNT}:chat.fifo", True),
        (f"arn:aws:sns:eu-west-2:{ACCOUNT}:" + "t" * 256, True),
        (f"arn:aws:sns:eu-west-2:{ACCOUNT}:" + "t" * 257, False),
        (f"arn:aws:sns:eu-west-2:{ACCOUNT}:*", False),
        ("arn:aws:sns:eu-west-2:1:chat", False),
    ],
)
def test_topic_arns(value: str, valid: bool) -> None:
    assert (TOPIC_ARN.fullmatch(value) is not None) is valid


def test_accounts_and_oidc_providers() -> None:
    assert ACCOUNT_ID.fullmatch(ACCOUNT)
    assert not ACCOUNT_ID.fullmatch(ACCOUNT + "4")
    provider = OIDC_PROVIDER_ARN.fullmatch(
        f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
    )
    assert provider is not None
    assert provider["host"] == "token.actions.githubusercontent.com"
    assert OIDC_PROVIDER_ARN.fullmatch(f"arn:aws:iam::{ACCOUNT}:saml-provider/corp") is None
