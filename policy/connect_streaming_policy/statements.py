"""The one reader of policy documents (identity, trust and resource policies): statements
normalised, and what the rules ask of them (principals, actions, constraining conditions).
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeGuard

from connect_streaming_policy.errors import PolicyRuleError

__all__ = [
    "NEGATED_OPERATOR",
    "DocumentError",
    "Statement",
    "allow_problems",
    "condition_keys",
    "condition_values",
    "covers",
    "denies_plain_http",
    "insecure_transport_problems",
    "is_array",
    "is_public",
    "load_document",
    "pinned",
    "principals",
    "statements",
    "statements_or_problem",
    "string_list",
]

NEGATED_OPERATOR: Final = re.compile(r"(ForAnyValue:|ForAllValues:)?(String|Arn)Not.*|Null", re.I)
"""Condition operators that do not constrain a key to the values given (negations, Null)."""


class DocumentError(PolicyRuleError):
    """The policy is not a JSON IAM policy document; the message says what is wrong."""


@dataclass(frozen=True)
class Statement:
    """One statement, with Action/Resource normalised to lists."""

    index: int
    sid: str | None
    effect: str
    actions: tuple[str, ...]
    not_actions: tuple[str, ...]
    resources: tuple[str, ...]
    principal: Any
    condition: Mapping[str, Any]
    not_resources: tuple[str, ...] = ()
    not_principal: Any = None

    @property
    def label(self) -> str:
        """How a message names the statement."""
        return f"statement {self.sid!r}" if self.sid else f"statement #{self.index + 1}"


def is_array(value: Any) -> TypeGuard[Sequence[Any]]:
    """A JSON array however it arrives (list, tuple, the engine's proxy), never a string."""
    return isinstance(value, Sequence) and not isinstance(value, str | bytes)


def string_list(value: Any) -> list[str]:
    """A string, or an array's strings, as a list (anything else: [])."""
    if isinstance(value, str):
        return [value]
    if is_array(value):
        return [v for v in value if isinstance(v, str)]
    return []


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if is_array(value) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise DocumentError(f"{what} must be a string or a list of strings")


def load_document(policy: Any) -> dict[str, Any]:
    """A policy given as JSON text or as an object, as a dict (DocumentError if neither)."""
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError as error:
            raise DocumentError(f"the policy is not valid JSON ({error})") from None
    if not isinstance(policy, Mapping):
        raise DocumentError("the policy must be a JSON object")
    return dict(policy)


def statements(policy: Any) -> list[Statement]:
    """The document's statements (DocumentError on a malformed document)."""
    document = load_document(policy)
    raw = document.get("Statement")
    items = [raw] if isinstance(raw, Mapping) else raw
    if not is_array(items):
        raise DocumentError("Statement must be an object or a list of objects")
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise DocumentError(f"statement #{index + 1} is not an object")
        condition = item.get("Condition") or {}
        if not isinstance(condition, Mapping):
            raise DocumentError(f"statement #{index + 1}: Condition must be an object")
        sid = item.get("Sid")
        result.append(
            Statement(
                index=index,
                sid=sid if isinstance(sid, str) else None,
                effect=str(item.get("Effect", "")),
                actions=_strings(item.get("Action"), "Action"),
                not_actions=_strings(item.get("NotAction"), "NotAction"),
                resources=_strings(item.get("Resource"), "Resource"),
                principal=item.get("Principal"),
                condition=condition,
                not_resources=_strings(item.get("NotResource"), "NotResource"),
                not_principal=item.get("NotPrincipal"),
            )
        )
    return result


def statements_or_problem(policy: Any) -> list[Statement] | str:
    """The statements, or the one finding a rule reports when the policy cannot be read."""
    try:
        return statements(policy)
    except DocumentError as error:
        return f"the policy cannot be read: {error}"


def allow_problems(policy: Any, problem_of: Callable[[Statement], str | None]) -> list[str]:
    """The problem ``problem_of`` finds in each Allow statement of ``policy`` (none when the
    policy is absent; the one reading problem when it cannot be read)."""
    parsed = statements_or_problem(policy) if policy is not None else []
    if isinstance(parsed, str):
        return [parsed]
    return [p for s in parsed if s.effect == "Allow" and (p := problem_of(s)) is not None]


def principals(statement: Statement, kind: str) -> list[str]:
    """The statement's principals of one kind (``AWS``, ``Service``, ``Federated``); a bare
    ``"*"`` principal counts as ``AWS: *``."""
    principal = statement.principal
    if principal == "*":
        return ["*"] if kind == "AWS" else []
    if isinstance(principal, Mapping):
        return string_list(principal.get(kind))
    return []


def is_public(statement: Statement) -> bool:
    """Whether the statement names every principal (``*``, ``AWS: *`` or a NotPrincipal)."""
    return statement.not_principal is not None or "*" in principals(statement, "AWS")


def covers(actions: Sequence[str], wanted: str) -> bool:
    """Whether one of ``actions`` (wildcards allowed, any case) names the lower-case ``wanted``."""
    return any(fnmatch.fnmatchcase(wanted, a.lower()) for a in actions)


def _is_false(value: Any) -> bool:
    values = list(value) if is_array(value) else [value]
    return any(v is False or (isinstance(v, str) and v.lower() == "false") for v in values)


def denies_plain_http(statement: Statement, actions: Sequence[str]) -> bool:
    """Whether the statement denies every principal (``*``) all of ``actions`` (lower case)
    under ``Bool aws:SecureTransport false``."""
    if statement.effect != "Deny" or not all(covers(statement.actions, a) for a in actions):
        return False
    if statement.principal != "*" and "*" not in principals(statement, "AWS"):
        return False  # a Deny for some principals leaves the others free to use HTTP
    return any(
        str(operator).lower() == "bool"
        and isinstance(clause, Mapping)
        and any(
            str(key).lower() == "aws:securetransport" and _is_false(value)
            for key, value in clause.items()
        )
        for operator, clause in statement.condition.items()
    )


def insecure_transport_problems(policy: Any, actions: Sequence[str], finding: str) -> list[str]:
    """``[]`` when ``policy`` is absent or has a :func:`denies_plain_http` statement for
    ``actions``; the reading problem when it cannot be read; else ``[finding]``."""
    if policy is None:
        return []
    parsed = statements_or_problem(policy)
    if isinstance(parsed, str):
        return [parsed]
    return [] if any(denies_plain_http(s, actions) for s in parsed) else [finding]


def _constraining(statement: Statement, *, if_exists: bool) -> Iterator[tuple[Any, Any]]:
    """(key, value) under the operators that constrain: not negated, not Null, and not
    ``...IfExists`` unless ``if_exists`` (absent keys pass those)."""
    for operator, clause in statement.condition.items():
        name = str(operator)
        if NEGATED_OPERATOR.fullmatch(name) or not isinstance(clause, Mapping):
            continue
        if not if_exists and name.lower().endswith("ifexists"):
            continue
        yield from clause.items()


def condition_values(statement: Statement, key: str) -> list[str] | None:
    """Values of condition ``key`` (any case) under operators that constrain: not negated, not
    ``...IfExists`` (absent keys pass those), not Null; None when no such condition exists."""
    found: list[str] | None = None
    for clause_key, value in _constraining(statement, if_exists=False):
        if str(clause_key).lower() == key.lower():
            found = (found or []) + [str(v) for v in (value if is_array(value) else [value])]
    return found


def condition_keys(statement: Statement) -> set[str]:
    """Lower-cased condition keys under operators that constrain (not negations, not Null);
    ``...IfExists`` operators count."""
    return {str(key).lower() for key, _ in _constraining(statement, if_exists=True)}


def pinned(values: list[str] | None) -> bool:
    """Whether condition values name something exactly: at least one, none with a wildcard."""
    return bool(values) and not any("*" in v or "?" in v for v in values or [])
