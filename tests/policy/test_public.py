"""Statements open to every principal: any of the account-pinning condition keys, in any case,
pins the statement (hypothesis); a wildcard, a negation or an IfExists operator does not."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming_policy.public import account_restricted, public_problem
from connect_streaming_policy.statements import Statement, statements
from tests.policy.strategies import case_variants

ACCOUNT_KEYS = [
    "aws:SourceOwner",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:PrincipalArn",
    "aws:SourceVpce",
]


def _statement(**item: Any) -> Statement:
    (only,) = statements({"Statement": [item]})
    return only


@given(st.sampled_from(ACCOUNT_KEYS).flatmap(case_variants), st.sampled_from(["x", ["x", "y"]]))
def test_every_account_key_pins_a_public_statement(key: str, value: Any) -> None:
    s = _statement(Effect="Allow", Principal="*", Condition={"StringEquals": {key: value}})
    assert account_restricted(s)
    assert public_problem(s, "topic") is None


@pytest.mark.parametrize(
    "condition",
    [
        {},
        {"StringEquals": {"aws:SourceAccount": "1111*"}},
        {"StringNotEquals": {"aws:SourceAccount": "111122223333"}},
        {"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}},
        {"StringEquals": {"aws:SourceIp": "10.0.0.1"}},
    ],
)
def test_conditions_that_do_not_pin_leave_the_statement_public(
    condition: dict[str, Any],
) -> None:
    s = _statement(Effect="Allow", Principal="*", Action="sqs:*", Condition=condition)
    assert not account_restricted(s)
    assert public_problem(s, "queue") == (
        "statement #1 allows ['sqs:*'] to every principal ('*') with no condition naming an"
        " account; anyone could use the queue: name the account or service principal, or add"
        " StringEquals aws:SourceAccount / aws:PrincipalOrgID"
    )


@pytest.mark.parametrize(
    "item",
    [
        {"Effect": "Deny", "Principal": "*"},
        {"Effect": "Allow", "Principal": {"AWS": "111122223333"}},
        {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}},
    ],
)
def test_denies_and_named_principals_are_not_public_findings(item: dict[str, Any]) -> None:
    assert public_problem(_statement(**item), "topic") is None
