"""The rule records and their factories: settings over schema defaults, the types a rule judges,
the context its check gets, and a rule's texts read from its check's docstring (hypothesis: any
wrapped description and fix read back word for word)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming_policy.vocabulary import (
    KEY,
    TOPIC,
    Context,
    ResourceRule,
    StackRule,
    resource_rule,
    rule_text,
    stack_rule,
)

SCHEMA = {"a": {"type": "integer", "default": 1}, "b": {"type": "integer", "default": 2}}


def _documented(resource_type: str, props: Mapping[str, Any], context: Context) -> list[str]:
    """Keys rotate.

    Fix: Turn rotation on.
    """
    return [f"{resource_type} {sorted(props)} {dict(context.config)} {context.environment}"]


def _stack_check(_resources: Any, context: Context) -> list[tuple[str, str | None]]:
    """Topics have
    subscribers.

    Fix: Add a
    subscriber.

    Notes for readers of the code are not published.
    """
    return [(str(dict(context.config)), None)]


def test_settings_overlay_the_schema_defaults_and_drop_the_enforcement_level() -> None:
    rule = resource_rule("probe", _documented, "low", "advisory", config=SCHEMA)
    assert rule.settings(None) == {"a": 1, "b": 2}
    assert rule.settings({"b": 3, "c": 4, "enforcementLevel": "mandatory"}) == {
        "a": 1,
        "b": 3,
        "c": 4,
    }


def test_a_resource_rule_judges_only_its_types_and_hands_its_check_the_context() -> None:
    rule = resource_rule("probe", _documented, "low", "advisory", KEY, config=SCHEMA)
    assert rule.types == frozenset({KEY})
    assert rule.applies_to(KEY)
    assert not rule.applies_to(TOPIC)
    assert rule.violations(TOPIC, {"x": 1}) == []
    assert rule.violations(KEY, {"x": 1}, Context({"b": 5, "enforcementLevel": "x"}, "prod")) == [
        f"{KEY} ['x'] {{'a': 1, 'b': 5}} prod"
    ]
    assert rule.violations(KEY, {}) == [f"{KEY} [] {{'a': 1, 'b': 2}} None"]


def test_a_rule_without_types_judges_every_type() -> None:
    rule = resource_rule("probe", _documented, "low", "advisory")
    assert rule.types == frozenset()
    assert rule.config == {}
    assert rule.applies_to("aws:anything/at:All")
    assert rule.violations("aws:x/y:Z", {}) == ["aws:x/y:Z [] {} None"]


def test_the_factories_build_the_records_their_texts_from_the_docstring() -> None:
    assert resource_rule("probe", _documented, "high", "mandatory", TOPIC, KEY) == ResourceRule(
        name="probe",
        description="Keys rotate.",
        severity="high",
        remediation="Turn rotation on.",
        level="mandatory",
        types=frozenset({TOPIC, KEY}),
        check=_documented,
    )
    rule = stack_rule("stack-probe", _stack_check, "medium", "advisory", config=SCHEMA)
    assert rule == StackRule(
        name="stack-probe",
        description="Topics have subscribers.",
        severity="medium",
        remediation="Add a subscriber.",
        level="advisory",
        config=SCHEMA,
        check=_stack_check,
    )
    assert rule.violations([], Context({"a": 7})) == [("{'a': 7, 'b': 2}", None)]


def test_a_stack_rule_hands_its_check_the_settings_and_the_environment() -> None:
    seen: list[Context] = []

    def check(_resources: Any, context: Context) -> list[tuple[str, str | None]]:
        seen.append(context)
        return []

    stack_rule = StackRule(
        name="probe",
        description="d",
        severity="low",
        remediation="r",
        level="advisory",
        config={"a": {"type": "integer", "default": 1}, "b": {"type": "integer", "default": 2}},
        check=check,
    )
    given = Context({"b": 3, "enforcementLevel": "mandatory"}, "prod")
    assert stack_rule.violations([], given) == []
    assert seen == [Context({"a": 1, "b": 3}, "prod")]


def _no_fix() -> None:
    """A description alone."""


def _two_fixes() -> None:
    """A description.

    Fix: one.

    Fix: two.
    """


def _only_a_fix() -> None:
    """Fix: everything."""


@pytest.mark.parametrize("check", [_no_fix, _two_fixes, _only_a_fix, lambda: None])
def test_a_check_that_does_not_document_its_rule_is_refused_by_name(check: Any) -> None:
    with pytest.raises(ValueError, match=r"needs a docstring of a description, then one") as raised:
        rule_text(check)
    assert str(raised.value).startswith(check.__qualname__ + ": ")


def test_a_description_that_is_only_a_fix_is_refused() -> None:
    def check() -> None:
        """

        Fix: something.
        """

    with pytest.raises(ValueError, match="check: a rule's check needs"):
        rule_text(check)


words = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1)
texts = st.lists(words, min_size=1, max_size=40).map(" ".join)


@given(texts, texts.filter(lambda t: not t.startswith("Fix:")), st.integers(20, 90))
def test_any_wrapped_description_and_fix_read_back_word_for_word(
    remediation: str, description: str, width: int
) -> None:
    def check() -> None: ...

    wrap = textwrap.TextWrapper(width, break_long_words=False, break_on_hyphens=False)
    check.__doc__ = "\n".join(
        [*wrap.wrap(description), "", *wrap.wrap("Fix: " + remediation)]
    ).replace("\n", "\n    ")
    assert rule_text(check) == (description, remediation)
