"""The policy-document reader to the letter: each malformed document's exact refusal, and a
lone statement object read with its defaults."""

from __future__ import annotations

import pytest

from connect_streaming_policy.statements import DocumentError, statements


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        (5, "the policy must be a JSON object"),
        ({"Statement": "x"}, "Statement must be an object or a list of objects"),
        ({"Statement": [{}, "x"]}, "statement #2 is not an object"),
        ({"Statement": [{}, {"Condition": "x"}]}, "statement #2: Condition must be an object"),
        *(
            ({"Statement": [{field: value}]}, f"{field} must be a string or a list of strings")
            for field in ("Action", "NotAction", "Resource", "NotResource")
            for value in (5, ["a", 5])
        ),
    ],
)
def test_malformed_documents_are_refused_word_for_word(policy: object, message: str) -> None:
    with pytest.raises(DocumentError) as raised:
        statements(policy)
    assert str(raised.value) == message


def test_a_lone_statement_object_reads_with_defaults() -> None:
    (only,) = statements({"Statement": {"Sid": 5, "Action": "s3:GetObject"}})
    assert (only.sid, only.effect, only.actions, only.label) == (
        None,
        "",
        ("s3:GetObject",),
        "statement #1",
    )
