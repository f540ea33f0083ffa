"""The root of the exceptions the policy rules' readers raise."""

from __future__ import annotations

__all__ = ["PolicyRuleError"]


class PolicyRuleError(ValueError):
    """A document or template a rule cannot read; rules report it, never let it escape."""
