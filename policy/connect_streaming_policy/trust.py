"""Role trust policies: who may assume a role. No ``*`` principal, and web identity (OIDC)
trust carries an audience and a subject that pins a repository or identity."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from connect_streaming_policy.arns import OIDC_PROVIDER_ARN
from connect_streaming_policy.statements import (
    Statement,
    condition_values,
    covers,
    is_public,
    pinned,
    principals,
    statements_or_problem,
)
from connect_streaming_policy.vocabulary import ROLE, Context, resource_rule

__all__ = ["COGNITO_HOST", "GITHUB_OIDC_HOST", "ROLE_TRUST_SCOPED", "trust_problems"]

GITHUB_OIDC_HOST: Final = "token.actions.githubusercontent.com"
COGNITO_HOST: Final = "cognito-identity.amazonaws.com"
_GITHUB_SUBJECT: Final = re.compile(r"repo:[^*?/:]+/[^*?/:]+(:.*)?")


def _provider_host(federated: str) -> str:
    match = OIDC_PROVIDER_ARN.fullmatch(federated)
    return match["host"] if match else federated


def _subject_pinned(host: str, subjects: list[str]) -> bool:
    if host.lower() == GITHUB_OIDC_HOST:
        return all(_GITHUB_SUBJECT.fullmatch(v) for v in subjects)
    return all(v and v[0] not in "*?" for v in subjects)


def _web_identity_problem(s: Statement, federated: str) -> str | None:
    host = _provider_host(federated)
    audiences = condition_values(s, f"{host}:aud")
    missing = []
    if not pinned(audiences):
        missing.append(f"a {host}:aud condition (got {audiences})")
    subjects = condition_values(s, f"{host}:sub")
    # Cognito's audience is the identity pool ID, which pins the identities by itself.
    if host.lower() != COGNITO_HOST and not (subjects and _subject_pinned(host, subjects)):
        want = "repo:OWNER/REPO:..." if host.lower() == GITHUB_OIDC_HOST else "a subject"
        missing.append(f"a {host}:sub condition pinning {want} (got {subjects})")
    if not missing:
        return None
    return (
        f"{s.label} lets {federated} assume the role without {' and '.join(missing)}; any"
        " identity of the provider could assume it: add StringEquals aud and sub conditions"
    )


def _statement_problems(s: Statement) -> list[str]:
    if s.effect != "Allow":
        return []
    if is_public(s):
        return [
            f"{s.label} lets every principal ('*') assume the role; name the account, role"
            " or service that needs it"
        ]
    if not s.not_actions and not covers(s.actions, "sts:assumerolewithwebidentity"):
        return []
    problems = []
    for federated in principals(s, "Federated"):
        if ":saml-provider/" in federated:
            continue  # SAML federation has neither aud nor sub claims of this form
        problem = _web_identity_problem(s, federated)
        if problem:
            problems.append(problem)
    return problems


def trust_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """Role trust policies name no '*' principal, and web identity (OIDC) trust carries an aud
    condition and a sub condition pinning a repository or subject.

    Fix: Name the principal; for GitHub OIDC add StringEquals
    token.actions.githubusercontent.com:aud sts.amazonaws.com and StringLike
    token.actions.githubusercontent.com:sub repo:OWNER/REPO:* (Trust(oidc_...)).
    """
    policy = props.get("assumeRolePolicy")
    parsed = statements_or_problem(policy) if policy is not None else []
    if isinstance(parsed, str):
        return [f"assumeRolePolicy: {parsed}"]
    return [problem for s in parsed for problem in _statement_problems(s)]


ROLE_TRUST_SCOPED: Final = resource_rule(
    "role-trust-scoped", trust_problems, "critical", "mandatory", ROLE
)
