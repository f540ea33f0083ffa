"""required-tags: the stricter set in strict environments, configurable tags, untaggable types."""

from __future__ import annotations

from tests.policy.calls import violations


def test_required_tags_and_the_stricter_prod() -> None:
    props = {"name": "t", "tags": {"owner": "o", "cost-center": "c", "environment": "dev"}}
    assert violations("required-tags", "aws:sns/topic:Topic", props) == []
    prod = {"name": "t", "tags": {"owner": "o", "cost-center": "c", "environment": "prod"}}
    (message,) = violations("required-tags", "aws:sns/topic:Topic", prod)
    assert "data-classification" in message
    untagged = {"name": "t"}
    (message,) = violations("required-tags", "aws:sns/topic:Topic", untagged, environment="prod")
    assert "owner, cost-center, environment, data-classification" in message


def test_required_tags_are_configurable_and_skip_untaggable_types() -> None:
    props = {"name": "t", "tags": {"team": "x"}}
    assert (
        violations("required-tags", "aws:sns/topic:Topic", props, config={"requiredTags": ["team"]})
        == []
    )
    assert violations("required-tags", "aws:kms/alias:Alias", {"name": "alias/x"}) == []
