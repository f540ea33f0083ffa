"""queue-policy-scoped over every form of sender (hypothesis): SNS from one named topic only."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.policy.calls import violations
from tests.policy.cases import (
    ACCOUNT,
    TOPIC_ARN,
    doc,
)
from tests.policy.strategies import Part, bad, good

queue_principals = good({"Service": "sns.amazonaws.com"}, {"Service": ["sns.amazonaws.com"]}) | bad(
    "*",
    {"AWS": "*"},
    {"Service": "s3.amazonaws.com"},
    {"Service": ["sns.amazonaws.com", "events.amazonaws.com"]},
)


queue_sources = good(
    {"ArnEquals": {"aws:SourceArn": TOPIC_ARN}}, {"ArnLike": {"AWS:SOURCEARN": [TOPIC_ARN]}}
) | bad(
    {},
    {"ArnLike": {"aws:SourceArn": f"arn:aws:sns:us-east-1:{ACCOUNT}:*"}},
    {"ArnNotEquals": {"aws:SourceArn": TOPIC_ARN}},
    {"ArnEqualsIfExists": {"aws:SourceArn": TOPIC_ARN}},
    {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
)


@given(
    queue_principals,
    queue_sources,
    st.sampled_from(["sqs:SendMessage", "SQS:SendMessage", "sqs:Send*", "sqs:*", "*"]),
)
def test_queue_senders_are_judged_over_every_form(
    principal: Part, source: Part, action: str
) -> None:
    statement = {
        "Effect": "Allow",
        "Principal": principal[0],
        "Action": action,
        "Resource": "arn:aws:sqs:us-east-1:111122223333:q",
        "Condition": source[0],
    }
    messages = violations("queue-policy-scoped", "aws:sqs/queue:Queue", {"policy": doc(statement)})
    assert (messages == []) is (principal[1] and source[1]), (statement, messages)
