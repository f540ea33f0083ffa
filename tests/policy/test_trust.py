"""role-trust-scoped over every form of GitHub OIDC trust (hypothesis): aud and a sub pinning a
repository are required, under operators that constrain."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.policy.calls import violations
from tests.policy.cases import (
    GITHUB,
    OIDC_PROVIDER,
    doc,
)
from tests.policy.strategies import Part, bad, case_variants, good

sub_operators = good("StringEquals", "StringLike", "ForAnyValue:StringLike") | bad(
    "StringNotLike", "StringLikeIfExists", "StringNotEquals"
)


sub_values = good(
    "repo:acme/chat:*",
    "repo:acme/chat:ref:refs/heads/main",
    "repo:acme/chat:environment:prod",
    ["repo:acme/chat:*", "repo:acme/infra:pull_request"],
) | bad("*", "repo:acme/*", "repo:*", "repo:*/chat:*", "acme/chat", ["repo:acme/chat:*", "*"])


aud_parts = st.one_of(
    st.just(({}, True)).map(
        lambda _: ({"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}}, True)
    ),
    bad({}, {"StringEquals": {f"{GITHUB}:aud": "*"}}, {"StringNotEquals": {f"{GITHUB}:aud": "x"}}),
)


@given(
    sub_operators,
    case_variants(f"{GITHUB}:sub"),
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
    messages = violations("role-trust-scoped", "aws:iam/role:Role", {"assumeRolePolicy": trust})
    acceptable = sub_op[1] and sub[1] and aud[1]
    assert (messages == []) is acceptable, (condition, messages)
