"""lambda-permission-sns-source: SNS may invoke a function only from a topic it names, in any
partition and Region (hypothesis); nobody may invoke it as ``*``; other principals are not
this rule's to judge."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming.arns import ConnectInstance
from connect_streaming_policy.vocabulary import LAMBDA_PERMISSION
from tests.policy.calls import violations
from tests.policy.strategies import instances

RULE = "lambda-permission-sns-source"


@given(instances, st.from_regex(r"[A-Za-z0-9_-]{1,40}(\.fifo)?", fullmatch=True))
def test_sns_from_a_named_topic_may_invoke(instance: ConnectInstance, topic: str) -> None:
    props = {"principal": "sns.amazonaws.com", "sourceArn": instance.sns_topic_arn(topic)}
    assert violations(RULE, LAMBDA_PERMISSION, props) == []
    assert violations(RULE, LAMBDA_PERMISSION, {**props, "principal": "SNS.amazonaws.com"}) == []


@pytest.mark.parametrize(
    "source",
    [
        None,
        "arn:aws:sns:us-east-1:111122223333:*",
        "arn:aws:sns:*:111122223333:chat",
        "arn:aws:sqs:us-east-1:111122223333:chat",
        ["arn:aws:sns:us-east-1:111122223333:chat"],
    ],
)
def test_sns_from_no_one_topic_is_refused(source: object) -> None:
    props = {"principal": "sns.amazonaws.com", "sourceArn": source}
    (message,) = violations(RULE, LAMBDA_PERMISSION, props)
    assert message.startswith(
        f"the permission lets sns.amazonaws.com invoke the function with sourceArn {source!r};"
    )


@pytest.mark.parametrize("principal", ["s3.amazonaws.com", "111122223333", None, ["*"]])
def test_other_principals_are_not_judged(principal: object) -> None:
    assert violations(RULE, LAMBDA_PERMISSION, {"principal": principal}) == []


def test_every_principal_is_refused_whatever_the_source() -> None:
    props = {"principal": "*", "sourceArn": "arn:aws:sns:us-east-1:111122223333:chat"}
    (message,) = violations(RULE, LAMBDA_PERMISSION, props)
    assert message.startswith("the permission lets every principal ('*') invoke the function")
