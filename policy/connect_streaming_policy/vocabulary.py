"""What every rule module speaks: resource type tokens, a rule's context, the rule records
and their factories. A leaf: it imports nothing of the pack, so no cycle can pass through it."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

__all__ = [
    "ATTACHMENT",
    "CONTACT_FLOW",
    "KEY",
    "LAMBDA_PERMISSION",
    "MANAGED_POLICY",
    "QUEUE",
    "QUEUE_POLICY",
    "ROLE",
    "ROLE_POLICY",
    "SUBSCRIPTION",
    "TASK_TEMPLATE",
    "TOPIC",
    "TOPIC_POLICY",
    "Context",
    "Level",
    "ResourceCheck",
    "ResourceRule",
    "Rule",
    "Severity",
    "StackCheck",
    "StackResource",
    "StackRule",
    "resource_rule",
    "rule_text",
    "stack_rule",
    "string_list_schema",
]

TOPIC: Final = "aws:sns/topic:Topic"
TOPIC_POLICY: Final = "aws:sns/topicPolicy:TopicPolicy"
SUBSCRIPTION: Final = "aws:sns/topicSubscription:TopicSubscription"
KEY: Final = "aws:kms/key:Key"
ROLE: Final = "aws:iam/role:Role"
ROLE_POLICY: Final = "aws:iam/rolePolicy:RolePolicy"
MANAGED_POLICY: Final = "aws:iam/policy:Policy"
ATTACHMENT: Final = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
CONTACT_FLOW: Final = "aws:connect/contactFlow:ContactFlow"
QUEUE: Final = "aws:sqs/queue:Queue"
QUEUE_POLICY: Final = "aws:sqs/queuePolicy:QueuePolicy"
LAMBDA_PERMISSION: Final = "aws:lambda/permission:Permission"
TASK_TEMPLATE: Final = "aws-native:connect:TaskTemplate"


@dataclass(frozen=True)
class Context:
    """What a rule knows besides the resource: its config and the environment (stack)."""

    config: Mapping[str, Any] = field(default_factory=dict)
    environment: str | None = None


@dataclass(frozen=True)
class StackResource:
    """One resource of the stack, for stack rules."""

    type: str
    urn: str
    name: str
    props: Mapping[str, Any]
    parent: str | None = None


Severity = Literal["low", "medium", "high", "critical"]
Level = Literal["advisory", "mandatory", "disabled"]
ResourceCheck = Callable[[str, Mapping[str, Any], Context], list[str]]
StackCheck = Callable[[Sequence[StackResource], Context], list[tuple[str, str | None]]]


@dataclass(frozen=True)
class Rule:
    """A rule's identity and documentation; ``config`` maps property -> JSON schema (with a
    default) as Pulumi's policy config expects."""

    name: str
    description: str
    severity: Severity
    remediation: str
    level: Level
    config: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def settings(self, given: Mapping[str, Any] | None) -> dict[str, Any]:
        """The schema defaults overlaid with the configured values."""
        values = {key: schema.get("default") for key, schema in self.config.items()}
        values.update({k: v for k, v in (given or {}).items() if k != "enforcementLevel"})
        return values


@dataclass(frozen=True)
class ResourceRule(Rule):
    """A rule judged one resource at a time; ``types`` limits it (empty: every type)."""

    types: frozenset[str] = frozenset()
    check: ResourceCheck = field(default=lambda _t, _p, _c: [])

    def applies_to(self, resource_type: str) -> bool:
        """Whether the rule looks at resources of this type."""
        return not self.types or resource_type in self.types

    def violations(
        self, resource_type: str, props: Mapping[str, Any], context: Context | None = None
    ) -> list[str]:
        """Messages for every violation (``[]`` when the resource complies or is out of scope)."""
        if not self.applies_to(resource_type):
            return []
        context = context or Context()
        return self.check(
            resource_type, props, Context(self.settings(context.config), context.environment)
        )


@dataclass(frozen=True)
class StackRule(Rule):
    """A rule judged on the whole stack."""

    check: StackCheck = field(default=lambda _r, _c: [])

    def violations(
        self, resources: Sequence[StackResource], context: Context | None = None
    ) -> list[tuple[str, str | None]]:
        """(message, urn or None) for every violation."""
        context = context or Context()
        return self.check(resources, Context(self.settings(context.config), context.environment))


def string_list_schema(default: list[str], description: str) -> dict[str, Any]:
    """The config schema of a list of strings with its default."""
    return {
        "type": "array",
        "items": {"type": "string"},
        "default": default,
        "description": description,
    }


def rule_text(check: Callable[..., Any]) -> tuple[str, str]:
    """A rule's description and remediation, from its check's docstring: the first paragraph,
    and the paragraph that starts ``Fix:`` (each paragraph's lines joined by one space).

    Example:
        >>> def check(*_: object) -> list[str]:
        ...     \"\"\"Topics are
        ...     encrypted.
        ...
        ...     Fix: Set a key.
        ...     \"\"\"
        ...     return []
        >>> rule_text(check)
        ('Topics are encrypted.', 'Set a key.')
    """
    paragraphs = [
        " ".join(p.split("\n")) for p in inspect.cleandoc(check.__doc__ or "").split("\n\n")
    ]
    fixes = [p.removeprefix("Fix:").strip() for p in paragraphs if p.startswith("Fix:")]
    if not paragraphs[0] or paragraphs[0].startswith("Fix:") or len(fixes) != 1:
        # ValueError, not the pack's PolicyRuleError: a leaf imports nothing of the pack,
        # and this is a mistake in a rule's own code, found when its module loads.
        raise ValueError(
            f"{check.__qualname__}: a rule's check needs a docstring of a description, then one"
            " paragraph 'Fix: ...' (run Python without -OO, which drops docstrings)"
        )
    return paragraphs[0], fixes[0]


def resource_rule(
    name: str,
    check: ResourceCheck,
    severity: Severity,
    level: Level,
    *types: str,
    config: Mapping[str, Mapping[str, Any]] | None = None,
) -> ResourceRule:
    """The rule ``check`` makes, documented by its docstring (:func:`rule_text`); judged on
    resources of ``types`` (none: every type)."""
    description, remediation = rule_text(check)
    return ResourceRule(
        name, description, severity, remediation, level, config or {}, frozenset(types), check
    )


def stack_rule(
    name: str,
    check: StackCheck,
    severity: Severity,
    level: Level,
    *,
    config: Mapping[str, Mapping[str, Any]] | None = None,
) -> StackRule:
    """The stack rule ``check`` makes, documented by its docstring (:func:`rule_text`)."""
    description, remediation = rule_text(check)
    return StackRule(name, description, severity, remediation, level, config or {}, check)
