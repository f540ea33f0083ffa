"""Rules with a family of forms, judged over the family (hypothesis).

Each strategy draws every part of a statement (Effect, operator, condition key and its case,
value, action, principal) together with whether that part is acceptable; the rule must pass the
statement exactly when every part is. No rule may crash on any JSON, policy-shaped or not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from connect_streaming_policy.rules import RESOURCE_RULES, Context, ResourceRule, rule
from tests.policy.cases import ACCOUNT, GITHUB, INSTANCE, OIDC_PROVIDER, TOPIC_ARN, doc, topic
from tests.policy.strategies import TYPES, props_strategy

# A part of a statement and whether it is acceptable on its own.
Part = tuple[Any, bool]


def _good(*values: Any) -> st.SearchStrategy[Part]:
    return st.sampled_from([(v, True) for v in values])


def _bad(*values: Any) -> st.SearchStrategy[Part]:
    return st.sampled_from([(v, False) for v in values])


def _case_variants(key: str) -> st.SearchStrategy[str]:
    """``key`` in any letter case (IAM condition keys are case-insensitive)."""
    return st.lists(st.booleans(), min_size=len(key), max_size=len(key)).map(
        lambda upper: "".join(
            c.upper() if u else c.lower() for c, u in zip(key, upper, strict=True)
        )
    )


def _violations(name: str, resource_type: str, props: Mapping[str, Any]) -> list[str]:
    found = rule(name)
    assert isinstance(found, ResourceRule)
    return found.violations(resource_type, props, Context())


# --- topic-denies-insecure-transport ------------------------------------------------------------

OWNER = {
    "Sid": "Owner",
    "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
    "Action": "sns:Publish",
    "Resource": TOPIC_ARN,
}
transport_effects = _good("Deny") | _bad("Allow", "deny", "")
transport_operators = _good("Bool") | _bad("StringNotEquals", "Null")
transport_keys = st.one_of(
    _case_variants("aws:SecureTransport").map(lambda k: (k, True)),
    _bad("aws:SecureTransports", "aws:SourceIp", "SecureTransport"),
)
transport_values = _good("false", False, ["false"], "False") | _bad("true", True, ["true"])
transport_actions = _good(
    "sns:Publish", "SNS:Publish", "sns:*", "*", "sns:Pub*", ["sns:Subscribe", "sns:Publish"]
) | _bad("sns:Subscribe", ["sqs:SendMessage"], "sns:Publish2")
transport_principals = _good("*", {"AWS": "*"}, {"AWS": ["*"]}) | _bad(
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
    messages = _violations("topic-denies-insecure-transport", "aws:sns/topic:Topic", props)
    acceptable = all(ok for _, ok in parts)
    assert (messages == []) is acceptable, (deny, messages)


# --- connect-publish-grant-pinned ---------------------------------------------------------------

account_operators = _good("StringEquals", "StringLike", "ForAnyValue:StringEquals") | _bad(
    "StringNotEquals", "StringEqualsIfExists"
)
account_values = _good(ACCOUNT, [ACCOUNT]) | _bad("*", "1111*", "11112222333?", "")
arn_operators = _good("ArnEquals", "ArnLike", "StringEquals") | _bad(
    "ArnNotEquals", "ArnLikeIfExists", "StringNotLike"
)
arn_values = _good(INSTANCE.arn, [INSTANCE.arn]) | _bad(
    f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/*",
    f"arn:aws:connect:*:{ACCOUNT}:instance/abcd-1234",
    "arn:aws:connect:us-east-1:*:instance/abcd-1234",
    "arn:aws:connect:us-east-1:999988887777:instance/abcd-1234",
    f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/abcd-*",
    TOPIC_ARN,
)


@given(
    account_operators,
    _case_variants("aws:SourceAccount"),
    account_values,
    arn_operators,
    _case_variants("aws:SourceArn"),
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
    messages = _violations(
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
    messages = _violations(
        "connect-publish-grant-pinned", "aws:sns/topic:Topic", topic(policy=doc(statement))
    )
    assert (messages == []) is (effect == "Deny")


# --- role-trust-scoped (GitHub OIDC) ------------------------------------------------------------

sub_operators = _good("StringEquals", "StringLike", "ForAnyValue:StringLike") | _bad(
    "StringNotLike", "StringLikeIfExists", "StringNotEquals"
)
sub_values = _good(
    "repo:acme/chat:*",
    "repo:acme/chat:ref:refs/heads/main",
    "repo:acme/chat:environment:prod",
    ["repo:acme/chat:*", "repo:acme/infra:pull_request"],
) | _bad("*", "repo:acme/*", "repo:*", "repo:*/chat:*", "acme/chat", ["repo:acme/chat:*", "*"])
aud_parts = st.one_of(
    st.just(({}, True)).map(
        lambda _: ({"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}}, True)
    ),
    _bad({}, {"StringEquals": {f"{GITHUB}:aud": "*"}}, {"StringNotEquals": {f"{GITHUB}:aud": "x"}}),
)


@given(
    sub_operators,
    _case_variants(f"{GITHUB}:sub"),
    sub_values,
    aud_parts,
    st.sampled_from(["sts:AssumeRoleWithWebIdentity", "sts:*", ["sts:AssumeRoleWithWebIdentity"]]),
)
def test_github_trust_is_judged_over_every_form(
    sub_op: Part, sub_key: str, sub: Part, aud: Part, action: Any
) -> None:
    condition: dict[str, dict[str, Any]] = json.loads(json.dumps(aud[0]))
    condition.setdefault(sub_op[0], {})[sub_key] = sub[0]
    trust = doc(
        {
            "Effect": "Allow",
            "Principal": {"Federated": OIDC_PROVIDER},
            "Action": action,
            "Condition": condition,
        }
    )
    messages = _violations("role-trust-scoped", "aws:iam/role:Role", {"assumeRolePolicy": trust})
    acceptable = sub_op[1] and sub[1] and aud[1]
    assert (messages == []) is acceptable, (condition, messages)


# --- queue-policy-scoped ------------------------------------------------------------------------

queue_principals = _good(
    {"Service": "sns.amazonaws.com"}, {"Service": ["sns.amazonaws.com"]}
) | _bad(
    "*",
    {"AWS": "*"},
    {"Service": "s3.amazonaws.com"},
    {"Service": ["sns.amazonaws.com", "events.amazonaws.com"]},
)
queue_sources = _good(
    {"ArnEquals": {"aws:SourceArn": TOPIC_ARN}}, {"ArnLike": {"AWS:SOURCEARN": [TOPIC_ARN]}}
) | _bad(
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
    messages = _violations("queue-policy-scoped", "aws:sqs/queue:Queue", {"policy": doc(statement)})
    assert (messages == []) is (principal[1] and source[1]), (statement, messages)


# --- never crashes on any JSON ------------------------------------------------------------------


@given(st.sampled_from(RESOURCE_RULES), st.sampled_from(TYPES), props_strategy)
def test_no_rule_crashes_on_any_json(
    r: ResourceRule, resource_type: str, props: dict[str, Any]
) -> None:
    messages = r.violations(resource_type, props, Context())
    assert all(isinstance(m, str) and m for m in messages)
