"""The CrossGuard policies, built from the pure rules in :mod:`.catalogue`."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UnknownValueError

from connect_streaming_policy.catalogue import RESOURCE_RULES, STACK_RULES
from connect_streaming_policy.vocabulary import (
    Context,
    ResourceRule,
    Rule,
    StackResource,
    StackRule,
)

PACK_NAME: Final = "connect-streaming"
PACK_DESCRIPTION: Final = (
    "Amazon Connect chat streaming and tasks: encrypted standard streaming topics, scoped"
    " service grants, least-privilege roles, valid contact flows, tags."
)


def _environment(stack_tags: Mapping[str, str]) -> str | None:
    """The stack's environment: its ``environment`` tag, else the stack name the engine sets."""
    return stack_tags.get("environment") or os.environ.get("PULUMI_STACK") or None


def plain(value: Any) -> Any:
    """A deep copy of ``value`` made of plain dicts and lists.

    The engine hands rules ``pulumi_policy`` proxies (a Sequence that is no ``list``, a Mapping
    that is no ``dict``); rules get plain values so that no type check can miss them. Reading an
    unknown (preview) value raises ``UnknownValueError``, as the proxy does.
    """
    if isinstance(value, str | bytes):
        return value
    if isinstance(value, Mapping):
        return {str(key): plain(value[key]) for key in value}
    if isinstance(value, Sequence):
        return [plain(item) for item in value]
    return value


class PlainProps(Mapping[str, Any]):
    """A resource's properties copied once to plain values; a property holding an unknown
    (preview) value raises ``UnknownValueError`` when a rule reads it, and only then."""

    def __init__(self, props: Mapping[str, Any]) -> None:
        self._values: dict[str, Any] = {}
        self._unknown: dict[str, UnknownValueError] = {}
        for key in props:
            try:
                self._values[str(key)] = plain(props[key])
            except UnknownValueError as error:
                self._unknown[str(key)] = error

    def __getitem__(self, key: str) -> Any:
        if key in self._unknown:
            error = self._unknown[key]
            raise UnknownValueError(error.unknown_type_sentinel, error.props)
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._values, *self._unknown])

    def __len__(self) -> int:
        return len(self._values) + len(self._unknown)


def _schema(rule: Rule) -> PolicyConfigSchema | None:
    return (
        PolicyConfigSchema(properties={k: dict(v) for k, v in rule.config.items()})
        if rule.config
        else None
    )


def _metadata(rule: Rule) -> dict[str, Any]:
    """What every CrossGuard policy carries besides its validation."""
    return {
        "name": rule.name,
        "description": rule.description,
        "enforcement_level": EnforcementLevel(rule.level),
        "config_schema": _schema(rule),
        "severity": Severity(rule.severity),
        "remediation_steps": rule.remediation,
    }


def _resource_policy(rule: ResourceRule) -> ResourceValidationPolicy:
    def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
        if not rule.applies_to(args.resource_type):
            return
        context = Context(args.get_config(), _environment(args.stack_tags))
        props = PlainProps(args.props)
        for message in rule.violations(args.resource_type, props, context):
            report_violation(message, None)

    return ResourceValidationPolicy(validate=validate, **_metadata(rule))


def _stack_policy(rule: StackRule) -> StackValidationPolicy:
    def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
        resources = [
            StackResource(
                type=r.resource_type,
                urn=r.urn,
                name=r.name,
                props=PlainProps(r.props),
                parent=r.parent.urn if r.parent is not None else None,
            )
            for r in args.resources
        ]
        context = Context(args.get_config(), _environment(args.stack_tags))
        for message, urn in rule.violations(resources, context):
            report_violation(message, urn)

    return StackValidationPolicy(validate=validate, **_metadata(rule))


def policies() -> list[Policy]:
    """Every rule as a CrossGuard policy."""
    built: list[Policy] = [_resource_policy(r) for r in RESOURCE_RULES]
    built.extend(_stack_policy(r) for r in STACK_RULES)
    return built


def pack_arguments() -> dict[str, Any]:
    """Keyword arguments for ``PolicyPack`` (its constructor serves the pack and never returns)."""
    return {
        "name": PACK_NAME,
        "description": PACK_DESCRIPTION,
        "policies": policies(),
        "enforcement_level": EnforcementLevel.ADVISORY,
    }
