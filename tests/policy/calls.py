"""A catalogue rule called by name, as the rule-level tests call it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connect_streaming_policy.catalogue import rule
from connect_streaming_policy.vocabulary import Context, ResourceRule


def violations(
    name: str, resource_type: str, props: Mapping[str, Any], **context: Any
) -> list[str]:
    """What the resource rule ``name`` says of one resource (``context``: Context fields)."""
    found = rule(name)
    assert isinstance(found, ResourceRule)
    return found.violations(resource_type, props, Context(**context))
