"""Checks of the streaming path's resource policies, pure: SNS topic and SQS queue policies,
Lambda permissions for SNS, topic subscriptions, role trust policies and KMS key policies.

Each check takes the resource type, its properties and the rule's context, and returns one
message per problem naming the statement and the fix. :mod:`connect_streaming_policy.rules`
makes them rules. Facts come from the AWS documentation named beside each constant.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

from connect_streaming.documents import CONNECT_SERVICE, SNS_SERVICE
from connect_streaming_policy.iam import (
    DocumentError,
    Statement,
    is_array,
    statements,
    string_list,
)

if TYPE_CHECKING:
    from connect_streaming_policy.rules import Context

GITHUB_OIDC_HOST: Final = "token.actions.githubusercontent.com"
COGNITO_HOST: Final = "cognito-identity.amazonaws.com"
# What SNS needs from a publisher's key for server-side encryption (SNS developer guide,
# "Encryption at rest": kms:GenerateDataKey* and kms:Decrypt), and nothing else.
STREAMING_KEY_ACTIONS: Final = frozenset(
    {"kms:generatedatakey*", "kms:generatedatakey", "kms:decrypt"}
)
STREAMING_KEY_SERVICES: Final = frozenset({CONNECT_SERVICE, SNS_SERVICE})
# SNS delivery protocols that stay inside AWS or use TLS (SNS API reference, Subscribe:
# http, https, email, email-json, sms, sqs, application, lambda, firehose).
INTERNAL_PROTOCOLS: Final = ("https", "sqs", "lambda", "firehose", "application")
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
NEGATED_OPERATOR: Final = re.compile(r"(ForAnyValue:|ForAllValues:)?(String|Arn)Not.*|Null", re.I)
"""Condition operators that do not constrain a key to the values given (negations, Null)."""
_ACCOUNT: Final = re.compile(r"[0-9]{12}")
_INSTANCE_ARN: Final = re.compile(
    r"arn:aws(-[a-z]+)*:connect:[a-z]{2}(-[a-z]+)+-[0-9]:(?P<account>[0-9]{12}):instance/[A-Za-z0-9-]+"
)
_TOPIC_ARN: Final = re.compile(
    r"arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?"
)
_NAMED_AWS_PRINCIPAL: Final = re.compile(
    r"[0-9]{12}|arn:aws(-[a-z]+)*:(iam|sts)::[0-9]{12}:(root|(role|user|assumed-role)/[^*?]+)"
)
_GITHUB_SUBJECT: Final = re.compile(r"repo:[^*?/:]+/[^*?/:]+(:.*)?")
_OIDC_ARN: Final = re.compile(r"arn:aws(-[a-z]+)*:iam::[0-9]{12}:oidc-provider/(?P<host>.+)")


# --- reading statements -----------------------------------------------------------------------


def _parse(policy: Any) -> list[Statement] | str:
    try:
        return statements(policy)
    except DocumentError as error:
        return f"the policy cannot be read: {error}"


def _allow_problems(policy: Any, problem_of: Callable[[Statement], str | None]) -> list[str]:
    """The problem ``problem_of`` finds in each Allow statement of ``policy`` (none when the
    policy is absent; the one reading problem when it cannot be read)."""
    parsed = _parse(policy) if policy is not None else []
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


def _covers(actions: tuple[str, ...], wanted: str) -> bool:
    return any(fnmatch.fnmatchcase(wanted, a.lower()) for a in actions)


def condition_values(statement: Statement, key: str) -> list[str] | None:
    """Values of condition ``key`` (any case) under operators that constrain: not negated, not
    ``...IfExists`` (absent keys pass those), not Null; None when no such condition exists."""
    found: list[str] | None = None
    for operator, clause in statement.condition.items():
        name = str(operator)
        if NEGATED_OPERATOR.fullmatch(name) or name.lower().endswith("ifexists"):
            continue
        if not isinstance(clause, Mapping):
            continue
        for clause_key, value in clause.items():
            if str(clause_key).lower() == key.lower():
                found = (found or []) + [str(v) for v in (value if is_array(value) else [value])]
    return found


def _pinned(values: list[str] | None) -> bool:
    return bool(values) and not any("*" in v or "?" in v for v in values or [])


def _account_restricted(statement: Statement) -> bool:
    return any(_pinned(condition_values(statement, key)) for key in _ACCOUNT_KEYS)


def _public_problem(s: Statement, what: str) -> str | None:
    if s.effect != "Allow" or not is_public(s) or _account_restricted(s):
        return None
    actions = list(s.actions) or ["everything but", *s.not_actions]
    return (
        f"{s.label} allows {actions} to every principal ('*') with no condition naming an"
        f" account; anyone could use the {what}: name the account or service principal, or add"
        " StringEquals aws:SourceAccount / aws:PrincipalOrgID"
    )


# --- SNS topic policies -----------------------------------------------------------------------


def topic_public_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """Allow statements open to every principal with no account condition."""
    return _allow_problems(props.get("policy"), lambda s: _public_problem(s, "topic"))


def _connect_grant_problem(s: Statement) -> str | None:
    accounts = condition_values(s, "aws:SourceAccount")
    arns = condition_values(s, "aws:SourceArn")
    wrong: list[str] = []
    if not accounts or not all(_ACCOUNT.fullmatch(a) for a in accounts):
        wrong.append(f"aws:SourceAccount {accounts or 'missing'} (want one account ID)")
    matches = [_INSTANCE_ARN.fullmatch(a) for a in arns or []]
    if not arns or not all(matches):
        wrong.append(
            f"aws:SourceArn {arns or 'missing'} (want arn:aws:connect:REGION:ACCOUNT:instance/ID"
            " with no '*')"
        )
    elif accounts and any(m and m["account"] not in accounts for m in matches):
        wrong.append(f"aws:SourceArn {arns} is not in aws:SourceAccount {accounts}")
    if not wrong:
        return None
    return (
        f"{s.label} lets connect.amazonaws.com publish with {'; '.join(wrong)}; condition it on"
        " StringEquals aws:SourceAccount and ArnEquals aws:SourceArn naming your one instance"
    )


def connect_publish_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """Connect's sns:Publish grant must name one account and one instance."""

    def problem_of(s: Statement) -> str | None:
        if CONNECT_SERVICE not in principals(s, "Service"):
            return None
        if not s.not_actions and not _covers(s.actions, "sns:publish"):
            return None
        return _connect_grant_problem(s)

    return _allow_problems(props.get("policy"), problem_of)


# --- SQS queue policies -----------------------------------------------------------------------


def _senders_problem(s: Statement, allowed_services: list[str]) -> str | None:
    services = [v.lower() for v in principals(s, "Service")]
    others = [p for p in principals(s, "AWS") if not _NAMED_AWS_PRINCIPAL.fullmatch(p)]
    others += [p for p in services if p not in allowed_services]
    others += principals(s, "Federated") + principals(s, "CanonicalUser")
    if s.not_principal is not None:
        others.append("NotPrincipal")
    if others:
        return (
            f"{s.label} lets {others} send messages; only {allowed_services} or named account"
            " principals may send to the queue"
        )
    if services and not all(
        _TOPIC_ARN.fullmatch(v) for v in condition_values(s, "aws:SourceArn") or [""]
    ):
        return (
            f"{s.label} lets {services} send without an aws:SourceArn naming one topic"
            f" (got {condition_values(s, 'aws:SourceArn')}); add ArnEquals aws:SourceArn"
            " arn:aws:sns:REGION:ACCOUNT:TOPIC"
        )
    return None


def queue_problems(_type: str, props: Mapping[str, Any], context: Context) -> list[str]:
    """Who may send to the queue, and no public Allow."""
    allowed = [s.lower() for s in string_list(context.config.get("senderServices"))]

    def problem_of(s: Statement) -> str | None:
        if s.not_actions or _covers(s.actions, "sqs:sendmessage"):
            return _senders_problem(s, allowed)
        return _public_problem(s, "queue")

    return _allow_problems(props.get("policy"), problem_of)


# --- Lambda permissions and subscriptions -----------------------------------------------------


def lambda_permission_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """SNS may invoke a function only from a named topic; nobody may invoke it as ``*``."""
    principal = props.get("principal")
    if principal == "*":
        return [
            "the permission lets every principal ('*') invoke the function; name the service"
            " principal and its sourceArn"
        ]
    if not isinstance(principal, str) or principal.lower() != SNS_SERVICE:
        return []
    source = props.get("sourceArn")
    if isinstance(source, str) and _TOPIC_ARN.fullmatch(source):
        return []
    return [
        f"the permission lets sns.amazonaws.com invoke the function with sourceArn {source!r};"
        " any topic of any account could invoke it: set source_arn to the topic's ARN"
    ]


def subscription_problems(_type: str, props: Mapping[str, Any], context: Context) -> list[str]:
    """Subscriptions deliver only over the allowed (AWS-internal or TLS) protocols."""
    protocol = props.get("protocol")
    allowed = [p.lower() for p in string_list(context.config.get("allowedProtocols"))]
    if not isinstance(protocol, str) or protocol.lower() in allowed:
        return []
    why = {
        "http": "plain HTTP sends chat content unencrypted",
        "email": "email sends chat content to a mailbox outside AWS",
        "email-json": "email-json sends chat content to a mailbox outside AWS",
        "sms": "SMS sends chat content to a phone outside AWS",
    }.get(protocol.lower(), "the protocol is not one of the allowed ones")
    return [
        f"the subscription delivers over {protocol!r} to {props.get('endpoint')!r}: {why}; use"
        f" one of {', '.join(allowed)} (an https endpoint or an SQS queue)"
    ]


# --- role trust policies ----------------------------------------------------------------------


def _provider_host(federated: str) -> str:
    match = _OIDC_ARN.fullmatch(federated)
    return match["host"] if match else federated


def _subject_pinned(host: str, subjects: list[str]) -> bool:
    if host.lower() == GITHUB_OIDC_HOST:
        return all(_GITHUB_SUBJECT.fullmatch(v) for v in subjects)
    return all(v and v[0] not in "*?" for v in subjects)


def _web_identity_problem(s: Statement, federated: str) -> str | None:
    host = _provider_host(federated)
    audiences = condition_values(s, f"{host}:aud")
    missing = []
    if not _pinned(audiences):
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


def trust_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """No ``*`` principal; web identity needs aud and a pinned sub."""
    policy = props.get("assumeRolePolicy")
    parsed = _parse(policy) if policy is not None else []
    if isinstance(parsed, str):
        return [f"assumeRolePolicy: {parsed}"]
    problems: list[str] = []
    for s in parsed:
        if s.effect != "Allow":
            continue
        if is_public(s):
            problems.append(
                f"{s.label} lets every principal ('*') assume the role; name the account, role"
                " or service that needs it"
            )
            continue
        if not s.not_actions and not _covers(s.actions, "sts:assumerolewithwebidentity"):
            continue
        for federated in principals(s, "Federated"):
            if ":saml-provider/" in federated:
                continue  # SAML federation has neither aud nor sub claims of this form
            problem = _web_identity_problem(s, federated)
            if problem:
                problems.append(problem)
    return problems


# --- KMS key policies -------------------------------------------------------------------------


def _key_grant_problem(s: Statement) -> str | None:
    services = [v.lower() for v in principals(s, "Service")]
    if not services:
        return None
    streaming = [v for v in services if v in STREAMING_KEY_SERVICES]
    if s.not_actions:
        extra = [f"everything but {list(s.not_actions)}"]
    elif streaming:
        extra = [a for a in s.actions if a.lower() not in STREAMING_KEY_ACTIONS]
    else:
        extra = [a for a in s.actions if a == "*" or a.lower() == "kms:*"]
    if not extra:
        return None
    return (
        f"{s.label} grants {services} {extra}; a service principal gets only what streaming"
        " needs: kms:GenerateDataKey* and kms:Decrypt"
    )


def key_grant_problems(_type: str, props: Mapping[str, Any], _: Context) -> list[str]:
    """Service principals get kms:GenerateDataKey* and kms:Decrypt, never kms:*."""
    return _allow_problems(props.get("policy"), _key_grant_problem)
