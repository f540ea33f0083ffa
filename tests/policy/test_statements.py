"""The one policy-document reader: principals, action wildcards, constraining conditions, and
the reading problem a rule reports (hypothesis over condition blocks and action patterns)."""

from __future__ import annotations

import fnmatch
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming_policy.statements import (
    Statement,
    allow_problems,
    condition_keys,
    condition_values,
    covers,
    is_public,
    pinned,
    principals,
    statements,
    statements_or_problem,
)
from tests.policy.strategies import case_variants


def _statement(**item: Any) -> Statement:
    (only,) = statements({"Statement": [item]})
    return only


@pytest.mark.parametrize(
    ("principal", "kind", "expected"),
    [
        ("*", "AWS", ["*"]),
        ("*", "Service", []),
        ({"Service": "sns.amazonaws.com"}, "Service", ["sns.amazonaws.com"]),
        ({"Service": ["a", 5, "b"]}, "Service", ["a", "b"]),
        ({"AWS": "111122223333"}, "Federated", []),
        ("111122223333", "AWS", []),
        (None, "AWS", []),
    ],
)
def test_principals_of_one_kind(principal: Any, kind: str, expected: list[str]) -> None:
    assert principals(_statement(Principal=principal), kind) == expected


@pytest.mark.parametrize(
    ("item", "public"),
    [
        ({"Principal": "*"}, True),
        ({"Principal": {"AWS": ["111122223333", "*"]}}, True),
        ({"NotPrincipal": {"AWS": "111122223333"}}, True),
        ({"Principal": {"Service": "*"}}, False),
        ({"Principal": {"AWS": "111122223333"}}, False),
    ],
)
def test_is_public(item: dict[str, Any], public: bool) -> None:
    assert is_public(_statement(**item)) is public


@given(
    st.lists(st.from_regex(r"[a-z]{1,4}:[A-Za-z*?]{1,6}", fullmatch=True), max_size=4),
    st.from_regex(r"[a-z]{1,4}:[a-z]{1,6}", fullmatch=True),
)
def test_covers_is_a_case_insensitive_wildcard_match(actions: list[str], wanted: str) -> None:
    expected = any(fnmatch.fnmatchcase(wanted, a.lower()) for a in actions)
    assert covers(actions, wanted) is expected
    assert covers([a.upper() for a in actions], wanted) is expected


def test_covers_examples() -> None:
    assert covers(["SNS:Publish"], "sns:publish")
    assert covers(["sns:*"], "sns:publish")
    assert covers(["*"], "sns:publish")
    assert covers(["sns:Pub?ish"], "sns:publish")
    assert not covers(["sns:Publish2"], "sns:publish")
    assert not covers([], "sns:publish")


OPERATORS = [
    "StringEquals",
    "StringLike",
    "ArnEquals",
    "ForAnyValue:StringEquals",
    "StringEqualsIfExists",
    "ArnLikeIfExists",
    "StringNotEquals",
    "ForAllValues:StringNotLike",
    "ArnNotEquals",
    "Null",
    "Bool",
]
KEYS = ["aws:SourceAccount", "aws:SourceArn", "token.actions.githubusercontent.com:sub"]
values = st.one_of(st.text(max_size=3), st.lists(st.text(max_size=3), max_size=2))
conditions = st.dictionaries(
    st.sampled_from(OPERATORS).flatmap(case_variants),
    st.dictionaries(st.sampled_from(KEYS).flatmap(case_variants), values, max_size=2)
    | st.sampled_from(["junk", 5, None]),
    max_size=4,
)


def _negated(operator: str) -> bool:
    return "not" in operator.lower() or operator.lower() == "null"


@given(conditions, st.sampled_from(KEYS).flatmap(case_variants))
def test_condition_values_and_keys_agree_on_what_constrains(
    condition: dict[str, Any], key: str
) -> None:
    statement = _statement(Effect="Allow", Condition=condition)
    constraining = {
        operator: clause
        for operator, clause in condition.items()
        if isinstance(clause, dict) and not _negated(operator)
    }
    expected_keys = {k.lower() for clause in constraining.values() for k in clause}
    assert condition_keys(statement) == expected_keys
    strict = [
        clause[k]
        for operator, clause in constraining.items()
        if not operator.lower().endswith("ifexists")
        for k in clause
        if k.lower() == key.lower()
    ]
    found = condition_values(statement, key)
    if not strict:
        assert found is None
    else:
        flat = [v for value in strict for v in (value if isinstance(value, list) else [value])]
        assert found == [str(v) for v in flat]
    if found is not None:
        assert key.lower() in condition_keys(statement)


@pytest.mark.parametrize(
    ("values", "expected"),
    [(None, False), ([], False), (["a"], True), (["a", "b*"], False), (["a?"], False)],
)
def test_pinned_values_name_something_exactly(values: list[str] | None, expected: bool) -> None:
    assert pinned(values) is expected


def test_statements_or_problem_reads_or_says_why_not() -> None:
    document = {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}
    assert statements_or_problem(document) == statements(document)
    assert statements_or_problem("{nope") == (
        "the policy cannot be read: the policy is not valid JSON"
        " (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"
    )
    assert (
        statements_or_problem([]) == "the policy cannot be read: the policy must be a JSON object"
    )


def test_allow_problems_asks_only_of_allow_statements() -> None:
    seen: list[int] = []

    def problem_of(s: Statement) -> str | None:
        seen.append(s.index)
        return f"#{s.index}" if s.index != 2 else None

    policy = {"Statement": [{"Effect": "Deny"}, {"Effect": "Allow"}, {"Effect": "Allow"}]}
    assert allow_problems(policy, problem_of) == ["#1"]
    assert seen == [1, 2]
    assert allow_problems(None, problem_of) == []
    assert allow_problems({"Statement": "x"}, problem_of) == [
        "the policy cannot be read: Statement must be an object or a list of objects"
    ]
