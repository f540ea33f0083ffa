"""The CrossGuard policies, built from :mod:`connect_streaming_policy.rules` (the pure rules)."""

from __future__ import annotations

import os
from collections.abc import Mapping
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

from connect_streaming_policy.rules import (
    RESOURCE_RULES,
    STACK_RULES,
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
        for message in rule.violations(args.resource_type, args.props, context):
            report_violation(message, None)

    return ResourceValidationPolicy(validate=validate, **_metadata(rule))


def _stack_policy(rule: StackRule) -> StackValidationPolicy:
    def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
        resources = [
            StackResource(
                type=r.resource_type,
                urn=r.urn,
                name=r.name,
                props=r.props,
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
