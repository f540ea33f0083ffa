"""Resource-policy statements open to every principal: when a condition still pins the account,
and the finding when none does (topic and queue policies share it)."""

from __future__ import annotations

from typing import Final

from connect_streaming_policy.statements import Statement, condition_values, is_public, pinned

__all__ = ["account_restricted", "public_problem"]

# Global condition keys that pin who may act on a resource policy's wildcard principal
# (IAM User Guide, "AWS global condition context keys").
_ACCOUNT_KEYS: Final = frozenset(
    {
        "aws:sourceowner",
        "aws:sourceaccount",
        "aws:sourcearn",
        "aws:principalaccount",
        "aws:principalorgid",
        "aws:principalarn",
        "aws:sourcevpce",
    }
)


def account_restricted(statement: Statement) -> bool:
    """Whether a constraining condition names an account, organization or source exactly."""
    return any(pinned(condition_values(statement, key)) for key in _ACCOUNT_KEYS)


def public_problem(s: Statement, what: str) -> str | None:
    """The finding for an Allow open to everyone with no account condition (None otherwise);
    ``what`` names the resource (topic, queue)."""
    if s.effect != "Allow" or not is_public(s) or account_restricted(s):
        return None
    actions = list(s.actions) or ["everything but", *s.not_actions]
    return (
        f"{s.label} allows {actions} to every principal ('*') with no condition naming an"
        f" account; anyone could use the {what}: name the account or service principal, or add"
        " StringEquals aws:SourceAccount / aws:PrincipalOrgID"
    )
