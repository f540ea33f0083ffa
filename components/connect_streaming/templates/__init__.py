"""Task templates: the pure definition and its rules (``definition``) and the
:class:`TaskTemplate` component over pulumi-aws-native (``component``, loaded on first use)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connect_streaming._lazy import lazy_exports
from connect_streaming.templates.definition import (
    TaskTemplateDefinition,
    TaskTemplateError,
    TemplateField,
    TemplateProblem,
    check_template,
    starts_alone,
    template_problems,
)

if TYPE_CHECKING:
    from connect_streaming.templates.component import (
        TaskTemplate,
        TaskTemplateArgs,
        TaskTemplateFieldArgs,
    )

_COMPONENT = ("TaskTemplate", "TaskTemplateArgs", "TaskTemplateFieldArgs")

__all__ = [
    "TaskTemplate",
    "TaskTemplateArgs",
    "TaskTemplateDefinition",
    "TaskTemplateError",
    "TaskTemplateFieldArgs",
    "TemplateField",
    "TemplateProblem",
    "check_template",
    "starts_alone",
    "template_problems",
]

__getattr__ = lazy_exports(__name__, dict.fromkeys(_COMPONENT, f"{__name__}.component"))
